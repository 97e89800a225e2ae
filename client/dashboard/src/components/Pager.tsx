// The one pager of the dashboard's lists: where the page stands, back and forward, and, where the
// list offers it, the page size.
import { formatCount } from '../format';

export interface PagerProps<Size extends number> {
  /** 0 for the first page. */
  page: number;
  total: number;
  /** What the list counts: 人, 件. */
  unit: string;
  pageSize: Size;
  hasNext: boolean;
  loading?: boolean;
  onPrevious: () => void;
  onNext: () => void;
  pageSizes?: readonly Size[];
  onPageSize?: (size: Size) => void;
  /** Browser tests find the parts by these. */
  testIds?: { page?: string; total?: string; previous?: string; next?: string };
}

export function Pager<Size extends number>(props: PagerProps<Size>) {
  const { testIds = {}, unit } = props;
  const pages = Math.max(1, Math.ceil(props.total / props.pageSize));
  return (
    <div className="pager">
      <span data-testid={testIds.page}>
        第 {formatCount(props.page + 1)} 页，共{' '}
        <span data-testid={testIds.total} data-value={props.total}>
          {formatCount(props.total)}
        </span>{' '}
        {unit}
      </span>
      <span className="muted">（共 {formatCount(pages)} 页）</span>
      {props.loading && <span className="muted">加载中…</span>}
      <span className="pager-actions">
        {props.pageSizes && props.onPageSize && (
          <PageSizeSelect sizes={props.pageSizes} size={props.pageSize} unit={unit} onChange={props.onPageSize} />
        )}
        <button
          type="button"
          className="secondary"
          data-testid={testIds.previous}
          disabled={props.page === 0 || props.loading}
          onClick={props.onPrevious}
        >
          上一页
        </button>
        <button
          type="button"
          className="secondary"
          data-testid={testIds.next}
          disabled={!props.hasNext || props.loading}
          onClick={props.onNext}
        >
          下一页
        </button>
      </span>
    </div>
  );
}

function PageSizeSelect<Size extends number>(props: { sizes: readonly Size[]; size: Size; unit: string; onChange: (size: Size) => void }) {
  return (
    <label className="muted">
      每页
      <select value={props.size} onChange={(event) => props.onChange(Number(event.target.value) as Size)}>
        {props.sizes.map((size) => (
          <option key={size} value={size}>
            {size} {props.unit}
          </option>
        ))}
      </select>
    </label>
  );
}
