import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { rebuildTotals } from '../server/rollup/maintenance';
import { FULL_ROLLUP } from './queries';

// Payments per second with many writers at once while rollups are read, with the rollup's
// maintenance (the triggers that append cells) and without it. Each writer pays approved cases
// from enterprise funds of its own, so writers do not queue on one fund's row; two readers
// read the city's rollup all the while.

export type Post = (query: string, variables?: Record<string, unknown>, token?: string) => Promise<Record<string, unknown>>;

export interface WritePhase {
  payments: number;
  seconds: number;
  perSecond: number;
  reads: number;
  failures: number;
}

const DISBURSE = 'mutation Pay($caseId: ID!, $key: String!) { disburseAssistance(caseId: $caseId, idempotencyKey: $key) { id status } }';
const TRIGGERS = [
  ['assistance_cases', 'rollup_assistance_cases'],
  ['ledger_entries', 'rollup_ledger_entries'],
] as const;

/** Funds 2 enterprises per writer and returns their ids, one list per writer. */
async function fundEnterprises(db: DataSource, post: Post, token: string, writers: number): Promise<number[][]> {
  const enterprises = (await db.query(
    `SELECT o.id FROM orgs o WHERE o.level = 'ENTERPRISE' AND o.path <@ (SELECT path FROM orgs WHERE code = 'SF')
       AND (SELECT count(*) FROM workers w WHERE w.org_id = o.id) >= 50
     ORDER BY o.id LIMIT $1`,
    [writers * 2],
  )) as { id: number }[];
  if (enterprises.length < writers * 2) throw new Error('the demo has too few enterprises with 50 workers');
  const run = randomBytes(4).toString('hex');
  for (const { id } of enterprises) {
    await post(
      'mutation Fund($input: RecordIncomeInput!) { recordIncome(input: $input) { id } }',
      { input: { orgId: String(id), source: 'GOVERNMENT', amount: '1000000.00', idempotencyKey: `bench-${run}-${id}` } },
      token,
    );
  }
  return Array.from({ length: writers }, (_, i) => [enterprises[i]!.id, enterprises[i + writers]!.id]);
}

/** Approved LIVING cases of 1.00 yuan, paid by each enterprise's own fund: `perOrg` per enterprise. */
async function approveCases(db: DataSource, orgs: number[], perOrg: number): Promise<Map<number, string[]>> {
  const rows = (await db.query(
    `WITH staff AS (SELECT id FROM users WHERE username = 'sf01.staff'), finance AS (SELECT id FROM users WHERE username = 'sf.finance')
     INSERT INTO assistance_cases (worker_id, programme, status, amount_fen, applied_by, paying_org_id, approved_by, approved_at)
     SELECT w.id, 'LIVING', 'APPROVED', 100, (SELECT id FROM staff), w.org_id, (SELECT id FROM finance), now()
     FROM unnest($1::int[]) AS o(id)
     CROSS JOIN LATERAL (SELECT id, org_id FROM workers WHERE org_id = o.id ORDER BY id LIMIT 50) w
     CROSS JOIN generate_series(1, ceil($2::numeric / 50)::int)
     RETURNING id::text AS id, paying_org_id AS "orgId"`,
    [orgs, perOrg],
  )) as { id: string; orgId: number }[];
  const queues = new Map<number, string[]>(orgs.map((id) => [id, []]));
  for (const row of rows) queues.get(row.orgId)!.push(row.id);
  return queues;
}

async function phase(
  post: Post,
  token: string,
  queues: Map<number, string[]>,
  assignment: number[][],
  seconds: number,
): Promise<WritePhase> {
  const until = performance.now() + seconds * 1000;
  let payments = 0;
  let failures = 0;
  let reads = 0;
  const started = performance.now();
  const writer = async (orgs: number[]) => {
    for (let turn = 0; performance.now() < until; turn++) {
      const caseId = queues.get(orgs[turn % orgs.length]!)!.pop();
      if (!caseId) break;
      try {
        await post(DISBURSE, { caseId, key: `bench-pay-${caseId}` }, token);
        payments++;
      } catch {
        failures++;
      }
    }
  };
  const reader = async () => {
    while (performance.now() < until) {
      await post(FULL_ROLLUP, { code: 'SF' }, token);
      reads++;
    }
  };
  await Promise.all([...assignment.map(writer), reader(), reader()]);
  const elapsed = (performance.now() - started) / 1000;
  return { payments, seconds: elapsed, perSecond: payments / elapsed, reads, failures };
}

/**
 * Runs the payments with the maintenance on, then with its triggers off, then turns them on again
 * and rebuilds the totals from the records, so the database is as consistent as before.
 */
export async function writeThroughput(
  db: DataSource,
  post: Post,
  financeToken: string,
  options: { writers: number; seconds: number; log: (line: string) => void },
): Promise<{ with: WritePhase; without: WritePhase }> {
  const assignment = await fundEnterprises(db, post, financeToken, options.writers);
  const orgs = assignment.flat();
  // Enough cases for a fast run: about 1,500 payments a second over all writers.
  const perOrg = Math.ceil((1500 * options.seconds) / orgs.length) + 50;
  options.log(`${options.writers} writers: approving ${perOrg} cases for each of ${orgs.length} enterprise funds`);
  const withQueues = await approveCases(db, orgs, perOrg);
  const withMaintenance = await phase(post, financeToken, withQueues, assignment, options.seconds);
  options.log(`with maintenance: ${withMaintenance.perSecond.toFixed(0)} payments/s`);
  const withoutQueues = await approveCases(db, orgs, perOrg);
  for (const [table, trigger] of TRIGGERS) await db.query(`ALTER TABLE ${table} DISABLE TRIGGER ${trigger}`);
  let withoutMaintenance: WritePhase;
  try {
    withoutMaintenance = await phase(post, financeToken, withoutQueues, assignment, options.seconds);
  } finally {
    for (const [table, trigger] of TRIGGERS) await db.query(`ALTER TABLE ${table} ENABLE TRIGGER ${trigger}`);
    options.log('rebuilding the rollup totals after the run without maintenance');
    await db.transaction((tx) => rebuildTotals(tx, null));
  }
  options.log(`without maintenance: ${withoutMaintenance.perSecond.toFixed(0)} payments/s`);
  return { with: withMaintenance, without: withoutMaintenance };
}
