import type { DashboardWorkerArchiveQuery } from '../../../../sdk';
import { CAUSE, HARDSHIP_LEVEL } from '../../terms';
import { Optional } from './personal';

type Archive = NonNullable<DashboardWorkerArchiveQuery['worker']>['hardshipArchives'][number];

/** Every archive, newest first: a lifted one is closed, never deleted. */
export function ArchiveHistory({ archives }: { archives: Archive[] }) {
  return (
    <section className="panel" data-testid="archive-history">
      <h2>档案记录</h2>
      {archives.length === 0 ? (
        <p className="muted">没有建档记录。</p>
      ) : (
        <table className="data">
          <thead>
            <tr>
              <th>建档日期</th>
              <th>脱困日期</th>
              <th>状态</th>
              <th>致困原因</th>
              <th>脱困原因</th>
            </tr>
          </thead>
          <tbody>
            {archives.map((archive) => (
              <tr key={archive.id}>
                <td>{archive.openedOn}</td>
                <td>
                  <Optional value={archive.liftedOn} />
                </td>
                <td>
                  {archive.liftedOn ? (
                    <span className="status status-closed">已脱困</span>
                  ) : (
                    <span className="status status-open">在档{archive.level !== 'NONE' && `（${HARDSHIP_LEVEL[archive.level]}）`}</span>
                  )}
                </td>
                <td className="wrap">{archive.causes.map((cause) => CAUSE[cause]).join('、') || '—'}</td>
                <td className="wrap">
                  <Optional value={archive.liftReason} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
