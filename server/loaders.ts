import type { DataSource } from 'typeorm';
import type { Caller } from './context';
import { createHardshipLoaders } from './hardship/hardship.loaders';
import { createOrgLoaders } from './org/org.loaders';
import { createRollupLoaders } from './rollup/rollup.loaders';
import { createWorkerLoaders } from './worker/worker.loaders';
import { createFundsLoaders } from './funds/funds.loaders';
import { createAssistanceLoaders } from './assistance/assistance.loaders';
import { createPairingLoaders } from './pairing/pairing.loaders';
import { createUserLoaders } from './user/user.loaders';
import { createHarmoniousLoaders } from './harmonious/harmonious.loaders';
import { CellReader, type CellCache } from './rollup/cells';

/**
 * Fresh for every request, so batches and caches never cross callers. The cell cache is the
 * server's: it holds totals of subtrees, not what a caller may see (readers filter first).
 */
export function createLoaders(db: DataSource, caller: Caller | null, cellCache: CellCache) {
  const cells = new CellReader(db, cellCache);
  return {
    cells,
    ...createOrgLoaders(db, caller),
    ...createWorkerLoaders(db, caller),
    ...createHardshipLoaders(db, caller),
    ...createRollupLoaders(cells, caller),
    ...createFundsLoaders(db, cells, caller),
    ...createAssistanceLoaders(db, cells, caller),
    ...createPairingLoaders(cells, caller),
    ...createUserLoaders(db),
    ...createHarmoniousLoaders(db, cells, caller),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
