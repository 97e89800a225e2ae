// The current filter's cases as an .xlsx, read page by page from the API. A subtree can hold
// hundreds of thousands of cases: the export stops at EXPORT_LIMIT, newest first, and says so.
import { DashboardCasesDocument, type DashboardCasesQuery } from '../../../../sdk';
import { api } from '../../api';
import { downloadXlsx, type ExportColumn } from '../../export/xlsx';
import { CASE_STATUS, PROGRAMME } from '../../terms';
import type { CaseFilter } from './CaseFilters';
import { formatMinute } from '../../dates';
import { caseDetails } from './details';
import type { CaseRow } from './types';

export const EXPORT_LIMIT = 2000;
const PAGE = 100;

const COLUMNS: ExportColumn<CaseRow>[] = [
  { header: '案件号', kind: 'text', value: (row) => row.id, width: 10 },
  { header: '职工', kind: 'text', value: (row) => row.worker.name, width: 10 },
  { header: '所在工会', kind: 'text', value: (row) => row.worker.org.name, width: 30 },
  { header: '帮扶项目', kind: 'text', value: (row) => PROGRAMME[row.programme], width: 10 },
  { header: '详情', kind: 'text', value: (row) => caseDetails(row), width: 36 },
  { header: '金额（元）', kind: 'yuan', value: (row) => row.amount },
  { header: '申请时间', kind: 'text', value: (row) => formatMinute(row.appliedAt), width: 17 },
  { header: '状态', kind: 'text', value: (row) => CASE_STATUS[row.status], width: 12 },
  { header: '付款单位', kind: 'text', value: (row) => row.payingOrg?.name, width: 30 },
  { header: '发放日期', kind: 'text', value: (row) => row.disbursedOn, width: 12 },
  { header: '驳回理由', kind: 'text', value: (row) => row.rejectReason, width: 30 },
];

export async function exportCases(
  org: { id: string; code: string; name: string },
  filter: CaseFilter,
  onProgress: (read: number, total: number) => void,
): Promise<void> {
  const rows: CaseRow[] = [];
  let after: string | null = null;
  let total: number;
  do {
    const { assistanceCases: page }: DashboardCasesQuery = await api.request(DashboardCasesDocument, {
      orgId: org.id,
      status: filter.status,
      programme: filter.programme,
      first: Math.min(PAGE, EXPORT_LIMIT - rows.length),
      after,
    });
    total = page.totalCount;
    rows.push(...page.edges.map((edge) => edge.node));
    after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    onProgress(rows.length, Math.min(total, EXPORT_LIMIT));
  } while (after && rows.length < EXPORT_LIMIT);
  const what = [filter.status ? CASE_STATUS[filter.status] : '全部状态', filter.programme ? PROGRAMME[filter.programme] : '全部项目'];
  const cut = total > rows.length ? `，共 ${total} 件，仅导出最新 ${rows.length} 件` : `，共 ${total} 件`;
  await downloadXlsx(`帮扶审批-${org.code}-${what.join('-')}`, [
    { name: '帮扶案件', title: `${org.name} 帮扶案件（${what.join('，')}${cut}）`, columns: COLUMNS, rows },
  ]);
}
