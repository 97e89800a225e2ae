import { DataSource } from 'typeorm';
import { ensureDatabase } from './databases';
import { createDataSource } from './data-source';

/** Runs every migration into a fresh database and returns the SQL the entities still want. */
export async function pendingSchemaChanges(url: string): Promise<{ up: string[]; down: string[] }> {
  await ensureDatabase(url);
  const dataSource: DataSource = createDataSource(url);
  await dataSource.initialize();
  try {
    await dataSource.runMigrations();
    const log = await dataSource.driver.createSchemaBuilder().log();
    return {
      up: log.upQueries.map((q) => q.query),
      down: log.downQueries.map((q) => q.query).reverse(),
    };
  } finally {
    await dataSource.destroy();
  }
}
