import { formatCount } from '../../format';
import { PAGE_SIZES, type PageSize } from './usePagedWorkers';

interface PagerProps {
  page: number;
  total: number;
  pageSize: PageSize;
  hasPrevious: boolean;
  hasNext: boolean;
  loading: boolean;
  onPrevious: () => void;
  onNext: () => void;
  onPageSize: (size: PageSize) => void;
}

export function Pager(props: PagerProps) {
  const pages = Math.max(1, Math.ceil(props.total / props.pageSize));
  return (
    <div className="pager">
      <span data-testid="workers-page">
        第 {props.page + 1} 页，共{' '}
        <span data-testid="workers-total" data-value={props.total}>
          {formatCount(props.total)}
        </span>{' '}
        人
      </span>
      <span className="muted">（共 {formatCount(pages)} 页）</span>
      {props.loading && <span className="muted">加载中…</span>}
      <span className="pager-actions">
        <label className="muted">
          每页
          <select value={props.pageSize} onChange={(e) => props.onPageSize(Number(e.target.value) as PageSize)}>
            {PAGE_SIZES.map((size) => (
              <option key={size} value={size}>
                {size} 人
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="secondary" disabled={!props.hasPrevious || props.loading} onClick={props.onPrevious}>
          上一页
        </button>
        <button type="button" className="secondary" disabled={!props.hasNext || props.loading} onClick={props.onNext}>
          下一页
        </button>
      </span>
    </div>
  );
}
