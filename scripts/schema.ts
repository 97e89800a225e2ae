// `tsx scripts/schema.ts` writes schema/schema.graphql from the code; `--check` fails when it is stale.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { printAppSchema } from '../server/schema';

const file = path.join(__dirname, '..', 'schema', 'schema.graphql');

async function main(): Promise<void> {
  const emitted = await printAppSchema();
  if (process.argv.includes('--check')) {
    let committed = '';
    try {
      committed = readFileSync(file, 'utf8');
    } catch {
      // a missing file is stale too
    }
    if (committed !== emitted) {
      console.error('schema/schema.graphql differs from what the code emits: run `npm run schema` and review the change.');
      process.exitCode = 1;
      return;
    }
    console.log('check:schema: schema/schema.graphql is up to date.');
    return;
  }
  writeFileSync(file, emitted);
  console.log(`Wrote ${path.relative(process.cwd(), file)}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
