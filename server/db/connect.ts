import type { DataSource } from 'typeorm';
import type { Config } from '../config';
import { startEmbeddedPostgres } from './embedded';
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

/** For command-line tools: DATABASE_URL or the embedded database, migrated; stopped afterwards. */
export async function withDatabase<T>(config: Config, work: (db: DataSource) => Promise<T>): Promise<T> {
  const embedded = config.databaseUrl ? undefined : await startEmbeddedPostgres({ dir: `${config.dataDir}/pg`, port: config.embeddedPort });
  const db = await connectAndMigrate(config.databaseUrl ?? embedded!.url('gonghui'));
  try {
    return await work(db);
  } finally {
    await db.destroy();
    await embedded?.stop();
  }
}
