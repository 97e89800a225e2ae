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

/** Fresh for every request, so batches and caches never cross callers. */
export function createLoaders(db: DataSource, caller: Caller | null) {
  return {
    ...createOrgLoaders(db, caller),
    ...createWorkerLoaders(db, caller),
    ...createHardshipLoaders(db, caller),
    ...createRollupLoaders(db, caller),
    ...createFundsLoaders(db, caller),
    ...createAssistanceLoaders(db, caller),
    ...createPairingLoaders(db, caller),
    ...createUserLoaders(db),
    ...createHarmoniousLoaders(db, caller),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
