// Every problem of an import as an .xlsx, read page by page, for staff to correct the file from.
import type { ImportProblemView, ImportView } from '../../../../sdk';
import { api } from '../../api';
import { downloadXlsx, type ExportColumn } from '../../export/xlsx';
import { KIND } from './words';

/** The largest page the problems endpoint gives. */
const PAGE = 1000;
/** 200,000 rows may hold more problems than anyone reads: the first are enough to see what is wrong. */
export const EXPORT_LIMIT = 100_000;

export const rowLabel = (problem: ImportProblemView) => (problem.row === null ? '整个文件' : problem.row);
export const columnLabel = (problem: ImportProblemView) => problem.header ?? (problem.row === null ? '—' : '整行');

const COLUMNS: ExportColumn<ImportProblemView>[] = [
  { header: '行', kind: 'text', value: (p) => rowLabel(p), width: 10 },
  { header: '列', kind: 'text', value: columnLabel, width: 16 },
  { header: '填写的值', kind: 'text', value: (p) => p.value, width: 24 },
  { header: '问题', kind: 'text', value: (p) => p.message, width: 70 },
  { header: '代码', kind: 'text', value: (p) => p.code, width: 24 },
];

export async function exportProblems(view: ImportView, onProgress: (read: number, total: number) => void): Promise<void> {
  const problems: ImportProblemView[] = [];
  let total: number;
  for (;;) {
    const page = await api.imports.problems(view.id, { offset: problems.length, limit: Math.min(PAGE, EXPORT_LIMIT - problems.length) });
    total = page.total;
    problems.push(...page.problems);
    onProgress(problems.length, Math.min(total, EXPORT_LIMIT));
    if (page.problems.length === 0 || problems.length >= Math.min(total, EXPORT_LIMIT)) break;
  }
  const cut = total > problems.length ? `，共 ${total} 处，仅导出前 ${problems.length} 处` : `，共 ${total} 处`;
  await downloadXlsx(`导入问题-${view.org.code}-${view.fileName.replace(/\.(xlsx|csv)$/i, '')}`, [
    {
      name: '问题',
      title: `${view.fileName}（${KIND[view.kind]}，导入到 ${view.org.name}）的问题${cut}`,
      columns: COLUMNS,
      rows: problems,
    },
  ]);
}
