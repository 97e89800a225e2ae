// `npm run rollup -- reconcile | fold | rebuild`: the rollup's counters against DATABASE_URL (or
// the embedded database). reconcile recomputes every cell from the records and reports any
// difference (exit code 1 when there is one); fold moves the waiting deltas into the totals;
// rebuild sets every total from the records again.
import { performance } from 'node:perf_hooks';
import { loadConfig } from '../server/config';
import { withDatabase } from '../server/db/connect';
import { foldAll, rebuildTotals, reconcile } from '../server/rollup/maintenance';

const command = process.argv[2] ?? 'reconcile';
const seconds = (since: number) => `${((performance.now() - since) / 1000).toFixed(1)} s`;

withDatabase(loadConfig([]), async (db) => {
  const started = performance.now();
  if (command === 'fold') {
    console.log(`Folded ${await foldAll(db)} deltas into the totals in ${seconds(started)}.`);
  } else if (command === 'rebuild') {
    await db.transaction((tx) => rebuildTotals(tx, null));
    console.log(`Rebuilt the rollup totals of every org from the records in ${seconds(started)}.`);
  } else if (command === 'reconcile') {
    const result = await reconcile(db);
    console.log(`Reconciled ${result.cells} cells of the rollup against the records in ${seconds(started)}.`);
    for (const difference of result.differences.slice(0, 50)) {
      console.log(
        `  org ${difference.orgId} ${difference.family} ${difference.bucket || '(all)'}: the records say n=${difference.expected.n} v=${difference.expected.v},` +
          ` the rollup says n=${difference.kept.n} v=${difference.kept.v}`,
      );
    }
    if (result.enterprises.length > 0) console.log(`  enterprises whose stored campaign cells differ: ${result.enterprises.join(', ')}`);
    const count = result.differences.length + result.enterprises.length;
    console.log(count === 0 ? 'No differences.' : `${count} differences.`);
    if (count > 0) process.exitCode = 1;
  } else {
    console.error(`Unknown command "${command}": use reconcile, fold or rebuild.`);
    process.exitCode = 2;
  }
}).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
