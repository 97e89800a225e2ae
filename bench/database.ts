import type { DataSource } from 'typeorm';
import { dataKey } from '../server/config';
import { connectAndMigrate } from '../server/db/connect';
import { PersonalDataCipher } from '../server/worker/personal-data';
import { startScratchPostgres } from '../server/db/scratch';
import { isDemoLoaded, loadDemo } from '../server/demo/load-demo';

export interface BenchDatabase {
  db: DataSource;
  url: string;
  close(): Promise<void>;
}

/**
 * The municipal demo to measure on: BENCH_DATABASE_URL when given (loaded with the demo if it is
 * not yet), else a throw-away embedded cluster loaded from scratch.
 */
export async function benchDatabase(log: (line: string) => void): Promise<BenchDatabase> {
  const given = process.env.BENCH_DATABASE_URL;
  const scratch = given ? null : await startScratchPostgres();
  const url = given ?? scratch!.url('gonghui_bench');
  const db = await connectAndMigrate(url, { poolSize: 40 });
  if (!(await isDemoLoaded(db))) {
    log('loading the municipal demo …');
    const loaded = await loadDemo(db, new PersonalDataCipher(dataKey(false)));
    log(`demo loaded in ${loaded.seconds.toFixed(1)} s`);
  }
  return {
    db,
    url,
    async close() {
      await db.destroy();
      await scratch?.stop();
    },
  };
}
