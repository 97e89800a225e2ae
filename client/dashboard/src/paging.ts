import { useState } from 'react';

/**
 * Where a forward-only connection stands: the cursor each page started after is kept, so going
 * back asks for that page again.
 */
export function useCursorPages() {
  // afters[i]: the cursor page i starts after (null for the first page).
  const [afters, setAfters] = useState<(string | null)[]>([null]);
  return {
    /** 0 for the first page. */
    page: afters.length - 1,
    after: afters[afters.length - 1] ?? null,
    next: (endCursor: string | null | undefined) => {
      if (endCursor) setAfters((kept) => [...kept, endCursor]);
    },
    previous: () => setAfters((kept) => (kept.length > 1 ? kept.slice(0, -1) : kept)),
    reset: () => setAfters([null]),
  };
}
