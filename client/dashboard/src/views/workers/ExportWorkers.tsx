import { formatCount } from '../../format';
import { EXPORT_LIMIT } from './exportWorkers';
import type { ExportState } from './useWorkerExport';

/** The toolbar's part: the button, or the progress with a way to stop. */
export function ExportControls({ state, onStart, onCancel }: { state: ExportState; onStart: () => void; onCancel: () => void }) {
  if (state.phase === 'running')
    return (
      <span className="export-progress" data-testid="export-progress">
        <progress value={state.done} max={Math.max(state.total, 1)} />
        已导出 {formatCount(state.done)} / {formatCount(state.total)}
        <button type="button" className="secondary" onClick={onCancel} data-testid="export-cancel">
          取消
        </button>
      </span>
    );
  return (
    <button type="button" className="secondary" onClick={onStart} data-testid="export-workers">
      导出 Excel
    </button>
  );
}

/** How the last export ended, under the toolbar. */
export function ExportOutcome({ state }: { state: ExportState }) {
  switch (state.phase) {
    case 'idle':
    case 'running':
      return null;
    case 'done':
      return (
        <p className="export-note done" data-testid="export-done">
          已导出 {formatCount(state.count)} 人，用时 {state.seconds.toFixed(1)} 秒。
        </p>
      );
    case 'cancelled':
      return (
        <p className="export-note" data-testid="export-cancelled">
          导出已取消（已取得 {formatCount(state.done)} / {formatCount(state.total)} 人，未生成文件）。
        </p>
      );
    case 'refused':
      return (
        <p className="export-refused" role="alert" data-testid="export-refused">
          {`本组织及下级共有 ${formatCount(state.total)} 名职工，超过单次导出上限 ${formatCount(EXPORT_LIMIT)} 人。请在左侧组织树中选择下级组织（如街道工会）后分别导出。`}
        </p>
      );
    case 'failed':
      return (
        <p className="error" role="alert" data-testid="export-failed">
          导出失败：{state.message}
        </p>
      );
  }
}
