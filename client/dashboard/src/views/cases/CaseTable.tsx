// The page of cases: rows as the server last answered, with the decisions taken here laid over them.
import { useState } from 'react';
import type { SignedInViewer } from '../../../../sdk';
import { CaseTableRow } from './CaseTableRow';
import type { CaseRow, Decision } from './types';
import type { Decisions } from './useDecisions';

export function CaseTable(props: {
  rows: CaseRow[];
  decisions: Decisions;
  viewer: SignedInViewer | null;
  onDecide: (row: CaseRow, decision: Decision) => void;
}) {
  const { decisions, viewer } = props;
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  const columns = viewer ? 10 : 9;
  const toggle = (id: string) =>
    setExpanded((current) => {
      const next = new Set(current);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  return (
    <div className="table-scroll">
      <table className="data cases-table" data-testid="table-cases">
        <thead>
          <tr>
            <th aria-label="办理记录" />
            <th>案件号</th>
            <th>职工</th>
            <th>帮扶项目</th>
            <th>详情</th>
            <th className="num">金额（元）</th>
            <th>申请时间</th>
            <th>状态</th>
            <th>付款单位</th>
            {viewer && <th>操作</th>}
          </tr>
        </thead>
        <tbody>
          {props.rows.map((listed) => {
            const answer = decisions.answerFor(listed);
            const row = answer ?? listed;
            return (
              <CaseTableRow
                key={row.id}
                row={row}
                viewer={viewer}
                columns={columns}
                state={{
                  expanded: expanded.has(row.id),
                  busy: decisions.busy.has(row.id),
                  decided: answer !== undefined,
                  error: decisions.errors.get(row.id),
                  retry: decisions.unsettled.has(row.id),
                }}
                onToggle={() => toggle(row.id)}
                onDecide={(decision) => props.onDecide(row, decision)}
              />
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
