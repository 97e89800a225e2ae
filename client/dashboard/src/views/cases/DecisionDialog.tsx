// The dialog of the decision being taken; it closes once the server has answered, and a refusal
// is then shown beside the case.
import type { SignedInViewer } from '../../../../sdk';
import { ApproveDialog } from './ApproveDialog';
import { DisburseDialog } from './DisburseDialog';
import { RejectDialog } from './RejectDialog';
import type { CaseRow, Decision } from './types';
import type { Decisions } from './useDecisions';

export function DecisionDialog(props: {
  row: CaseRow;
  decision: Decision;
  viewer: SignedInViewer;
  decisions: Decisions;
  onClose: () => void;
}) {
  const { row, decisions, onClose } = props;
  const working = decisions.busy.has(row.id);
  const close = (done: Promise<boolean>) => void done.then(onClose);
  switch (props.decision) {
    case 'approve':
      return (
        <ApproveDialog
          row={row}
          viewer={props.viewer}
          working={working}
          onConfirm={(payingOrgId) => close(decisions.approve(row, payingOrgId))}
          onCancel={onClose}
        />
      );
    case 'reject':
      return <RejectDialog row={row} working={working} onConfirm={(reason) => close(decisions.reject(row, reason))} onCancel={onClose} />;
    case 'disburse':
      return (
        <DisburseDialog
          row={row}
          retry={decisions.unsettled.has(row.id)}
          working={working}
          onConfirm={() => close(decisions.disburse(row))}
          onCancel={onClose}
        />
      );
  }
}
