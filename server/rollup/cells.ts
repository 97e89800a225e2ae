import type { DataSource } from 'typeorm';
import type { Caller } from '../context';
import { subjectOf, type SubjectName } from '../permissions/ability';
import { orgIdOf, rootIdOf } from '../permissions/paths';

// Reading the rollup cells (migration RollupCells, docs/decisions/0005-rollup-counters.md): every
// figure is a signed sum of bucket ranges of a family, over the org's totals and the deltas not
// yet folded, in one statement.

/** One range of buckets [lo, hi) of a family, added (sign 1) or taken off (-1) under `key`. */
export interface Term {
  key: string;
  family: string;
  lo: string;
  hi: string;
  sign: 1 | -1;
}

/** The all-time bucket of a dated family. */
const ALL: [string, string] = ['', '!'];
/** Every year bucket: "all time" of a family kept by year, month and day only (birth dates). */
const YEARS: [string, string] = ['y', 'z'];

/** Ranges of buckets that hold everything dated on or before `day` (YYYY-MM-DD). */
function upTo(day: string): [string, string][] {
  const year = day.slice(0, 4);
  const month = day.slice(0, 7);
  return [
    ['y', `y${year}`],
    [`m${year}-01`, `m${month}`],
    [`d${month}-01`, `d${day}~`],
  ];
}

function dayBefore(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() - 1);
  return date.toISOString().slice(0, 10);
}

function terms(key: string, family: string, ranges: [string, string][], sign: 1 | -1): Term[] {
  return ranges.map(([lo, hi]) => ({ key, family, lo, hi, sign }));
}

/** A family counted by date, both bounds inclusive and open when null. */
export function periodTerms(key: string, family: string, from: string | null, to: string | null): Term[] {
  if (!from && !to) return terms(key, family, [ALL], 1);
  return [...terms(key, family, to ? upTo(to) : [ALL], 1), ...(from ? terms(key, family, upTo(dayBefore(from)), -1) : [])];
}

/** A family kept by birth date only: those born on or before `day`, or (null) all of them. */
export function bornTerms(key: string, family: string, day: string | null, sign: 1 | -1 = 1): Term[] {
  return terms(key, family, day ? upTo(day) : [YEARS], sign);
}

/** A family without dates. */
export function plainTerm(key: string, family: string): Term {
  return { key, family, lo: ALL[0], hi: ALL[1], sign: 1 };
}

/** Everything in effect today of a family kept as changes by day from bucket 'd' (now) on. */
export function currentTerm(key: string, family: string, today: string): Term {
  return { key, family, lo: 'd', hi: `d${today}~`, sign: 1 };
}

export interface CellSum {
  n: number;
  /** Sums of money in fen (or of workers), as text: they can pass 2^53. */
  v: string;
}

export type CellSums = Map<string, CellSum>;

/**
 * The terms summed for each org: its totals plus the deltas of its subtree not yet folded, in
 * one statement (one snapshot). Returns, per org id, the sums by term key.
 */
export async function sumCells(
  db: DataSource,
  orgs: readonly { id: number; path: string }[],
  terms: readonly Term[],
): Promise<Map<number, CellSums>> {
  const sql = `WITH t AS (SELECT * FROM unnest($1::int[], $2::ltree[]) AS t(id, path)),
     q AS (SELECT * FROM unnest($3::text[], $4::text[], $5::text[], $6::text[], $7::int[]) AS q(key, family, lo, hi, sign)),
     pending AS MATERIALIZED (
       SELECT t.id AS org_id, d.family, d.bucket, sum(d.n) AS n, sum(d.v) AS v
       FROM rollup_deltas d JOIN orgs o ON o.id = d.org_id JOIN t ON CASE WHEN d.self THEN d.org_id = t.id ELSE o.path <@ t.path END
       WHERE d.family = ANY($8::text[])
       GROUP BY t.id, d.family, d.bucket
     )
     SELECT x.org_id AS "orgId", x.key, sum(x.n)::bigint::text AS n, sum(x.v)::text AS v FROM (
       -- terms of the all-time bucket only: one index scan for every org and family at once
       SELECT r.org_id, q.key, q.sign * r.n AS n, q.sign * r.v AS v
       FROM rollup_totals r JOIN q ON q.family = r.family AND q.lo = '' AND q.hi = '!'
       WHERE r.org_id = ANY($1::int[]) AND r.family = ANY($9::text[]) AND r.bucket = ''
       UNION ALL
       SELECT t.id, q.key, q.sign * r.n, q.sign * r.v
       FROM t JOIN q ON NOT (q.lo = '' AND q.hi = '!')
       JOIN LATERAL (
         -- one index range scan per org and term (OFFSET 0 keeps the planner from flattening it)
         SELECT r.n, r.v FROM rollup_totals r WHERE r.org_id = t.id AND r.family = q.family AND r.bucket >= q.lo AND r.bucket < q.hi OFFSET 0
       ) r ON true
       UNION ALL
       SELECT p.org_id, q.key, q.sign * p.n, q.sign * p.v FROM pending p JOIN q ON q.family = p.family AND p.bucket >= q.lo AND p.bucket < q.hi
     ) x
     GROUP BY x.org_id, x.key`;
  const params = [
    orgs.map((org) => org.id),
    orgs.map((org) => org.path),
    terms.map((term) => term.key),
    terms.map((term) => term.family),
    terms.map((term) => term.lo),
    terms.map((term) => term.hi),
    terms.map((term) => term.sign),
    [...new Set(terms.map((term) => term.family))],
    [...new Set(terms.filter((term) => term.lo === ALL[0] && term.hi === ALL[1]).map((term) => term.family))],
  ];
  const rows = (await db.query(sql, params)) as { orgId: number; key: string; n: string; v: string }[];
  const result = new Map<number, CellSums>(orgs.map((org) => [org.id, new Map()]));
  for (const row of rows) result.get(row.orgId)!.set(row.key, { n: Number(row.n), v: row.v });
  return result;
}

/** The count under `key`, 0 when no cell has it. */
export function countOf(sums: CellSums | undefined, key: string): number {
  return sums?.get(key)?.n ?? 0;
}

/** The sum of values under `key` as text, '0' when no cell has it. */
export function valueOf(sums: CellSums | undefined, key: string): string {
  return sums?.get(key)?.v ?? '0';
}

/** Today by the database's clock and, per municipal root, the hardship line in force today. */
export interface CellContext {
  today: string;
  /** The last birth dates of those 50 and of those 40 years old today. */
  born50: string;
  born40: string;
  /** Per municipal root id, the id of the hardship line in force today. */
  lines: Map<number, number>;
}

export async function cellContext(db: DataSource, rootIds: readonly number[]): Promise<CellContext> {
  const day = (sql: string) => `to_char(${sql}, 'YYYY-MM-DD')`;
  const rows = (await db.query(
    `SELECT ${day('current_date')} AS today, ${day("(current_date - interval '50 years')::date")} AS born50,
       ${day("(current_date - interval '40 years')::date")} AS born40,
       (SELECT json_object_agg(r.root, (SELECT l.id FROM hardship_lines l WHERE l.root_org_id = r.root AND l.effective_from <= current_date
                                        ORDER BY l.effective_from DESC LIMIT 1))
        FROM unnest($1::int[]) AS r(root)) AS lines`,
    [[...new Set(rootIds)]],
  )) as [{ today: string; born50: string; born40: string; lines: Record<string, number | null> | null }];
  const [row] = rows;
  const lines = new Map<number, number>();
  for (const [root, line] of Object.entries(row.lines ?? {})) if (line !== null) lines.set(Number(root), line);
  return { today: row.today, born50: row.born50, born40: row.born40, lines };
}

/**
 * The subtrees among `paths` whose records of `type` the caller reads. Every read rule covers a
 * whole subtree, so an org readable by the caller has its whole subtree readable too and its
 * cells count in full; an org the caller cannot read counts nothing.
 */
export function readableSubtrees(caller: Caller, type: SubjectName, paths: readonly string[]): { id: number; path: string }[] {
  return paths
    .filter((path) => caller.ability.can('read', subjectOf(type, { orgPath: path, rootId: rootIdOf(path) })))
    .map((path) => ({ id: orgIdOf(path), path }));
}
