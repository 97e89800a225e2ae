// The decisions open to the viewer on one case; what the server would refuse is left out.
import type { SignedInViewer } from '../../../../sdk';
import { isOwnApplication, mayPayFrom } from './decisions';
import type { CaseRow, Decision } from './types';

export function CaseActions(props: {
  row: CaseRow;
  viewer: SignedInViewer;
  busy: boolean;
  retry: boolean;
  onDecide: (decision: Decision) => void;
}) {
  const { row, viewer, busy, onDecide } = props;
  if (row.status === 'APPLIED') {
    if (isOwnApplication(viewer, row)) return <span className="muted">本人申请，须由他人审批</span>;
    return (
      <span className="case-actions">
        <button type="button" data-testid={`approve-${row.id}`} disabled={busy} onClick={() => onDecide('approve')}>
          审批
        </button>
        <button type="button" className="secondary" data-testid={`reject-${row.id}`} disabled={busy} onClick={() => onDecide('reject')}>
          驳回
        </button>
      </span>
    );
  }
  if (row.status === 'APPROVED') {
    if (!mayPayFrom(viewer, row)) return <span className="muted">由付款单位发放</span>;
    return (
      <span className="case-actions">
        <button type="button" data-testid={`disburse-${row.id}`} disabled={busy} onClick={() => onDecide('disburse')}>
          {props.retry ? '重新发放' : '发放'}
        </button>
      </span>
    );
  }
  return null;
}
