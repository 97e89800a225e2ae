// The import's states and choices as union staff read them.
import { FINISHED, type ImportKind, type ImportMode, type ImportStatus, type ImportView } from '../../../../sdk';
import { formatCount } from '../../format';

export const KIND: Record<ImportKind, string> = { WORKERS: '职工名册', ARCHIVES: '困难职工档案' };

export const KIND_NOTE: Record<ImportKind, string> = {
  WORKERS: '按身份证号新增或更新职工；“组织代码”留空的行登记在本组织。',
  ARCHIVES: '为已登记的职工建立或更新困难职工档案，按身份证号对应职工。',
};

export const MODE: Record<ImportMode, string> = {
  ALL_OR_NOTHING: '全部正确才导入',
  VALID_ROWS: '只导入正确的行',
  CHECK_ONLY: '只检查，不导入',
};

export const MODE_NOTE: Record<ImportMode, string> = {
  ALL_OR_NOTHING: '只要有一行有误，整个文件都不导入；按列出的问题改正后重新上传。',
  VALID_ROWS: '正确的行立即导入，有误的行列出不导入；改正后可只上传这些行。',
  CHECK_ONLY: '逐行检查，统计将新增、更新的行数，不写入任何数据。',
};

export const STATUS: Record<ImportStatus, string> = {
  QUEUED: '排队中',
  RUNNING: '处理中',
  DONE: '已导入',
  REJECTED: '未导入',
  CHECKED: '已检查',
  FAILED: '导入失败',
};

/** The server's phases while RUNNING, in their order. */
export const PHASES: [phase: string, label: string][] = [
  ['READING', '读取'],
  ['CHECKING', '检查'],
  ['WRITING', '写入'],
];

export const finished = (view: ImportView) => FINISHED.includes(view.status);

/** "新增 3，更新 1，有误 2": the counts that are not 0, for the history's one line. */
export function outcomeLine(view: ImportView): string {
  const o = view.outcome;
  if (!o) return view.problemCount > 0 ? '文件有误' : '—';
  const parts: [string, number][] = [
    ['新增', o.created],
    ['更新', o.updated],
    ['未变', o.unchanged],
    ['有误', o.rejected],
  ];
  const shown = parts.filter(([, n]) => n > 0).map(([label, n]) => `${label} ${formatCount(n)}`);
  return shown.length > 0 ? shown.join('，') : '没有数据行';
}
