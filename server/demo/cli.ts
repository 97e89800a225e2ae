// `npm run demo:load`: loads the demo data into DATABASE_URL (or the embedded database) on purpose.
import { loadConfig } from '../config';
import { withDatabase } from '../db/connect';
import { PersonalDataCipher } from '../worker/personal-data';
import { isDemoLoaded, loadDemo } from './load-demo';

const config = loadConfig([]);
withDatabase(config, async (db) => {
  if (await isDemoLoaded(db)) {
    console.log('The demo data is already there (org SF exists); nothing loaded.');
    return;
  }
  const loaded = await loadDemo(db, new PersonalDataCipher(config.dataKey), (message) => console.log(`  ${message}`));
  console.log(`Demo data loaded: ${loaded.orgs} orgs, ${loaded.workers} workers in ${loaded.seconds.toFixed(1)} s.`);
}).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
