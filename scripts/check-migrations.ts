// Fails when the entities want schema changes that no migration makes.
import { pendingSchemaChanges } from '../server/db/schema-drift';
import { startScratchPostgres } from '../server/db/scratch';

async function main(): Promise<void> {
  const db = await startScratchPostgres();
  try {
    const { up } = await pendingSchemaChanges(db.url('gonghui'));
    if (up.length > 0) {
      console.error('The entities and the migrations disagree. Run `npm run migration:generate -- Name`. Pending:');
      for (const query of up) console.error(`  ${query}`);
      process.exitCode = 1;
    } else {
      console.log('check:migrations: the migrations match the entities.');
    }
  } finally {
    await db.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
