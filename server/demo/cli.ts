// `npm run demo:load`: loads the demo data into DATABASE_URL (or the embedded database) on purpose.
import { loadConfig } from '../config';
import { connectAndMigrate } from '../db/connect';
import { startEmbeddedPostgres } from '../db/embedded';
import { isDemoLoaded, loadDemo } from './load-demo';

async function main(): Promise<void> {
  const config = loadConfig();
  const embedded = config.databaseUrl ? undefined : await startEmbeddedPostgres({ dir: `${config.dataDir}/pg`, port: config.embeddedPort });
  const db = await connectAndMigrate(config.databaseUrl ?? embedded!.url('gonghui'));
  try {
    if (await isDemoLoaded(db)) {
      console.log('The demo data is already there (org SF exists); nothing loaded.');
      return;
    }
    const loaded = await loadDemo(db, (message) => console.log(`  ${message}`));
    console.log(`Demo data loaded: ${loaded.orgs} orgs, ${loaded.workers} workers in ${loaded.seconds.toFixed(1)} s.`);
  } finally {
    await db.destroy();
    await embedded?.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
