// 驳回: final, so the reason is required; the applicant reads it.
import { useState } from 'react';
import { CaseSummary } from './CaseSummary';
import { Dialog } from './Dialog';
import type { CaseRow } from './types';

const MAX_REASON = 500;

export function RejectDialog(props: { row: CaseRow; working: boolean; onConfirm: (reason: string) => void; onCancel: () => void }) {
  const [reason, setReason] = useState('');
  const trimmed = reason.trim();
  return (
    <Dialog
      title="驳回帮扶申请"
      confirmLabel="确认驳回"
      danger
      confirmDisabled={trimmed.length === 0 || trimmed.length > MAX_REASON}
      working={props.working}
      onConfirm={() => props.onConfirm(trimmed)}
      onCancel={props.onCancel}
    >
      <CaseSummary row={props.row} />
      <label className="reject-reason">
        <span>
          驳回理由<span className="required">*</span>
        </span>
        <textarea
          data-testid="reject-reason"
          rows={3}
          maxLength={MAX_REASON}
          value={reason}
          onChange={(event) => setReason(event.target.value)}
          placeholder="例如：家庭人均收入高于困难标准"
          autoFocus
        />
        <span className="muted">
          驳回后不可撤销。{trimmed.length}/{MAX_REASON}
        </span>
      </label>
    </Dialog>
  );
}
