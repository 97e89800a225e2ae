// Writes a migration with what the entities need beyond the existing migrations.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pendingSchemaChanges } from '../server/db/schema-drift';
import { startScratchPostgres } from '../server/db/scratch';

async function main(): Promise<void> {
  const name = process.argv[2];
  if (!name || !/^[A-Z][A-Za-z0-9]+$/.test(name)) throw new Error('usage: npm run migration:generate -- PascalCaseName');
  const db = await startScratchPostgres();
  try {
    const { up, down } = await pendingSchemaChanges(db.url('gonghui'));
    if (up.length === 0) {
      console.log('No changes: the migrations match the entities.');
      return;
    }
    const timestamp = Date.now();
    const className = `${name}${timestamp}`;
    const lines = (queries: string[]) => queries.map((q) => `    await queryRunner.query(${JSON.stringify(q)});`).join('\n');
    const file = path.join(__dirname, '..', 'migrations', `${timestamp}-${name}.ts`);
    writeFileSync(
      file,
      `import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ${className} implements MigrationInterface {
  name = '${className}';

  async up(queryRunner: QueryRunner): Promise<void> {
${lines(up)}
  }

  async down(queryRunner: QueryRunner): Promise<void> {
${lines(down)}
  }
}
`,
    );
    const index = path.join(__dirname, '..', 'migrations', 'index.ts');
    const source = readFileSync(index, 'utf8')
      .replace(/^(import[^\n]*\n)*/m, (imports) => `${imports}import { ${className} } from './${timestamp}-${name}';\n`)
      .replace(/export const migrations = \[([^\]]*)\];/, (_all, list: string) => {
        const items = list
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean);
        items.push(className);
        return `export const migrations = [${items.join(', ')}];`;
      });
    writeFileSync(index, source);
    console.log(`Wrote ${path.relative(process.cwd(), file)}`);
  } finally {
    await db.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
