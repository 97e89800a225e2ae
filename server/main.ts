import { performance } from 'node:perf_hooks';
import { loadConfig } from './config';
import { connectAndMigrate } from './db/connect';
import { API_CONNECTION_LIMITS, createDataSource } from './db/data-source';
import { startEmbeddedPostgres, type EmbeddedDatabase } from './db/embedded';
import { DEMO_PASSWORD, DEMO_USERS } from './demo/demo-users';
import { isDemoLoaded, loadDemo } from './demo/load-demo';
import { createApp } from './http/app';
import { buildDashboard } from './http/dashboard';
import { PersonalDataCipher } from './worker/personal-data';
import { checkDataKey } from './worker/worker.service';
import { ensureRollupBuilt } from './rollup/maintenance';

async function main(): Promise<void> {
  const started = performance.now();
  const config = loadConfig();
  let embedded: EmbeddedDatabase | undefined;
  let url = config.databaseUrl;
  if (!url) {
    console.log(`Starting the embedded PostgreSQL in ${config.dataDir}/pg …`);
    embedded = await startEmbeddedPostgres({ dir: `${config.dataDir}/pg`, port: config.embeddedPort });
    url = embedded.url('gonghui');
  }
  // Migrations, the demo and a first build of the totals run without the API's time limits.
  const setup = await connectAndMigrate(url, { requireMigrated: config.requireMigrated, poolSize: 2 });
  try {
    if (config.loadDemo && !(await isDemoLoaded(setup))) {
      console.log('Loading the demo data (first start only) …');
      const loaded = await loadDemo(setup, new PersonalDataCipher(config.dataKey), (message) => console.log(`  ${message}`));
      console.log(`Demo data loaded: ${loaded.orgs} orgs, ${loaded.workers} workers in ${loaded.seconds.toFixed(1)} s.`);
    }
    await checkDataKey(setup.manager, new PersonalDataCipher(config.dataKey));
    if (await ensureRollupBuilt(setup)) console.log('Built the rollup totals from the records (first start after the upgrade).');
  } finally {
    await setup.destroy();
  }
  // A deployment builds the dashboard beforehand (npm run build); here it is built when its sources changed.
  if (!config.production) {
    await buildDashboard().then(
      (built) => built && console.log('Built the dashboard (client/dashboard/dist).'),
      // A dashboard that does not build must not keep the API down.
      (error: unknown) =>
        console.error(
          `The dashboard could not be built, the API runs without it: ${error instanceof Error ? error.message : String(error)}`,
        ),
    );
  }
  const db = createDataSource(url, { limits: API_CONNECTION_LIMITS });
  await db.initialize();
  const app = await createApp({
    db,
    keys: { secret: config.jwtSecret, ttlSeconds: config.jwtTtlSeconds },
    dataKey: config.dataKey,
    trustedDocumentsOnly: config.trustedDocumentsOnly,
    trustProxy: config.trustProxy,
    production: config.production,
    logger: true,
    foldEveryMs: config.rollupFoldMs,
  });
  await app.listen({ port: config.port, host: config.host });

  const shown = config.host === '0.0.0.0' ? 'localhost' : config.host === '127.0.0.1' ? 'localhost' : config.host;
  console.log(
    `\ngonghui is ready in ${((performance.now() - started) / 1000).toFixed(1)} s: the dashboard at http://${shown}:${config.port}/, GraphQL at http://${shown}:${config.port}/graphql`,
  );
  if (await isDemoLoaded(db)) {
    // The eleven other assistance centres follow one pattern: name it rather than list 22 users.
    const named = DEMO_USERS.filter(
      (user) => !/^sf(0[2-9]|1[0-2])\.(staff|finance)$/.test(user.username) && !/^sf(0[3-9]|1[0-2])\.admin$/.test(user.username),
    );
    console.log(
      `Demo users (password "${DEMO_PASSWORD}"): ${named.map((user) => `${user.username} (${user.role} ${user.orgCode})`).join(', ')},` +
        ' and sfNN.staff (STAFF) and sfNN.finance (FINANCE) at each of SF02 to SF12, sfNN.admin (ADMIN) at SF03 to SF12.',
    );
  }

  const stop = async () => {
    await app.close();
    await db.destroy();
    await embedded?.stop();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
