import { Column } from 'typeorm';

/**
 * The id of the row's municipal root (migration RootIds, docs/scaling.md): the database sets it
 * from the row's org, worker or participation, so no insert or update of ours carries it.
 */
export function RootIdColumn(): PropertyDecorator {
  return Column({ name: 'root_id', type: 'integer', insert: false, update: false, select: false });
}

/** How each kind of source (the `root_id_from_<kind>` trigger functions) finds a row's root. */
const SOURCES: Record<string, (table: string) => string> = {
  path: () => 'FROM orgs t WHERE t.root_id <> ltree2text(subpath(t.path, 0, 1))::integer',
  org: (table) => `FROM ${table} t JOIN orgs o ON o.id = t.org_id WHERE t.root_id <> o.root_id`,
  worker: (table) => `FROM ${table} t JOIN workers w ON w.id = t.worker_id WHERE t.root_id <> w.root_id`,
  ledger: (table) => `FROM ${table} t JOIN orgs o ON o.id = coalesce(t.to_org_id, t.from_org_id) WHERE t.root_id <> o.root_id`,
  participation: (table) => `FROM ${table} t JOIN harmonious_participations p ON p.id = t.participation_id WHERE t.root_id <> p.root_id`,
};

/**
 * Rows whose root id is not that of their org, worker, participation or path, per table: none,
 * ever. The tables are those the database keeps a root id for, read from its triggers, so a
 * table given one by a later migration is checked too.
 */
export async function rootIdDifferences(query: (sql: string) => Promise<unknown[]>): Promise<Record<string, number>> {
  const tables = (await query(
    `SELECT c.relname AS "table", substring(p.proname FROM 'root_id_from_(.*)') AS kind
     FROM pg_trigger g JOIN pg_class c ON c.oid = g.tgrelid JOIN pg_proc p ON p.oid = g.tgfoid
     WHERE g.tgname = 'root_id_' || c.relname AND NOT g.tgisinternal ORDER BY 1`,
  )) as { table: string; kind: string }[];
  const unknown = tables.filter((table) => !SOURCES[table.kind]);
  if (unknown.length > 0) throw new Error(`No root-id check for ${unknown.map((table) => `${table.table} (${table.kind})`).join(', ')}`);
  const sql = tables
    .map(({ table, kind }) => `SELECT '${table}' AS "table", (SELECT count(*) ${SOURCES[kind]!(table)})::int AS n`)
    .join(' UNION ALL ');
  const rows = (await query(sql)) as { table: string; n: number }[];
  return Object.fromEntries(rows.filter((row) => row.n > 0).map((row) => [row.table, row.n]));
}
