import type { DataSource } from 'typeorm';
import type { Caller } from './context';
import { createHardshipLoaders } from './hardship/hardship.loaders';
import { createOrgLoaders } from './org/org.loaders';
import { createRollupLoaders } from './rollup/rollup.loaders';
import { createWorkerLoaders } from './worker/worker.loaders';

/** Fresh for every request, so batches and caches never cross callers. */
export function createLoaders(db: DataSource, caller: Caller | null) {
  return {
    ...createOrgLoaders(db, caller),
    ...createWorkerLoaders(db, caller),
    ...createHardshipLoaders(db, caller),
    ...createRollupLoaders(db, caller),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
