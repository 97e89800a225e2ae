// Runs pending migrations against DATABASE_URL (or the embedded database when it is unset).
import { loadConfig } from '../server/config';
import { connectAndMigrate } from '../server/db/connect';
import { startEmbeddedPostgres } from '../server/db/embedded';

async function main(): Promise<void> {
  const config = loadConfig();
  const embedded = config.databaseUrl ? undefined : await startEmbeddedPostgres({ dir: `${config.dataDir}/pg`, port: config.embeddedPort });
  const db = await connectAndMigrate(config.databaseUrl ?? embedded!.url('gonghui'));
  console.log('Migrations are up to date.');
  await db.destroy();
  await embedded?.stop();
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
