import fc from 'fast-check';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bornTerms, CellCache, CellReader, countOf, periodTerms, plainTerm, valueOf, type Term } from '../server/rollup/cells';
import { foldAll, foldDeltas, rebuildTotals, reconcile } from '../server/rollup/maintenance';
import { createTestDatabase } from './support/database';
import { insertArchive, insertLines, insertOrg, insertUser, insertWorker, type FixtureOrg } from './support/fixture';

// The rollup's counters (migration RollupCells) against the records they count: whatever is
// written, by any statement, folded or not, the totals plus the waiting deltas say what a
// recount of the records says.

let db: DataSource;
let tree: Record<'M' | 'C' | 'T' | 'E1' | 'E2' | 'E3', FixtureOrg>;
let userId: number;
let approverId: number;
let serial = 0;

async function expectReconciled(): Promise<void> {
  const result = await reconcile(db);
  expect(result.differences).toEqual([]);
  expect(result.enterprises).toEqual([]);
}

/** The figures the API would read for an org, through the same cells. */
async function cell(org: FixtureOrg, family: string, bucket = ''): Promise<number> {
  const [{ n }] = (await db.query(
    `SELECT coalesce(sum(n), 0)::int AS n FROM (
       SELECT n FROM rollup_totals WHERE org_id = $1 AND family = $2 AND bucket = $3
       UNION ALL
       SELECT d.n FROM rollup_deltas d JOIN orgs o ON o.id = d.org_id
       WHERE d.family = $2 AND d.bucket = $3 AND CASE WHEN d.self THEN d.org_id = $1 ELSE o.path <@ $4::ltree END
     ) x`,
    [org.id, family, bucket, org.path],
  )) as [{ n: number }];
  return n;
}

beforeAll(async () => {
  ({ db } = await createTestDatabase());
  const M = await insertOrg(db, null, 'M', 'MUNICIPAL');
  const C = await insertOrg(db, M, 'C', 'COUNTY');
  const T = await insertOrg(db, C, 'T', 'TOWNSHIP');
  tree = {
    M,
    C,
    T,
    E1: await insertOrg(db, T, 'E1', 'ENTERPRISE'),
    E2: await insertOrg(db, T, 'E2', 'ENTERPRISE'),
    E3: await insertOrg(db, C, 'E3', 'ENTERPRISE'),
  };
  await insertLines(db, M);
  userId = await insertUser(db, 'writer', [['ADMIN', M]]);
  approverId = await insertUser(db, 'approver', [['FINANCE', M]]);
  await db.query('INSERT INTO fund_accounts (org_id, balance_fen) SELECT id, 100000000 FROM orgs');
});

afterAll(() => db?.destroy());

const ENTERPRISES = ['E1', 'E2', 'E3'] as const;
const PAYERS = ['M', 'C', 'T', 'E1', 'E2', 'E3'] as const;
const PROGRAMMES = ['LIVING', 'LEGAL', 'SKILLS', 'EMPLOYMENT'] as const;

type Op =
  | { kind: 'worker'; at: (typeof ENTERPRISES)[number]; male: boolean; born: string; member: boolean; education: string }
  | { kind: 'flags'; pick: number; member: boolean; migrant: boolean; model: boolean; education: string }
  | { kind: 'archive'; pick: number; size: number; incomeFen: number; causes: string[] }
  | { kind: 'income'; pick: number; incomeFen: number; causes: string[] }
  | { kind: 'lift'; pick: number }
  | { kind: 'pairing'; pick: number; end: 'LIFTED' | 'OTHER' | null }
  | { kind: 'pay'; pick: number; payer: (typeof PAYERS)[number]; programme: (typeof PROGRAMMES)[number]; fen: number; day: string }
  | { kind: 'outcome'; pick: number; day: string }
  | { kind: 'campaign'; at: (typeof ENTERPRISES)[number]; year: number; workers: number }
  | { kind: 'naming'; at: (typeof ENTERPRISES)[number]; year: number; level: string; revokedInDays: number | null }
  | { kind: 'profile'; at: (typeof ENTERPRISES)[number]; ownership: string }
  | { kind: 'fold' };

const day = fc
  .date({ min: new Date('2021-01-01'), max: new Date('2025-12-31'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
const born = fc
  .date({ min: new Date('1966-01-01'), max: new Date('2004-12-31'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
const education = fc.constantFrom('JUNIOR_HIGH_OR_BELOW', 'HIGH_SCHOOL', 'COLLEGE_OR_ABOVE');
const causes = fc.subarray(['LAID_OFF', 'SERIOUS_ILLNESS', 'DISABILITY', 'CHILDREN_SCHOOLING'], { minLength: 1 });
const pick = fc.nat(1000);
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    kind: fc.constant('worker' as const),
    at: fc.constantFrom(...ENTERPRISES),
    male: fc.boolean(),
    born,
    member: fc.boolean(),
    education,
  }),
  fc.record({ kind: fc.constant('flags' as const), pick, member: fc.boolean(), migrant: fc.boolean(), model: fc.boolean(), education }),
  // Household incomes around the lines (280 and 245 yuan a head) so that both bands change.
  fc.record({
    kind: fc.constant('archive' as const),
    pick,
    size: fc.integer({ min: 1, max: 5 }),
    incomeFen: fc.integer({ min: 0, max: 150_000 }),
    causes,
  }),
  fc.record({ kind: fc.constant('income' as const), pick, incomeFen: fc.integer({ min: 0, max: 150_000 }), causes }),
  fc.record({ kind: fc.constant('lift' as const), pick }),
  fc.record({ kind: fc.constant('pairing' as const), pick, end: fc.constantFrom('LIFTED' as const, 'OTHER' as const, null) }),
  fc.record({
    kind: fc.constant('pay' as const),
    pick,
    payer: fc.constantFrom(...PAYERS),
    programme: fc.constantFrom(...PROGRAMMES),
    fen: fc.integer({ min: 0, max: 50_000 }),
    day,
  }),
  fc.record({ kind: fc.constant('outcome' as const), pick, day }),
  fc.record({
    kind: fc.constant('campaign' as const),
    at: fc.constantFrom(...ENTERPRISES),
    year: fc.integer({ min: 2023, max: 2025 }),
    workers: fc.nat(500),
  }),
  fc.record({
    kind: fc.constant('naming' as const),
    at: fc.constantFrom(...ENTERPRISES),
    year: fc.integer({ min: 2023, max: 2025 }),
    level: fc.constantFrom('NATIONAL', 'PROVINCIAL', 'MUNICIPAL', 'COUNTY'),
    revokedInDays: fc.option(fc.integer({ min: -30, max: 400 })),
  }),
  fc.record({
    kind: fc.constant('profile' as const),
    at: fc.constantFrom(...ENTERPRISES),
    ownership: fc.constantFrom('PRIVATE', 'STATE_OWNED', 'COLLECTIVE'),
  }),
  fc.constant({ kind: 'fold' as const }),
);

/** A worker of the fixture, chosen by `pick` among those there are (none: null). */
async function someWorker(index: number, where = 'true'): Promise<{ id: string; orgId: number } | null> {
  const rows = (await db.query(`SELECT w.id::text AS id, w.org_id AS "orgId" FROM workers w WHERE ${where} ORDER BY w.id`)) as {
    id: string;
    orgId: number;
  }[];
  return rows.length === 0 ? null : rows[index % rows.length]!;
}

async function apply(step: Op): Promise<void> {
  switch (step.kind) {
    case 'worker':
      await insertWorker(db, tree[step.at], {
        gender: step.male ? 'MALE' : 'FEMALE',
        birthDate: step.born,
        isMember: step.member,
        education: step.education,
        serial: serial++ % 500,
      }).catch(() => undefined); // an ID number already taken: nothing written
      return;
    case 'flags': {
      const worker = await someWorker(step.pick);
      if (worker)
        await db.query('UPDATE workers SET is_member = $2, is_migrant_worker = $3, is_model_worker = $4, education = $5 WHERE id = $1', [
          worker.id,
          step.member,
          step.migrant,
          step.model,
          step.education,
        ]);
      return;
    }
    case 'archive': {
      const worker = await someWorker(
        step.pick,
        'NOT EXISTS (SELECT 1 FROM hardship_archives a WHERE a.worker_id = w.id AND a.lifted_on IS NULL)',
      );
      if (worker) await insertArchive(db, worker.id, { householdSize: step.size, incomeFen: step.incomeFen, causes: step.causes });
      return;
    }
    case 'income': {
      const worker = await someWorker(
        step.pick,
        'EXISTS (SELECT 1 FROM hardship_archives a WHERE a.worker_id = w.id AND a.lifted_on IS NULL)',
      );
      if (worker)
        await db.query(
          'UPDATE hardship_archives SET household_monthly_income_fen = $2, causes = $3::hardship_cause[] WHERE worker_id = $1 AND lifted_on IS NULL',
          [worker.id, step.incomeFen, step.causes],
        );
      return;
    }
    case 'lift':
      await db.query(
        `UPDATE hardship_archives SET lifted_on = current_date, lift_reason = '脱困'
         WHERE id = (SELECT id FROM hardship_archives WHERE lifted_on IS NULL ORDER BY id OFFSET $1 % greatest(1, (SELECT count(*) FROM hardship_archives WHERE lifted_on IS NULL)) LIMIT 1)`,
        [step.pick],
      );
      return;
    case 'pairing': {
      const open = (await db.query('SELECT id FROM pairings WHERE ended_on IS NULL ORDER BY id')) as { id: string }[];
      if (step.end && open.length > 0) {
        await db.query(`UPDATE pairings SET ended_on = started_on + 30, end_reason = $2, end_note = 'ended' WHERE id = $1`, [
          open[step.pick % open.length]!.id,
          step.end,
        ]);
        return;
      }
      const worker = await someWorker(step.pick, 'NOT EXISTS (SELECT 1 FROM pairings p WHERE p.worker_id = w.id AND p.ended_on IS NULL)');
      if (worker)
        await db.query(
          `INSERT INTO pairings (worker_id, cadre_name, cadre_post, cadre_org_id, started_on, created_by) VALUES ($1, '干部', '主席', $2, '2024-01-01', $3)`,
          [worker.id, worker.orgId, userId],
        );
      return;
    }
    case 'pay': {
      const worker = await someWorker(step.pick);
      if (!worker) return;
      // Applied, then (a later statement) disbursed on the day: the trigger sees the transition.
      const [{ id }] = (await db.query(
        `INSERT INTO assistance_cases (worker_id, programme, status, amount_fen, course, applied_by) VALUES ($1, $2, 'APPLIED', $3, $4, $5) RETURNING id`,
        [worker.id, step.programme, step.fen, step.programme === 'SKILLS' || step.programme === 'EMPLOYMENT' ? '课程' : null, userId],
      )) as [{ id: string }];
      await db.query(
        `UPDATE assistance_cases SET status = 'DISBURSED', paying_org_id = $2, approved_by = $3, approved_at = now(), disbursed_by = $3,
           disbursed_at = now(), disbursed_on = $4 WHERE id = $1`,
        [id, tree[step.payer].id, approverId, step.day],
      );
      return;
    }
    case 'outcome':
      await db.query(
        `UPDATE assistance_cases SET reemployed = NOT coalesce(reemployed, false), outcome_on = greatest($2::date, disbursed_on)
         WHERE id = (SELECT id FROM assistance_cases WHERE status = 'DISBURSED' AND programme IN ('SKILLS', 'EMPLOYMENT') ORDER BY id
                     OFFSET $1 % greatest(1, (SELECT count(*) FROM assistance_cases WHERE status = 'DISBURSED' AND programme IN ('SKILLS', 'EMPLOYMENT'))) LIMIT 1)`,
        [step.pick, step.day],
      );
      return;
    case 'campaign':
      await db.query(
        `INSERT INTO harmonious_participations (org_id, year, participating_workers) VALUES ($1, $2, $3)
         ON CONFLICT (org_id, year) DO UPDATE SET participating_workers = EXCLUDED.participating_workers`,
        [tree[step.at].id, step.year, step.workers],
      );
      return;
    case 'naming': {
      const participation = (await db.query('SELECT id FROM harmonious_participations WHERE org_id = $1 AND year = $2', [
        tree[step.at].id,
        step.year,
      ])) as { id: string }[];
      if (participation.length === 0) return;
      await db.query(
        `INSERT INTO harmonious_namings (participation_id, org_id, year, level, named_by_org_id, named_by, named_on, revoked_on, revoke_reason, revoked_by)
         VALUES ($1, $2, $3, $4, $5, $6, '2025-06-01', current_date + $7::int, CASE WHEN $7::int IS NOT NULL THEN '撤销' END, CASE WHEN $7::int IS NOT NULL THEN $6::int END)
         ON CONFLICT DO NOTHING`,
        [participation[0]!.id, tree[step.at].id, step.year, step.level, tree.M.id, userId, step.revokedInDays],
      );
      return;
    }
    case 'profile':
      await db.query(
        `INSERT INTO enterprise_profiles (org_id, credit_code, ownership, industry, employees) VALUES ($1::int, '91110000MA000000' || lpad($1::int::text, 2, '0'), $2, '制造', 10)
         ON CONFLICT (org_id) DO UPDATE SET ownership = EXCLUDED.ownership`,
        [tree[step.at].id, step.ownership],
      );
      return;
    case 'fold':
      await foldDeltas(db, 7);
      return;
  }
}

describe('rollup counters', () => {
  it('say what the records say after any sequence of writes, folded or not', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 5, maxLength: 25 }), async (steps) => {
        for (const step of steps) await apply(step);
        await expectReconciled();
      }),
      { numRuns: 25 },
    );
    await foldAll(db);
    await expectReconciled();
    expect(await cell(tree.M, 'orgs')).toBe(6);
  });

  it('finds a total that does not match its records, and a rebuild mends it', async () => {
    await foldAll(db);
    await db.query(`UPDATE rollup_totals SET n = n + 1 WHERE org_id = $1 AND family = 'workers' AND bucket = ''`, [tree.C.id]);
    const broken = await reconcile(db);
    expect(broken.differences).toHaveLength(1);
    expect(broken.differences[0]).toMatchObject({ orgId: tree.C.id, family: 'workers', bucket: '' });
    expect(Number(broken.differences[0]!.kept.n)).toBe(Number(broken.differences[0]!.expected.n) + 1);
    await db.transaction((tx) => rebuildTotals(tx, [tree.C.id]));
    await expectReconciled();
  });

  it('counts a man 50 on this very day as 50 and over, and one a day younger as under 50', async () => {
    const [{ fifty, younger }] = (await db.query(
      `SELECT to_char(current_date - interval '50 years', 'YYYY-MM-DD') AS fifty, to_char(current_date - interval '50 years' + interval '1 day', 'YYYY-MM-DD') AS younger`,
    )) as [{ fifty: string; younger: string }];
    const [{ line }] = (await db.query(
      'SELECT id AS line FROM hardship_lines WHERE root_org_id = $1 AND effective_from <= current_date ORDER BY effective_from DESC LIMIT 1',
      [tree.M.id],
    )) as [{ line: number }];
    const family = `h${line}H:MALE`;
    const before = { older: await cell(tree.E3, family, `d${fifty}`), younger: await cell(tree.E3, family, `d${younger}`) };
    for (const birthDate of [fifty, younger]) {
      const id = await insertWorker(db, tree.E3, { gender: 'MALE', birthDate, serial: 499 });
      await insertArchive(db, id, { householdSize: 3, incomeFen: 30_000 });
    }
    expect(await cell(tree.E3, family, `d${fifty}`)).toBe(before.older + 1);
    expect(await cell(tree.E3, family, `d${younger}`)).toBe(before.younger + 1);
    expect(await cell(tree.M, family, `y${fifty.slice(0, 4)}`)).toBeGreaterThanOrEqual(1);
    await expectReconciled();
  });

  it('rebuilds the hardship cells when a line comes into force, and keeps those of a line to come', async () => {
    await db.query(
      `INSERT INTO hardship_lines (root_org_id, effective_from, hardship_line_fen, extreme_line_fen) VALUES ($1, current_date, 40000, 30000),
         ($1, current_date + 365, 50000, 35000)`,
      [tree.M.id],
    );
    const lines = (await db.query(
      'SELECT id FROM hardship_lines WHERE root_org_id = $1 AND effective_from >= current_date ORDER BY effective_from',
      [tree.M.id],
    )) as { id: number }[];
    const [{ hardship }] = (await db.query(
      `SELECT count(*)::int AS hardship FROM hardship_archives a WHERE a.lifted_on IS NULL AND a.household_monthly_income_fen < 40000 * a.household_size`,
    )) as [{ hardship: number }];
    expect(await cell(tree.M, `h${lines[0]!.id}H`)).toBe(hardship);
    const [{ later }] = (await db.query(
      `SELECT count(*)::int AS later FROM hardship_archives a WHERE a.lifted_on IS NULL AND a.household_monthly_income_fen < 50000 * a.household_size`,
    )) as [{ later: number }];
    expect(await cell(tree.M, `h${lines[1]!.id}H`)).toBe(later);
    const worker = await insertWorker(db, tree.E1, { serial: 498, birthDate: '1990-01-01' });
    await insertArchive(db, worker, { householdSize: 1, incomeFen: 45_000 });
    expect(await cell(tree.M, `h${lines[1]!.id}H`)).toBe(later + 1);
    await expectReconciled();
  });

  it('keeps every cell right while many writers and a folder work at once', async () => {
    const workers = (await db.query('SELECT id::text AS id FROM workers ORDER BY id LIMIT 8')) as { id: string }[];
    let folding = true;
    const folder = (async () => {
      while (folding) await foldDeltas(db, 50);
    })();
    await Promise.all(
      Array.from({ length: 32 }, (_, i) =>
        db.transaction(async (tx) => {
          const worker = workers[i % workers.length]!.id;
          const [{ id }] = (await tx.query(
            `INSERT INTO assistance_cases (worker_id, programme, status, amount_fen, applied_by) VALUES ($1, 'LIVING', 'APPLIED', 100, $2) RETURNING id`,
            [worker, userId],
          )) as [{ id: string }];
          await tx.query(
            `UPDATE assistance_cases SET status = 'DISBURSED', paying_org_id = $2, approved_by = $3, approved_at = now(), disbursed_by = $3,
               disbursed_at = now(), disbursed_on = current_date WHERE id = $1`,
            [id, i % 2 ? tree.C.id : tree.E1.id, approverId],
          );
          await tx.query('UPDATE workers SET is_member = NOT is_member WHERE id = $1', [worker]);
        }),
      ),
    );
    folding = false;
    await folder;
    await expectReconciled();
  });
  it('reads the same sums through the cell reader from deltas waiting, from kept totals and after a fold', async () => {
    await foldAll(db);
    const steps = fc.sample(
      op.filter((step) => step.kind !== 'fold'),
      { numRuns: 60, seed: 5 },
    );
    for (const step of steps) await apply(step);
    const [{ line }] = (await db.query(
      'SELECT id AS line FROM hardship_lines WHERE root_org_id = $1 AND effective_from <= current_date ORDER BY effective_from DESC LIMIT 1',
      [tree.M.id],
    )) as [{ line: number }];
    // Ranges over birth dates and payment days, both signs, and a plain family.
    const terms: Term[] = [
      plainTerm('workers', 'workers'),
      ...bornTerms('womenLess', `h${line}H:FEMALE`, '1985-06-30', -1),
      ...bornTerms('men', `h${line}H:MALE`, null),
      ...bornTerms('men50', `h${line}H:MALE`, '1976-11-24'),
      ...periodTerms('paid', 'paid:LIVING', '2023-03-01', '2024-08-31'),
      ...periodTerms('paidBefore', 'paid:SKILLS', null, '2024-01-15'),
    ];
    const [{ waiting }] = (await db.query(`SELECT count(*)::int AS waiting FROM rollup_deltas WHERE family = ANY($1::text[])`, [
      [...new Set(terms.map((term) => term.family))],
    ])) as [{ waiting: number }];
    expect(waiting).toBeGreaterThan(0);
    const orgs = Object.values(tree).map(({ id, path }) => ({ id, path }));
    const read = async (cache: CellCache) => {
      const sums = await new CellReader(db, cache).sum(orgs, terms);
      // A key no cell has reads as zero, however it is left out.
      const keys = [...new Set(terms.map((term) => term.key))];
      return orgs.map((org) =>
        Object.fromEntries(keys.map((key) => [key, [countOf(sums.get(org.id), key), valueOf(sums.get(org.id), key)]])),
      );
    };
    const cache = new CellCache();
    const fresh = await read(cache);
    const kept = await read(cache);
    await foldAll(db);
    const folded = await read(new CellCache());
    expect(kept).toEqual(fresh);
    expect(folded).toEqual(fresh);
    expect(fresh[0]!.workers![0]).toBeGreaterThan(0);
  });
});
