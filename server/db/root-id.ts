import { Column } from 'typeorm';

/**
 * The id of the row's municipal root (migration RootIds, docs/scaling.md): the database sets it
 * from the row's org, worker or participation, so no insert or update of ours carries it.
 */
export function RootIdColumn(): PropertyDecorator {
  return Column({ name: 'root_id', type: 'integer', insert: false, update: false, select: false });
}

/** Rows whose root id is not that of their org, worker or participation, per table: none, ever. */
export async function rootIdDifferences(query: (sql: string) => Promise<unknown[]>): Promise<Record<string, number>> {
  const checks: Record<string, string> = {
    orgs: 'SELECT count(*) FROM orgs t WHERE t.root_id <> ltree2text(subpath(t.path, 0, 1))::integer',
    ...Object.fromEntries(
      [
        'workers',
        'role_assignments',
        'audit_entries',
        'fund_accounts',
        'idempotency_keys',
        'enterprise_profiles',
        'harmonious_participations',
        'harmonious_namings',
      ].map((table) => [table, `SELECT count(*) FROM ${table} t JOIN orgs o ON o.id = t.org_id WHERE t.root_id <> o.root_id`]),
    ),
    ...Object.fromEntries(
      ['hardship_archives', 'assistance_cases', 'pairings'].map((table) => [
        table,
        `SELECT count(*) FROM ${table} t JOIN workers w ON w.id = t.worker_id WHERE t.root_id <> w.root_id`,
      ]),
    ),
    ledger_entries:
      'SELECT count(*) FROM ledger_entries t JOIN orgs o ON o.id = coalesce(t.to_org_id, t.from_org_id) WHERE t.root_id <> o.root_id',
    harmonious_criteria:
      'SELECT count(*) FROM harmonious_criteria t JOIN harmonious_participations p ON p.id = t.participation_id WHERE t.root_id <> p.root_id',
  };
  const sql = Object.entries(checks)
    .map(([table, check]) => `SELECT '${table}' AS "table", (${check})::int AS n`)
    .join(' UNION ALL ');
  const rows = (await query(sql)) as { table: string; n: number }[];
  return Object.fromEntries(rows.filter((row) => row.n > 0).map((row) => [row.table, row.n]));
}
