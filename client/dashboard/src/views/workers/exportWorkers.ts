// The whole worker list of a subtree as an .xlsx: paged through the API (at most 100 a request),
// then written with the table's own columns.
import { DashboardWorkersDocument, type DashboardWorkersQuery } from '../../../../sdk';
import { api } from '../../api';
import { downloadXlsx } from '../../export/xlsx';
import { formatCount } from '../../format';
import type { SelectedOrg } from '../types';
import { WORKER_COLUMNS, type WorkerRow } from './columns';
import { today } from '../../dates';

/** Above this a county's list would take hundreds of requests: a lower org is asked for instead. */
export const EXPORT_LIMIT = 20_000;
const EXPORT_PAGE = 100;

export class ExportCancelled extends Error {}

export class TooManyToExport extends Error {
  constructor(readonly total: number) {
    super(`${total} workers is more than the export's limit of ${EXPORT_LIMIT}`);
  }
}

export async function fetchWorkerList(
  orgId: string,
  { signal, onProgress }: { signal: AbortSignal; onProgress: (done: number, total: number) => void },
): Promise<WorkerRow[]> {
  const rows: WorkerRow[] = [];
  let after: string | null = null;
  for (;;) {
    const page: DashboardWorkersQuery = await api.request(DashboardWorkersDocument, { orgId, first: EXPORT_PAGE, after });
    const workers = page.workers;
    if (signal.aborted) throw new ExportCancelled();
    if (workers.totalCount > EXPORT_LIMIT) throw new TooManyToExport(workers.totalCount);
    rows.push(...workers.edges.map((edge) => edge.node));
    onProgress(rows.length, workers.totalCount);
    const { hasNextPage, endCursor } = workers.pageInfo;
    if (!hasNextPage || !endCursor) return rows;
    after = endCursor;
  }
}

export async function downloadWorkerList(org: SelectedOrg, rows: WorkerRow[], masked: boolean): Promise<void> {
  const parts = [`${org.name}（${org.code}）职工名单`, `导出日期：${today()}`, `共 ${formatCount(rows.length)} 人`];
  if (masked) parts.push('身份证号和手机号已脱敏');
  const title = parts.join('，');
  await downloadXlsx(`${org.code}-${org.name}-职工名单.xlsx`, [
    {
      name: '职工名单',
      title,
      columns: WORKER_COLUMNS.map((column) => ({ header: column.header, kind: 'text' as const, value: column.text, width: column.width })),
      rows,
    },
  ]);
}

// Characters no file system accepts in a name.
