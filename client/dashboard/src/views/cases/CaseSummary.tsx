// The case a dialog decides on, so that nobody approves or pays the wrong one.
import { formatYuan } from '../../format';
import { PROGRAMME } from '../../terms';
import { caseDetails } from './details';
import type { CaseRow } from './types';

export function CaseSummary({ row }: { row: CaseRow }) {
  const details = caseDetails(row);
  return (
    <dl className="case-summary">
      <dt>案件号</dt>
      <dd>{row.id}</dd>
      <dt>职工</dt>
      <dd>
        {row.worker.name}
        <span className="muted">（{row.worker.org.name}）</span>
      </dd>
      <dt>帮扶项目</dt>
      <dd>
        {PROGRAMME[row.programme]}
        {details && <span className="muted"> · {details}</span>}
      </dd>
      <dt>金额</dt>
      <dd className="amount">{formatYuan(row.amount)} 元</dd>
    </dl>
  );
}
