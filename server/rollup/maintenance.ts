import type { DataSource, EntityManager } from 'typeorm';
import { pendingSql, truthSql } from './truth';

// The totals are written by one transaction at a time: a fold, a rebuild, a move's rebuild of
// the two chains, or a change of the hardship lines (migration RollupCells, lock class 7005).
const TOTALS_LOCK = 'SELECT pg_advisory_xact_lock(7005, 0)';

/**
 * Moves up to `batch` deltas into the totals of their org and its ancestors, in one transaction,
 * so that a read (totals plus deltas, one statement) sees either both before or both after.
 * Returns how many were folded; 0 when another fold holds the totals.
 */
export async function foldDeltas(db: DataSource, batch = 50_000): Promise<number> {
  // Without deltas a fold would still write the totals' generation (migration RollupGeneration).
  const [{ waiting }] = (await db.query('SELECT EXISTS (SELECT 1 FROM rollup_deltas) AS waiting')) as [{ waiting: boolean }];
  if (!waiting) return 0;
  return db.transaction(async (tx) => {
    const [{ locked }] = (await tx.query('SELECT pg_try_advisory_xact_lock(7005, 0) AS locked')) as [{ locked: boolean }];
    if (!locked) return 0;
    const [{ folded }] = (await tx.query(
      `WITH d AS (
         DELETE FROM rollup_deltas WHERE id IN (SELECT id FROM rollup_deltas ORDER BY id LIMIT $1)
         RETURNING org_id, self, family, bucket, n, v
       ), cells AS (
         SELECT x.org_id, d.family, d.bucket, sum(d.n) AS n, sum(d.v) AS v
         FROM d JOIN orgs o ON o.id = d.org_id
         CROSS JOIN LATERAL unnest(CASE WHEN d.self THEN ARRAY[d.org_id] ELSE rollup_chain(o.path) END) AS x(org_id)
         GROUP BY x.org_id, d.family, d.bucket
       ), written AS (
         INSERT INTO rollup_totals AS t (org_id, family, bucket, n, v) SELECT org_id, family, bucket, n, v FROM cells
         ON CONFLICT (org_id, family, bucket) DO UPDATE SET n = t.n + EXCLUDED.n, v = t.v + EXCLUDED.v
         RETURNING 1
       )
       SELECT (SELECT count(*) FROM d)::int AS folded, (SELECT count(*) FROM written) AS written`,
      [batch],
    )) as [{ folded: number }];
    return folded;
  });
}

/** Folds until no deltas are left (those committed when it started). */
export async function foldAll(db: DataSource): Promise<number> {
  let total = 0;
  for (;;) {
    const folded = await foldDeltas(db);
    total += folded;
    if (folded < 50_000) return total;
  }
}

/**
 * Folds in the background, every `everyMs` after the last fold ended, until stopped. Any number of
 * instances may run one: a fold that finds the totals locked skips its turn.
 */
export function startFolder(db: DataSource, everyMs: number, onError: (error: unknown) => void): { stop(): Promise<void> } {
  let stopped = false;
  let running: Promise<void> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;
  const tick = () => {
    running = foldAll(db)
      .then(() => undefined, onError)
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, everyMs).unref();
      });
  };
  timer = setTimeout(tick, everyMs).unref();
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}

/**
 * Sets the totals of `targets` (every org when null) from the records, less the deltas still
 * waiting, so that totals and deltas together say what the records say; concurrent writers need
 * not stop. Runs inside the caller's transaction.
 */
export async function rebuildTotals(tx: EntityManager, targets: readonly number[] | null): Promise<void> {
  if (targets?.length === 0) return;
  await tx.query(TOTALS_LOCK);
  // The recount hashes millions of rows: room for it in memory, for this transaction only.
  await tx.query("SET LOCAL work_mem = '256MB'");
  if (targets === null) {
    await tx.query('DELETE FROM rollup_enterprise_cells');
    await tx.query(
      `INSERT INTO rollup_enterprise_cells (org_id, family, bucket, n, v)
       SELECT e.id, c.family, c.bucket, c.n, c.v FROM orgs e CROSS JOIN LATERAL rollup_enterprise_cells_of(e.id) AS c WHERE e.level = 'ENTERPRISE'`,
    );
    await tx.query('TRUNCATE rollup_totals');
  } else {
    await tx.query('DELETE FROM rollup_totals WHERE org_id = ANY($1)', [targets]);
  }
  await tx.query(
    `INSERT INTO rollup_totals (org_id, family, bucket, n, v)
     SELECT org_id, family, bucket, sum(n), sum(v) FROM (
       SELECT * FROM (${truthSql('$1::int[]', 'stored')}) truth
       UNION ALL
       SELECT org_id, family, bucket, -n, -v FROM (${pendingSql('$1::int[]')}) pending
     ) cells GROUP BY org_id, family, bucket HAVING sum(n) <> 0 OR sum(v) <> 0`,
    [targets],
  );
}

export interface CellDifference {
  orgId: number;
  family: string;
  bucket: string;
  expected: { n: string; v: string };
  kept: { n: string; v: string };
}

export interface Reconciliation {
  /** Cells the records give, over every org. */
  cells: number;
  /** Where the totals and deltas disagree with the records (a rollup would be wrong there). */
  differences: CellDifference[];
  /** Enterprises whose stored campaign cells differ from their records. */
  enterprises: number[];
}

/**
 * Recomputes every cell from the records and compares with the totals plus the deltas still to
 * fold, in one snapshot. Hardship cells of lines no longer kept (superseded since) are ignored.
 */
export async function reconcile(db: DataSource): Promise<Reconciliation> {
  const runner = db.createQueryRunner();
  try {
    await runner.startTransaction('REPEATABLE READ');
    await runner.query("SET LOCAL work_mem = '256MB'");
    await runner.query(`CREATE TEMPORARY TABLE rollup_truth ON COMMIT DROP AS ${truthSql('NULL::int[]', 'fresh')}`);
    const rows = (await runner.query(
      `WITH kept AS (
         SELECT org_id, family, bucket, sum(n) AS n, sum(v) AS v FROM (
           SELECT org_id, family, bucket, n, v FROM rollup_totals UNION ALL ${pendingSql('NULL::int[]')}
         ) k GROUP BY org_id, family, bucket
       ), kept_now AS (
         SELECT k.* FROM kept k JOIN orgs o ON o.id = k.org_id
         WHERE k.family NOT LIKE 'h%'
            OR substring(k.family FROM '^h([0-9]+)')::int IN (SELECT id FROM rollup_lines(ltree2text(subpath(o.path, 0, 1))::integer))
       )
       SELECT coalesce(t.org_id, k.org_id) AS "orgId", coalesce(t.family, k.family) AS family, coalesce(t.bucket, k.bucket) AS bucket,
         coalesce(t.n, 0)::text AS tn, coalesce(t.v, 0)::text AS tv, coalesce(k.n, 0)::text AS kn, coalesce(k.v, 0)::text AS kv
       FROM rollup_truth t FULL JOIN kept_now k ON k.org_id = t.org_id AND k.family = t.family AND k.bucket = t.bucket
       WHERE coalesce(t.n, 0) <> coalesce(k.n, 0) OR coalesce(t.v, 0) <> coalesce(k.v, 0)
       ORDER BY 1, 2, 3`,
    )) as { orgId: number; family: string; bucket: string; tn: string; tv: string; kn: string; kv: string }[];
    const [{ cells }] = (await runner.query('SELECT count(*)::int AS cells FROM rollup_truth')) as [{ cells: number }];
    const enterprises = (await runner.query(
      `SELECT DISTINCT coalesce(f.org_id, s.org_id) AS id FROM
         (SELECT e.id AS org_id, c.* FROM orgs e CROSS JOIN LATERAL rollup_enterprise_cells_of(e.id) AS c WHERE e.level = 'ENTERPRISE') f
       FULL JOIN rollup_enterprise_cells s ON s.org_id = f.org_id AND s.family = f.family AND s.bucket = f.bucket
       WHERE f.n IS DISTINCT FROM s.n OR f.v IS DISTINCT FROM s.v ORDER BY 1`,
    )) as { id: number }[];
    await runner.commitTransaction();
    return {
      cells,
      differences: rows.map((row) => ({
        orgId: row.orgId,
        family: row.family,
        bucket: row.bucket,
        expected: { n: row.tn, v: row.tv },
        kept: { n: row.kn, v: row.kv },
      })),
      enterprises: enterprises.map((row) => row.id),
    };
  } catch (error) {
    if (runner.isTransactionActive) await runner.rollbackTransaction();
    throw error;
  } finally {
    await runner.release();
  }
}

/** Builds the totals of a database migrated with records already in it (once). */
export async function ensureRollupBuilt(db: DataSource): Promise<boolean> {
  const [{ needed }] = (await db.query('SELECT NOT EXISTS (SELECT 1 FROM rollup_totals) AND EXISTS (SELECT 1 FROM orgs) AS needed')) as [
    { needed: boolean },
  ];
  if (!needed) return false;
  await db.transaction((tx) => rebuildTotals(tx, null));
  return true;
}
