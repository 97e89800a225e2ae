// A modal for one decision: Escape or 取消 closes it unless the request is under way.
import { useEffect, useId, type ReactNode } from 'react';

export function Dialog(props: {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
  /** Nothing to confirm yet (loading, a required field empty). */
  confirmDisabled?: boolean;
  working?: boolean;
  danger?: boolean;
}) {
  const titleId = useId();
  const { onCancel, working } = props;
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape' && !working) onCancel();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onCancel, working]);
  return (
    <div className="case-dialog-backdrop">
      <div className="case-dialog" role="dialog" aria-modal="true" aria-labelledby={titleId}>
        <h2 id={titleId}>{props.title}</h2>
        <div className="case-dialog-body">{props.children}</div>
        <div className="case-dialog-actions">
          <button type="button" className="secondary" onClick={onCancel} disabled={working}>
            取消
          </button>
          <button
            type="button"
            className={props.danger ? 'danger' : undefined}
            data-testid="confirm-action"
            onClick={props.onConfirm}
            disabled={props.confirmDisabled || working}
          >
            {working ? '提交中…' : props.confirmLabel}
          </button>
        </div>
      </div>
    </div>
  );
}
