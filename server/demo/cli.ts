// `npm run demo:load`: loads the demo data into DATABASE_URL (or the embedded database) on purpose.
import { loadConfig } from '../config';
import { withDatabase } from '../db/connect';
import { isDemoLoaded, loadDemo } from './load-demo';

withDatabase(loadConfig([]), async (db) => {
  if (await isDemoLoaded(db)) {
    console.log('The demo data is already there (org SF exists); nothing loaded.');
    return;
  }
  const loaded = await loadDemo(db, (message) => console.log(`  ${message}`));
  console.log(`Demo data loaded: ${loaded.orgs} orgs, ${loaded.workers} workers in ${loaded.seconds.toFixed(1)} s.`);
}).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
