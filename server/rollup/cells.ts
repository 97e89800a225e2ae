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

/** One caller's sums: the terms, the same for each of its orgs. */
interface SumRequest {
  orgs: readonly { id: number; path: string }[];
  terms: readonly Term[];
  resolve(sums: Map<number, CellSums>): void;
  reject(error: unknown): void;
}

/**
 * The totals' part of the sums read, kept across requests while the totals' generation stands
 * (migration RollupGeneration): two snapshots that see one generation see the same totals. Only
 * the last generation read is kept; the deltas not yet folded are never kept.
 */
export class CellCache {
  private generation = '';
  private readonly entries = new Map<string, CellSums>();
  /** A short id for each set of terms read, so that keys stay short. */
  private readonly signatures = new Map<string, number>();
  /** Counts the times the ids were dropped, so that a key made before never means other terms. */
  private epoch = 0;

  constructor(private readonly limit = 20_000) {}

  /** The key of an org's sums of the terms with this signature. */
  keyOf(orgId: number, signature: string): string {
    let id = this.signatures.get(signature);
    if (id === undefined) {
      // Terms carry today's date: old days' sets are dropped now and then, with what they keyed.
      if (this.signatures.size >= 1_000) {
        this.signatures.clear();
        this.entries.clear();
        this.epoch++;
      }
      id = this.signatures.size;
      this.signatures.set(signature, id);
    }
    return `${orgId}:${this.epoch}:${id}`;
  }

  /** The totals' part read at `generation`, if kept. */
  get(generation: string, key: string): CellSums | undefined {
    return generation === this.generation ? this.entries.get(key) : undefined;
  }

  get current(): string {
    return this.generation;
  }

  /** Keeps sums read at `generation`; sums of any other generation are dropped then. */
  set(generation: string, key: string, sums: CellSums): void {
    if (generation !== this.generation) {
      this.entries.clear();
      this.generation = generation;
    }
    // The oldest entry goes first when full (a Map iterates in insertion order).
    if (this.entries.size >= this.limit) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(key, sums);
  }
}

/** The terms as one key, for the cache. */
function signature(terms: readonly Term[]): string {
  return terms.map((term) => `${term.key}\u0001${term.family}\u0001${term.lo}\u0001${term.hi}\u0001${term.sign}`).join('\u0002');
}

function add(sums: CellSums, key: string, n: number, v: string): void {
  const had = sums.get(key);
  sums.set(key, had ? { n: had.n + n, v: (BigInt(had.v) + BigInt(v)).toString() } : { n, v });
}

/** A sum of the deltas not yet folded of one org's subtree, by family and bucket. */
interface PendingCell {
  bucket: string;
  n: number;
  v: bigint;
}

/** Adds to `sums` the pending cells that fall in each term's range. */
function addPending(sums: CellSums, terms: readonly Term[], cells: Map<string, PendingCell[]> | undefined): void {
  if (!cells) return;
  for (const term of terms) {
    for (const cell of cells.get(term.family) ?? []) {
      if (cell.bucket >= term.lo && cell.bucket < term.hi) {
        // `|| 0`: a count taken off that nets to nothing is 0, not -0.
        add(sums, term.key, term.sign * cell.n || 0, (BigInt(term.sign) * cell.v).toString());
      }
    }
  }
}

/**
 * The terms summed for each org of every request: its totals plus the deltas of its subtree not
 * yet folded, in one statement (one snapshot). The totals' part of an org whose sums of these
 * terms the cache holds at the generation the statement sees is not read again; the deltas come
 * back by family and bucket and are matched to the terms here.
 */
async function sumCells(db: DataSource, cache: CellCache, requests: readonly SumRequest[]): Promise<Map<number, CellSums>[]> {
  const terms = requests.flatMap((request, index) => request.terms.map((term) => ({ index, ...term })));
  const signatures = requests.map((request) => signature(request.terms));
  // What the cache holds now: other requests may change it while this one waits.
  const known = cache.current;
  const asked = requests.flatMap((request, index) =>
    request.orgs.map((org) => {
      const key = cache.keyOf(org.id, signatures[index]!);
      return { index, ...org, key, kept: cache.get(known, key) };
    }),
  );
  const paths = new Map(asked.map((org) => [org.id, org.path]));
  // Only the orgs whose totals are not kept at the generation the statement sees join the terms.
  const sql = `WITH g AS MATERIALIZED (SELECT generation FROM rollup_generation),
     t AS (SELECT * FROM unnest($1::int[], $2::ltree[]) AS t(id, path)),
     q AS MATERIALIZED (
       SELECT a.org_id, a.request, k.key, k.family, k.lo, k.hi, k.sign
       FROM unnest($3::int[], $4::int[], $5::boolean[]) AS a(request, org_id, cached)
       JOIN unnest($6::int[], $7::text[], $8::text[], $9::text[], $10::text[], $11::int[]) AS k(request, key, family, lo, hi, sign) USING (request)
       WHERE NOT (a.cached AND (SELECT generation FROM g) = $12::text)
     )
     SELECT 't' AS kind, x.org_id AS "orgId", x.request, x.key, NULL AS bucket, sum(x.n)::bigint::text AS n, sum(x.v)::text AS v FROM (
       -- the all-time bucket: one index lookup per org and term
       SELECT q.org_id, q.request, q.key, q.sign * r.n AS n, q.sign * r.v AS v
       FROM q JOIN rollup_totals r ON r.org_id = q.org_id AND r.family = q.family AND r.bucket = ''
       WHERE q.lo = '' AND q.hi = '!'
       UNION ALL
       SELECT q.org_id, q.request, q.key, q.sign * r.n, q.sign * r.v
       FROM q JOIN LATERAL (
         -- one index range scan per org and term (OFFSET 0 keeps the planner from flattening it)
         SELECT r.n, r.v FROM rollup_totals r WHERE r.org_id = q.org_id AND r.family = q.family AND r.bucket >= q.lo AND r.bucket < q.hi OFFSET 0
       ) r ON true
       WHERE NOT (q.lo = '' AND q.hi = '!')
     ) x
     GROUP BY x.org_id, x.request, x.key
     UNION ALL
     SELECT 'p', t.id, NULL, d.family, d.bucket, sum(d.n)::bigint::text, sum(d.v)::text
     FROM rollup_deltas d JOIN orgs o ON o.id = d.org_id JOIN t ON CASE WHEN d.self THEN d.org_id = t.id ELSE o.path <@ t.path END
     WHERE d.family = ANY($13::text[])
     GROUP BY t.id, d.family, d.bucket
     UNION ALL
     SELECT 'g', NULL, NULL, generation, NULL, NULL, NULL FROM g`;
  const params = [
    [...paths.keys()],
    [...paths.values()],
    asked.map((org) => org.index),
    asked.map((org) => org.id),
    asked.map((org) => org.kept !== undefined),
    terms.map((term) => term.index),
    terms.map((term) => term.key),
    terms.map((term) => term.family),
    terms.map((term) => term.lo),
    terms.map((term) => term.hi),
    terms.map((term) => term.sign),
    known,
    [...new Set(terms.map((term) => term.family))],
  ];
  type Row = {
    kind: 't' | 'p' | 'g';
    orgId: number | null;
    request: number | null;
    key: string;
    bucket: string | null;
    n: string;
    v: string;
  };
  const rows = (await db.query(sql, params)) as Row[];
  const generation = rows.find((row) => row.kind === 'g')!.key;
  // Per request and org, the totals' part read now; per org, the deltas by family.
  const read = requests.map((request) => new Map<number, CellSums>(request.orgs.map((org) => [org.id, new Map()])));
  const pending = new Map<number, Map<string, PendingCell[]>>();
  for (const row of rows) {
    if (row.kind === 't') read[row.request!]!.get(row.orgId!)!.set(row.key, { n: Number(row.n), v: row.v });
    if (row.kind === 'p') {
      const families = pending.get(row.orgId!) ?? new Map<string, PendingCell[]>();
      pending.set(row.orgId!, families);
      const cells = families.get(row.key) ?? [];
      families.set(row.key, cells);
      cells.push({ bucket: row.bucket!, n: Number(row.n), v: BigInt(row.v) });
    }
  }
  const keptAsked = new Map(asked.map((org) => [`${org.index}:${org.id}`, org]));
  return requests.map((request, index) => {
    const result = new Map<number, CellSums>();
    for (const org of request.orgs) {
      const { key, kept } = keptAsked.get(`${index}:${org.id}`)!;
      // The statement read the totals unless the cache held them at the generation it saw.
      let totals = generation === known ? kept : undefined;
      if (!totals) {
        totals = read[index]!.get(org.id)!;
        cache.set(generation, key, totals);
      }
      const sums = new Map(totals);
      addPending(sums, request.terms, pending.get(org.id));
      result.set(org.id, sums);
    }
    return result;
  });
}

/**
 * The rollup cells as one request reads them: the context once, and every sum asked for while
 * the request's resolvers run at one level of the query sent as one statement.
 */
export class CellReader {
  private contextRead?: Promise<CellContext>;
  private queue: SumRequest[] = [];
  /** Work under way whose result asks for more sums (children being read): the statement waits. */
  private held: Promise<unknown>[] = [];

  constructor(
    private readonly db: DataSource,
    private readonly cache: CellCache,
  ) {}

  context(): Promise<CellContext> {
    this.contextRead ??= cellContext(this.db);
    return this.contextRead;
  }

  /**
   * Holds the next statement until `work` settles, so that sums asked for once it is done (the
   * figures of an org's children, while the children are read) go in the same statement.
   */
  holdFor(work: Promise<unknown>): void {
    this.held.push(work);
  }

  /** Per org id, the sums of the terms by key. */
  sum(orgs: readonly { id: number; path: string }[], terms: readonly Term[]): Promise<Map<number, CellSums>> {
    if (orgs.length === 0 || terms.length === 0) return Promise.resolve(new Map(orgs.map((org) => [org.id, new Map()])));
    return new Promise((resolve, reject) => {
      // Readers that need the context ask for their sums once it is read: wait for it and for the
      // work held, then for the callbacks of this turn of the event loop, and send what has gathered.
      if (this.queue.length === 0) {
        const flush = () => setImmediate(() => void this.flush());
        const held = this.held;
        this.held = [];
        void Promise.allSettled([this.context(), ...held]).then(flush);
      }
      this.queue.push({ orgs, terms, resolve, reject });
    });
  }

  private async flush(): Promise<void> {
    const requests = this.queue;
    this.queue = [];
    try {
      const results = await sumCells(this.db, this.cache, requests);
      requests.forEach((request, index) => request.resolve(results[index]!));
    } catch (error) {
      for (const request of requests) request.reject(error);
    }
  }
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

async function cellContext(db: DataSource): Promise<CellContext> {
  const day = (sql: string) => `to_char(${sql}, 'YYYY-MM-DD')`;
  const rows = (await db.query(
    `SELECT ${day('current_date')} AS today, ${day("(current_date - interval '50 years')::date")} AS born50,
       ${day("(current_date - interval '40 years')::date")} AS born40,
       (SELECT json_object_agg(l.root_org_id, l.id) FROM (
          SELECT DISTINCT ON (root_org_id) root_org_id, id FROM hardship_lines WHERE effective_from <= current_date
          ORDER BY root_org_id, effective_from DESC
        ) l) AS lines`,
  )) as [{ today: string; born50: string; born40: string; lines: Record<string, number> | null }];
  const [row] = rows;
  const lines = new Map<number, number>();
  for (const [root, line] of Object.entries(row.lines ?? {})) lines.set(Number(root), line);
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
