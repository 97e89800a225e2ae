import type { DataSource } from 'typeorm';
import { ensureDatabase } from './databases';
import { createDataSource } from './data-source';

/** Connects, creating the database if needed, and migrates (or refuses when asked to). */
export async function connectAndMigrate(url: string, options: { requireMigrated?: boolean; poolSize?: number } = {}): Promise<DataSource> {
  await ensureDatabase(url);
  const db = createDataSource(url, { poolSize: options.poolSize });
  await db.initialize();
  if (options.requireMigrated) {
    if (await db.showMigrations()) {
      await db.destroy();
      throw new Error('The database has pending migrations; run `npm run migrate` first (or start without --require-migrated).');
    }
  } else {
    await db.runMigrations();
  }
  return db;
}
