// Who took each step of a case and when, oldest first, with what the steps decided.
import { CASE_STATUS } from '../../terms';
import { formatMinute } from '../../dates';
import type { CaseRow } from './types';

const STEP: Record<CaseRow['status'], string> = {
  APPLIED: '提交申请',
  APPROVED: '审批通过',
  REJECTED: '驳回',
  DISBURSED: '发放',
};

export function CaseHistory({ row }: { row: CaseRow }) {
  return (
    <div className="case-history" data-testid={`history-${row.id}`}>
      <ol>
        {row.history.map((step, i) => (
          <li key={i} className={`step step-${step.status.toLowerCase()}`}>
            <span className="when">{formatMinute(step.at)}</span>
            <span className="what">{STEP[step.status]}</span>
            <span className="who">{step.by}</span>
            {step.status === 'APPROVED' && row.payingOrg && <span className="muted">付款单位：{row.payingOrg.name}</span>}
            {step.status === 'REJECTED' && row.rejectReason && <span className="muted">理由：{row.rejectReason}</span>}
            {step.status === 'DISBURSED' && row.disbursedOn && <span className="muted">发放日期：{row.disbursedOn}</span>}
          </li>
        ))}
      </ol>
      <p className="muted">当前状态：{CASE_STATUS[row.status]}</p>
    </div>
  );
}
