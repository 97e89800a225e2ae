// Fails when the emitted schema breaks ../shared/CONTRACT.graphql (what clients already rely on).
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { CriticalityLevel, diff } from '@graphql-inspector/core';
import { buildSchema } from 'graphql';

const root = path.join(__dirname, '..');
const contractFile = path.join(root, '..', 'shared', 'CONTRACT.graphql');

async function main(): Promise<void> {
  if (!existsSync(contractFile)) throw new Error(`${contractFile} is missing: the shared folder must sit beside the project.`);
  const contract = buildSchema(readFileSync(contractFile, 'utf8'));
  const schema = buildSchema(readFileSync(path.join(root, 'schema', 'schema.graphql'), 'utf8'));
  const pending = (
    JSON.parse(readFileSync(path.join(root, 'schema', 'contract-pending.json'), 'utf8')) as { pending: Record<string, string> }
  ).pending;
  const isPending = (coordinate: string | undefined) =>
    coordinate !== undefined && Object.keys(pending).some((entry) => coordinate === entry || coordinate.startsWith(`${entry}.`));

  const breaking = (await diff(contract, schema)).filter((change) => change.criticality.level === CriticalityLevel.Breaking);
  const problems = breaking.filter((change) => !isPending(change.path)).map((change) => `${change.path ?? ''}: ${change.message}`);
  for (const entry of Object.keys(pending)) {
    const [type, field] = entry.split('.');
    const found = schema.getType(type!);
    const built = field ? !!found && 'getFields' in found && field in (found.getFields() as object) : !!found;
    if (built) problems.push(`${entry} is built now: remove it from schema/contract-pending.json so the contract check covers it.`);
  }
  if (problems.length) {
    console.error('The schema breaks ../shared/CONTRACT.graphql:');
    for (const problem of problems) console.error(`  ${problem}`);
    process.exitCode = 1;
    return;
  }
  console.log(`check:contract: the schema keeps the contract (${Object.keys(pending).length} parts pending later issues).`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
