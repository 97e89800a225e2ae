import type { TestProject } from 'vitest/node';
import { createDataSource } from '../../server/db/data-source';
import { ensureDatabase } from '../../server/db/databases';
import { startScratchPostgres } from '../../server/db/scratch';

declare module 'vitest' {
  export interface ProvidedContext {
    pgUrl: string;
  }
}

export const TEMPLATE = 'gonghui_template';

// One real PostgreSQL for the whole run; the migrated template is copied for each test file.
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const pg = await startScratchPostgres();
  const url = pg.url(TEMPLATE);
  await ensureDatabase(url);
  const db = createDataSource(url);
  await db.initialize();
  await db.runMigrations();
  await db.destroy();
  project.provide('pgUrl', pg.url('postgres'));
  return () => pg.stop();
}
