import { useState } from 'react';
import { DashboardWorkersDocument, type DashboardWorkersQuery } from '../../../../sdk';
import { useQuery } from '../../api';
import { useCursorPages } from '../../paging';

export const PAGE_SIZES = [50, 100] as const;
export type PageSize = (typeof PAGE_SIZES)[number];

type Connection = DashboardWorkersQuery['workers'];

/** The subtree's workers a page at a time. */
export function usePagedWorkers(orgId: string) {
  const [pageSize, setPageSize] = useState<PageSize>(50);
  const pages = useCursorPages();
  const query = useQuery(DashboardWorkersDocument, { orgId, first: pageSize, after: pages.after });

  // The page on screen stays while the next one loads, so the table does not jump.
  const [shown, setShown] = useState<Connection>();
  if (query.data && query.data.workers !== shown) setShown(query.data.workers);

  const endCursor = query.data?.workers.pageInfo.endCursor ?? null;
  return {
    connection: shown,
    loading: query.loading,
    error: query.error,
    reload: query.reload,
    page: pages.page,
    pageSize,
    hasNext: Boolean(query.data?.workers.pageInfo.hasNextPage && endCursor),
    next: () => pages.next(endCursor),
    previous: pages.previous,
    changePageSize: (size: PageSize) => {
      setPageSize(size);
      pages.reset();
    },
  };
}
