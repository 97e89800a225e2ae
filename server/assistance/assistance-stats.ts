import type { DataSource } from 'typeorm';
import type { Caller } from '../context';
import { orgIdOf } from '../permissions/paths';
import { countOf, periodTerms, readableSubtrees, type CellReader } from '../rollup/cells';
import { inPeriodSql, type Period } from '../rollup/period';

/**
 * Distinct workers of each subtree re-employed after union help (a disbursed SKILLS or
 * EMPLOYMENT case with that outcome, known within the period). A worker counts where registered.
 * A period with a start is counted from the cases in it (docs/decisions/0005).
 */
export async function reemployedCounts(
  db: DataSource,
  cells: CellReader,
  caller: Caller,
  paths: readonly string[],
  period: Period,
): Promise<Map<string, number>> {
  const orgs = readableSubtrees(caller, 'AssistanceCase', paths);
  if (!period.from) {
    // Each worker counts on the day of the first re-employment: a period without a start is a
    // prefix of those days, read from the rollup cells.
    const sums = await cells.sum(orgs, periodTerms('reemployed', 'reemployed', null, period.to));
    return new Map(paths.map((path) => [path, countOf(sums.get(orgIdOf(path)), 'reemployed')]));
  }
  const params: unknown[] = [orgs.map((org) => org.path), period.from, period.to];
  const rows: { path: string; n: number }[] = await db.query(
    // A worker is registered at one org, so distinct workers per org add up over a subtree.
    `WITH per_org AS (
       SELECT w.org_id, count(DISTINCT c.worker_id) AS n FROM assistance_cases c JOIN workers w ON w.id = c.worker_id
       WHERE c.programme IN ('SKILLS', 'EMPLOYMENT') AND c.status = 'DISBURSED' AND c.reemployed AND ${inPeriodSql('c.outcome_on', '$2', '$3')}
       GROUP BY w.org_id
     )
     SELECT t.path::text AS path, sum(r.n)::int AS n
     FROM unnest($1::ltree[]) AS t(path) JOIN orgs o ON o.path <@ t.path JOIN per_org r ON r.org_id = o.id
     GROUP BY t.path`,
    params,
  );
  return new Map(paths.map((path) => [path, rows.find((row) => row.path === path)?.n ?? 0]));
}
