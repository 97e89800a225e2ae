import type { ImportView } from '../../../../sdk';
import type { QueryState } from '../../api';
import { ErrorLine } from '../../components/ErrorLine';
import { formatMinute } from '../../dates';
import { describeError } from '../../errors';
import { KIND, MODE, outcomeLine, STATUS } from './words';

export const HISTORY_SIZE = 10;

/** 最近的导入 into the org and those under it, newest first; each opens to its result. */
export function ImportHistory(props: {
  orgCode: string;
  history: QueryState<ImportView[]>;
  openId?: string;
  onOpen: (id: string) => void;
}) {
  const { data, error, loading, reload } = props.history;
  return (
    <section className="panel import-history">
      <div className="panel-head">
        <h2>
          最近的导入 <span className="muted">本组织及下级组织最近 {HISTORY_SIZE} 次</span>
        </h2>
        <button type="button" className="secondary" onClick={reload} disabled={loading}>
          刷新
        </button>
      </div>
      {error ? (
        <ErrorLine message={describeError(error)} onRetry={reload} />
      ) : !data ? (
        <p className="muted">加载中…</p>
      ) : data.length === 0 ? (
        <p className="muted" data-testid="imports-history-empty">
          还没有导入记录。
        </p>
      ) : (
        <div className="table-scroll framed">
          <table className="data import-history-table" data-testid="imports-history">
            <thead>
              <tr>
                <th>上传时间</th>
                <th>内容</th>
                <th>文件</th>
                <th>导入到</th>
                <th>方式</th>
                <th>上传人</th>
                <th>状态</th>
                <th>结果</th>
                <th aria-label="查看" />
              </tr>
            </thead>
            <tbody>
              {data.map((view) => (
                <tr key={view.id} data-testid={`import-${view.id}`} className={view.id === props.openId ? 'open' : undefined}>
                  <td className="when">{formatMinute(view.createdAt)}</td>
                  <td>{KIND[view.kind]}</td>
                  <td className="file" title={view.fileName}>
                    {view.fileName}
                  </td>
                  <td>{view.org.code === props.orgCode ? <span className="muted">本组织</span> : view.org.name}</td>
                  <td>{MODE[view.mode]}</td>
                  <td>{view.createdBy}</td>
                  <td>
                    <span className={`status import-status-${view.status.toLowerCase()}`}>{STATUS[view.status]}</span>
                  </td>
                  <td>{outcomeLine(view)}</td>
                  <td>
                    <button
                      type="button"
                      className="link"
                      data-testid={`open-import-${view.id}`}
                      onClick={() => props.onOpen(view.id)}
                      aria-current={view.id === props.openId ? 'true' : undefined}
                    >
                      {view.id === props.openId ? '正在查看' : '查看结果'}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
