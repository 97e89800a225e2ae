// Cursor paging: forward by the page's endCursor, back by the cursors already walked.
import { formatCount } from '../../format';

export function Pager(props: {
  page: number;
  pageSize: number;
  total: number;
  hasNext: boolean;
  onPrevious: () => void;
  onNext: () => void;
}) {
  const first = (props.page - 1) * props.pageSize + 1;
  const last = Math.min(props.page * props.pageSize, props.total);
  return (
    <div className="case-pager">
      <span className="muted">
        {props.total > 0 ? `第 ${formatCount(first)}–${formatCount(last)} 件，共 ${formatCount(props.total)} 件` : '共 0 件'}
      </span>
      <button type="button" className="secondary" data-testid="cases-previous" disabled={props.page === 1} onClick={props.onPrevious}>
        上一页
      </button>
      <span className="page">第 {formatCount(props.page)} 页</span>
      <button type="button" className="secondary" data-testid="cases-next" disabled={!props.hasNext} onClick={props.onNext}>
        下一页
      </button>
    </div>
  );
}
