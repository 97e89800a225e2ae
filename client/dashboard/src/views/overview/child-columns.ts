// The per-child table's columns, read by the table, its sorting and its export alike, so that the
// export's headers and order are the table's.
import type { DashboardRollupRowFragment, OrgLevel } from '../../../../sdk';
import type { ColumnKind, ExportColumn } from '../../export/xlsx';
import { ORG_LEVEL } from '../../terms';
import { compareYuan } from './money';

/** A child with its figures, or (org null) the 合计 row: the parent's own rollup. */
export interface ChildRow {
  org: { code: string; name: string; level: OrgLevel } | null;
  figures: DashboardRollupRowFragment;
}

export interface ChildColumn extends ExportColumn<ChildRow> {
  key: string;
  kind: ColumnKind;
  /** Children in this column's ascending order. */
  compare: (a: ChildRow, b: ChildRow) => number;
}

const LEVEL_RANK: Record<OrgLevel, number> = { MUNICIPAL: 0, COUNTY: 1, TOWNSHIP: 2, ENTERPRISE: 3 };
const byName = new Intl.Collator('zh-CN');

function count(key: string, header: string, value: (f: DashboardRollupRowFragment) => number): ChildColumn {
  return { key, header, kind: 'count', value: (row) => value(row.figures), compare: (a, b) => value(a.figures) - value(b.figures) };
}

function yuan(key: string, header: string, value: (f: DashboardRollupRowFragment) => string): ChildColumn {
  return {
    key,
    header,
    kind: 'yuan',
    width: 18,
    value: (row) => value(row.figures),
    compare: (a, b) => compareYuan(value(a.figures), value(b.figures)),
  };
}

export const CHILD_COLUMNS: ChildColumn[] = [
  {
    key: 'name',
    header: '下级组织',
    kind: 'text',
    width: 28,
    value: (row) => row.org?.name ?? '合计',
    compare: (a, b) => byName.compare(a.org?.name ?? '', b.org?.name ?? ''),
  },
  {
    key: 'level',
    header: '级别',
    kind: 'text',
    width: 16,
    value: (row) => (row.org ? ORG_LEVEL[row.org.level] : ''),
    compare: (a, b) => (a.org ? LEVEL_RANK[a.org.level] : 0) - (b.org ? LEVEL_RANK[b.org.level] : 0),
  },
  count('orgCount', '工会组织', (f) => f.orgCount),
  count('workers', '职工', (f) => f.workers.total),
  count('members', '会员', (f) => f.workers.members),
  count('hardship', '困难职工', (f) => f.workers.hardship.total),
  count('extreme', '特困职工', (f) => f.workers.extremeHardship.total),
  yuan('fundsDisbursed', '资金支出（元）', (f) => f.funds.disbursed),
  yuan('fundsBalance', '资金结余（元）', (f) => f.funds.balance),
  count('pairings', '结对帮扶', (f) => f.pairings.total),
  count('pairingsLifted', '结对脱困', (f) => f.pairings.lifted),
  count('reemployed', '再就业', (f) => f.reemployed),
  count('harmoniousNamed', '命名和谐企业', (f) => f.harmonious.named),
];

export interface SortOrder {
  key: string;
  direction: 'asc' | 'desc';
}

/** The children in the chosen order; ties keep the API's order (Array.prototype.sort is stable). */
export function sortChildren(rows: ChildRow[], order: SortOrder | null): ChildRow[] {
  const column = order && CHILD_COLUMNS.find((c) => c.key === order.key);
  if (!order || !column) return rows;
  const sign = order.direction === 'asc' ? 1 : -1;
  return [...rows].sort((a, b) => sign * column.compare(a, b));
}
