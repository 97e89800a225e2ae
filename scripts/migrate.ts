// Runs pending migrations against DATABASE_URL (or the embedded database when it is unset).
import { loadConfig } from '../server/config';
import { withDatabase } from '../server/db/connect';

withDatabase(loadConfig([]), async () => console.log('Migrations are up to date.')).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
