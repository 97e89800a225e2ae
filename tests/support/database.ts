import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import type { DataSource, Logger } from 'typeorm';
import { createDataSource, type ConnectionLimits } from '../../server/db/data-source';
import { ensureDatabase, withDatabase } from '../../server/db/databases';

/** A database of this test file's own, copied from the migrated template. */
export async function createTestDatabase(logger?: Logger, limits?: ConnectionLimits): Promise<{ db: DataSource; url: string }> {
  const url = withDatabase(inject('pgUrl'), `test_${randomBytes(6).toString('hex')}`);
  await ensureDatabase(url, 'gonghui_template');
  const db = createDataSource(url, { poolSize: 5, logger, limits });
  await db.initialize();
  return { db, url };
}
