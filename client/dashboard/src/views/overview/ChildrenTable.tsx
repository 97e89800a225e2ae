import { useMemo, useState } from 'react';
import { downloadXlsx } from '../../export/xlsx';
import { formatCount, formatYuan } from '../../format';
import { hrefOf } from '../../route';
import { ORG_LEVEL } from '../../terms';
import type { SelectedOrg } from '../types';
import { CHILD_COLUMNS, sortChildren, type ChildColumn, type ChildRow, type SortOrder } from './child-columns';
import { exportDate, exportFileName } from './dates';
import { ExportButton } from './ExportButton';
import type { OrgRollup } from './types';

/** 下级汇总: one row per direct child, sortable by any column, the org's own rollup as 合计. */
export function ChildrenTable({ org, rollup }: { org: SelectedOrg; rollup: OrgRollup }) {
  const [order, setOrder] = useState<SortOrder | null>(null);
  const children = useMemo(() => rollup.byChild.map((child): ChildRow => ({ org: child.org, figures: child })), [rollup]);
  const rows = useMemo(() => sortChildren(children, order), [children, order]);
  const total: ChildRow = { org: null, figures: rollup };

  if (children.length === 0)
    return (
      <section className="panel" data-testid="no-children">
        <h2>下级汇总</h2>
        <p className="empty">
          {org.level === 'ENTERPRISE' ? '企业工会是基层工会，没有下级组织；' : '该组织目前没有下级组织；'}
          以上为本组织自身的数据。
        </p>
      </section>
    );

  const sortBy = (column: ChildColumn) =>
    setOrder((current) => ({ key: column.key, direction: current?.key === column.key && current.direction === 'asc' ? 'desc' : 'asc' }));

  return (
    <section className="panel">
      <div className="panel-head">
        <div>
          <h2>下级汇总</h2>
          <p className="panel-note">直属下级 {formatCount(children.length)} 个，各含其全部下级；点击表头排序，合计为本组织汇总</p>
        </div>
        <ExportButton testId="export-children" onExport={() => exportChildren(org, rows, total)} />
      </div>
      <div className="table-scroll">
        <table className="data children" data-testid="table-children">
          <thead>
            <tr>
              {CHILD_COLUMNS.map((column) => {
                const sorted = order?.key === column.key ? order.direction : null;
                return (
                  <th
                    key={column.key}
                    className={`sortable${column.kind === 'text' ? '' : ' num'}${sorted ? ' sorted' : ''}`}
                    aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : 'none'}
                    data-column={column.key}
                    onClick={() => sortBy(column)}
                  >
                    {/* The button makes the header reachable by keyboard; its click reaches the th. */}
                    <button type="button" className="sort" title={`按${column.header}排序`}>
                      {column.header}
                      {/* ▲ ▼ or ↕ come from the stylesheet: the header's text stays the export's header. */}
                      <span className="indicator" aria-hidden="true" />
                    </button>
                  </th>
                );
              })}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <Row key={row.org!.code} row={row} />
            ))}
          </tbody>
          <tfoot>
            <Row row={total} />
          </tfoot>
        </table>
      </div>
    </section>
  );
}

function Row({ row }: { row: ChildRow }) {
  return (
    <tr data-testid={row.org ? `child-${row.org.code}` : 'children-total'}>
      {CHILD_COLUMNS.map((column) => (
        <Cell key={column.key} column={column} row={row} />
      ))}
    </tr>
  );
}

function Cell({ column, row }: { column: ChildColumn; row: ChildRow }) {
  const value = column.value(row);
  if (column.key === 'name')
    return (
      <td className="name">
        {row.org ? (
          <a href={hrefOf({ orgCode: row.org.code, view: 'overview' })} title={row.org.name}>
            {row.org.name}
          </a>
        ) : (
          '合计'
        )}
      </td>
    );
  if (column.key === 'level') return <td className="muted">{row.org ? ORG_LEVEL[row.org.level] : ''}</td>;
  // data-value is the API's own value: digits for a count, the exact decimal string for money.
  return (
    <td className="num" data-value={String(value)}>
      {column.kind === 'yuan' ? formatYuan(String(value)) : formatCount(Number(value))}
    </td>
  );
}

async function exportChildren(org: SelectedOrg, rows: ChildRow[], total: ChildRow): Promise<void> {
  await downloadXlsx(exportFileName(org, '下级汇总'), [
    {
      name: '下级汇总',
      title: `${org.name}（${org.code}）下级汇总 · ${exportDate(new Date())}`,
      columns: CHILD_COLUMNS,
      rows: [...rows, total],
    },
  ]);
}
