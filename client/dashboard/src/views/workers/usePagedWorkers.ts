import { useState } from 'react';
import { DashboardWorkersDocument, type DashboardWorkersQuery } from '../../../../sdk';
import { useQuery } from '../../api';

export const PAGE_SIZES = [50, 100] as const;
export type PageSize = (typeof PAGE_SIZES)[number];

type Connection = DashboardWorkersQuery['workers'];

/**
 * The subtree's workers a page at a time. The connection only goes forward, so the cursor each
 * page started after is kept: going back asks for that page again.
 */
export function usePagedWorkers(orgId: string) {
  const [pageSize, setPageSize] = useState<PageSize>(50);
  // afters[i]: the cursor page i starts after (null for the first page).
  const [afters, setAfters] = useState<(string | null)[]>([null]);
  const page = afters.length - 1;
  const query = useQuery(DashboardWorkersDocument, { orgId, first: pageSize, after: afters[page] ?? null });

  // The page on screen stays while the next one loads, so the table does not jump.
  const [shown, setShown] = useState<Connection>();
  if (query.data && query.data.workers !== shown) setShown(query.data.workers);

  const endCursor = query.data?.workers.pageInfo.endCursor ?? null;
  const hasNext = Boolean(query.data?.workers.pageInfo.hasNextPage && endCursor);
  return {
    connection: shown,
    loading: query.loading,
    error: query.error,
    reload: query.reload,
    page,
    pageSize,
    hasPrevious: page > 0,
    hasNext,
    next: () => {
      if (hasNext) setAfters((kept) => [...kept, endCursor]);
    },
    previous: () => setAfters((kept) => (kept.length > 1 ? kept.slice(0, -1) : kept)),
    changePageSize: (size: PageSize) => {
      setPageSize(size);
      setAfters([null]);
    },
  };
}
