import { hrefOf } from '../../route';
import { WORKER_COLUMNS, type WorkerColumn, type WorkerRow } from './columns';

/** The list's rows; the name opens the worker's archive under the org being viewed. */
export function WorkerTable({ orgCode, workers, dimmed }: { orgCode: string; workers: WorkerRow[]; dimmed?: boolean }) {
  return (
    <div className={`table-scroll${dimmed ? ' dimmed' : ''}`}>
      <table className="data workers" data-testid="table-workers">
        <thead>
          <tr>
            {WORKER_COLUMNS.map((column) => (
              <th key={column.header} className={column.mark === 'flag' ? 'flag' : undefined}>
                {column.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {workers.map((worker) => (
            <tr key={worker.id} data-testid={`worker-${worker.id}`}>
              {WORKER_COLUMNS.map((column) => (
                <td key={column.header} className={column.mark === 'flag' ? 'flag' : undefined}>
                  <Cell column={column} worker={worker} orgCode={orgCode} />
                </td>
              ))}
            </tr>
          ))}
          {workers.length === 0 && (
            <tr>
              <td colSpan={WORKER_COLUMNS.length} className="muted empty">
                没有职工
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}

// The export's text, marked up: the name as a link, flags and hardship levels made visible.
function Cell({ column, worker, orgCode }: { column: WorkerColumn; worker: WorkerRow; orgCode: string }) {
  const text = column.text(worker);
  switch (column.mark) {
    case 'name':
      return <a href={hrefOf({ orgCode, view: 'worker', workerId: worker.id })}>{text}</a>;
    case 'flag':
      return <span className={text === '是' ? 'yes' : 'no'}>{text}</span>;
    case 'level':
      if (worker.hardshipLevel === 'NONE') return <span className="muted">{text}</span>;
      return <span className={`level level-${worker.hardshipLevel.toLowerCase()}`}>{text}</span>;
    case undefined:
      return text === '—' ? <span className="muted">—</span> : <>{text}</>;
  }
}
