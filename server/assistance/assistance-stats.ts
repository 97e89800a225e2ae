import type { DataSource } from 'typeorm';
import type { Caller } from '../context';
import { scopeSql } from '../permissions/scope-sql';
import { inPeriodSql, type Period } from '../rollup/period';

/**
 * Distinct workers of each subtree re-employed after union help (a disbursed SKILLS or
 * EMPLOYMENT case with that outcome, known within the period). A worker counts where registered.
 */
export async function reemployedCounts(
  db: DataSource,
  caller: Caller,
  paths: readonly string[],
  period: Period,
): Promise<Map<string, number>> {
  const params: unknown[] = [paths, period.from, period.to];
  const scope = scopeSql(caller.ability, 'read', 'AssistanceCase', { orgPath: 'o.path' }, params);
  const rows: { path: string; n: number }[] = await db.query(
    `SELECT t.path::text AS path, count(DISTINCT c.worker_id)::int AS n
     FROM assistance_cases c JOIN workers w ON w.id = c.worker_id JOIN orgs o ON o.id = w.org_id
     JOIN unnest($1::ltree[]) AS t(path) ON o.path <@ t.path
     WHERE c.programme IN ('SKILLS', 'EMPLOYMENT') AND c.status = 'DISBURSED' AND c.reemployed AND ${inPeriodSql('c.outcome_on', '$2', '$3')}
       AND ${scope}
     GROUP BY t.path`,
    params,
  );
  return new Map(paths.map((path) => [path, rows.find((row) => row.path === path)?.n ?? 0]));
}
