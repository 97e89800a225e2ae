// npm run bootstrap -- --code SF --name 示范市总工会 --admin sf.admin [--hardship-line 280 --extreme-line 245 --from 2010-01-01]
// The ADMIN's password comes from BOOTSTRAP_PASSWORD. Uses DATABASE_URL, or the embedded database.
import { parseArgs } from 'node:util';
import { loadConfig } from '../server/config';
import { withDatabase } from '../server/db/connect';
import { bootstrapMunicipality } from '../server/org/bootstrap';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      code: { type: 'string' },
      name: { type: 'string' },
      admin: { type: 'string' },
      'hardship-line': { type: 'string', default: '280' },
      'extreme-line': { type: 'string', default: '245' },
      from: { type: 'string', default: new Date().toISOString().slice(0, 10) },
    },
  });
  await withDatabase(loadConfig([]), async (db) => {
    const { orgId } = await bootstrapMunicipality(db, {
      code: values.code ?? '',
      name: values.name ?? '',
      adminUsername: values.admin ?? '',
      adminPassword: process.env.BOOTSTRAP_PASSWORD ?? '',
      hardshipLine: values['hardship-line']!,
      extremeLine: values['extreme-line']!,
      effectiveFrom: values.from!,
    });
    console.log(`Created ${values.code} (org ${orgId}) with ADMIN ${values.admin}. Sign in and build the tree through the API.`);
  });
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
