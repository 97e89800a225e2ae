import type { ImportView } from '../../../../sdk';
import { formatCount } from '../../format';
import { PHASES } from './words';

/** An import under way: the server's progress as a bar, its phase among the three, rows read. */
export function ImportProgress({ view }: { view: ImportView }) {
  const at = PHASES.findIndex(([phase]) => phase === view.phase);
  return (
    <div className="import-progress" role="status" data-testid="import-progress" data-value={view.progress}>
      <progress value={view.progress} max={1} />
      <span className="percent">{Math.round(view.progress * 100)}%</span>
      <ol className="phases" aria-label="步骤">
        {PHASES.map(([phase, label], i) => (
          <li key={phase} className={i < at ? 'done' : i === at ? 'current' : undefined}>
            {label}
          </li>
        ))}
      </ol>
      <span className="muted">
        {view.status === 'QUEUED' ? '排队等待处理…' : `正在${PHASES[at]?.[1] ?? '准备'}，已读取 ${formatCount(view.rowsRead)} 行`}
        {view.phase === 'WRITING' && `，已写入 ${formatCount(view.rowsWritten)} / ${formatCount(view.rowsToWrite)} 行`}
      </span>
    </div>
  );
}

/** The file on its way to the server, before it has an import. */
export function UploadProgress({ fileName }: { fileName: string }) {
  return (
    <div className="import-progress" role="status" data-testid="import-progress">
      <progress />
      <span className="muted">正在上传 {fileName}…</span>
    </div>
  );
}
