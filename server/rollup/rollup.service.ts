import type { DataSource } from 'typeorm';
import type { Caller } from '../context';
import { HardshipCause } from '../hardship/hardship-enums';
import { scopeSql } from '../permissions/scope-sql';
import { Education, Gender } from '../worker/worker-enums';
import type { HardshipStats, WorkerStats } from './rollup.types';

// Hardship and extreme are decided in whole fen against the lines in force today:
// household income < line × household size (per-person income strictly below the line).
const BANDS = {
  hardship: 'a.household_monthly_income_fen < t.hardship_fen * a.household_size',
  extreme: 'a.household_monthly_income_fen < t.extreme_fen * a.household_size',
} as const;

const COHORTS = {
  menUnder50: `w.gender = '${Gender.MALE}' AND w.birth_date > t.born_50`,
  men50AndOver: `w.gender = '${Gender.MALE}' AND w.birth_date <= t.born_50`,
  womenUnder40: `w.gender = '${Gender.FEMALE}' AND w.birth_date > t.born_40`,
  women40AndOver: `w.gender = '${Gender.FEMALE}' AND w.birth_date <= t.born_40`,
  juniorHighOrBelow: `w.education = '${Education.JUNIOR_HIGH_OR_BELOW}'`,
  highSchool: `w.education = '${Education.HIGH_SCHOOL}'`,
  collegeOrAbove: `w.education = '${Education.COLLEGE_OR_ABOVE}'`,
} as const;

const CAUSES = Object.values(HardshipCause);

function hardshipColumns(band: keyof typeof BANDS): string[] {
  const inBand = `(a.id IS NOT NULL AND ${BANDS[band]})`;
  return [
    `count(*) FILTER (WHERE ${inBand})::int AS "${band}_total"`,
    ...Object.entries(COHORTS).map(([name, sql]) => `count(*) FILTER (WHERE ${inBand} AND ${sql})::int AS "${band}_${name}"`),
    ...CAUSES.map((cause) => `count(*) FILTER (WHERE ${inBand} AND '${cause}' = ANY(a.causes))::int AS "${band}_cause_${cause}"`),
  ];
}

const STATS_COLUMNS = [
  'count(w.id)::int AS total',
  'count(*) FILTER (WHERE w.is_member)::int AS members',
  'count(*) FILTER (WHERE w.is_migrant_worker)::int AS "migrantWorkers"',
  'count(*) FILTER (WHERE w.is_model_worker)::int AS "modelWorkers"',
  ...hardshipColumns('hardship'),
  ...hardshipColumns('extreme'),
].join(',\n  ');

type StatsRow = Record<string, number> & { path: string };

function hardshipFrom(row: StatsRow, band: keyof typeof BANDS): HardshipStats {
  const value = (name: string) => row[`${band}_${name}`] ?? 0;
  return {
    total: value('total'),
    menUnder50: value('menUnder50'),
    men50AndOver: value('men50AndOver'),
    womenUnder40: value('womenUnder40'),
    women40AndOver: value('women40AndOver'),
    juniorHighOrBelow: value('juniorHighOrBelow'),
    highSchool: value('highSchool'),
    collegeOrAbove: value('collegeOrAbove'),
    byCause: CAUSES.map((cause) => ({ cause, workers: value(`cause_${cause}`) })),
  };
}

export interface SubtreeFigures {
  orgCount: number;
  workers: WorkerStats;
}

export class RollupService {
  constructor(private readonly db: DataSource) {}

  /** The figures of each subtree, for many subtrees in two queries; only rows in the caller's scope count. */
  async figures(caller: Caller, paths: readonly string[]): Promise<Map<string, SubtreeFigures>> {
    const workerParams: unknown[] = [paths];
    const workerScope = scopeSql(caller.ability, 'read', 'Worker', { orgPath: 'o.path' }, workerParams);
    const workerRows: StatsRow[] = await this.db.query(
      `WITH t AS (
         SELECT p.path, l.hardship_line_fen AS hardship_fen, l.extreme_line_fen AS extreme_fen,
                (current_date - interval '50 years')::date AS born_50, (current_date - interval '40 years')::date AS born_40
         FROM unnest($1::ltree[]) AS p(path)
         LEFT JOIN LATERAL (
           SELECT hardship_line_fen, extreme_line_fen FROM hardship_lines
           WHERE root_org_id = ltree2text(subpath(p.path, 0, 1))::int AND effective_from <= current_date
           ORDER BY effective_from DESC LIMIT 1
         ) l ON true
       )
       SELECT t.path::text AS path,
         ${STATS_COLUMNS}
       FROM t
       JOIN orgs o ON o.path <@ t.path
       JOIN workers w ON w.org_id = o.id
       LEFT JOIN hardship_archives a ON a.worker_id = w.id AND a.lifted_on IS NULL
       WHERE ${workerScope}
       GROUP BY t.path`,
      workerParams,
    );
    const orgParams: unknown[] = [paths];
    const orgScope = scopeSql(caller.ability, 'read', 'Org', { orgPath: 'o.path' }, orgParams);
    const orgRows: { path: string; n: number }[] = await this.db.query(
      `SELECT t.path::text AS path, count(*)::int AS n FROM unnest($1::ltree[]) AS t(path) JOIN orgs o ON o.path <@ t.path
       WHERE ${orgScope} GROUP BY t.path`,
      orgParams,
    );
    const result = new Map<string, SubtreeFigures>();
    for (const path of paths) {
      const row = workerRows.find((r) => r.path === path) ?? ({ path } as StatsRow);
      result.set(path, {
        orgCount: orgRows.find((r) => r.path === path)?.n ?? 0,
        workers: {
          total: row.total ?? 0,
          members: row.members ?? 0,
          migrantWorkers: row.migrantWorkers ?? 0,
          modelWorkers: row.modelWorkers ?? 0,
          hardship: hardshipFrom(row, 'hardship'),
          extremeHardship: hardshipFrom(row, 'extreme'),
        },
      });
    }
    return result;
  }
}
