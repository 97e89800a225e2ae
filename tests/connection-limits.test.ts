import type { QueryRunner } from 'typeorm';
import { describe, expect, it } from 'vitest';
import { LoginDocument, MeDocument, RecordIncomeDocument } from '../client/sdk';
import type { ConnectionLimits } from '../server/db/data-source';
import { usePermissionTree } from './support/env';
import { TEST_PASSWORD } from './support/server';

// The API's connections carry bounds (API_CONNECTION_LIMITS; short ones here), so a slow
// statement, a held lock or a busy pool stops one request with a clear code instead of holding
// the server, and leaves nothing half-written.
const LIMITS: ConnectionLimits = { statementTimeoutMs: 1_000, lockTimeoutMs: 300, idleInTransactionMs: 1_500, acquireTimeoutMs: 300 };
const env = usePermissionTree(undefined, LIMITS);

const LEAKS = /SELECT|INSERT|UPDATE|relation|pg_|QueryFailed|at \w+ \(|timeout exceeded when/;

async function entries(key: string): Promise<number> {
  const [{ n }] = (await env.server.db.query(`SELECT count(*)::int AS n FROM idempotency_keys WHERE key = $1`, [key])) as [{ n: number }];
  const [{ m }] = (await env.server.db.query(`SELECT count(*)::int AS m FROM ledger_entries WHERE kind = 'INCOME' AND to_org_id = $1`, [
    env.tree.orgs.M.id,
  ])) as [{ m: number }];
  return n + m;
}

describe('the bounds on a request', () => {
  it('stop a payment that waits too long on a fund held by another transaction, with TIMEOUT, and write nothing', async () => {
    const finance = await env.server.as('finance.m');
    const input = { orgId: String(env.tree.orgs.M.id), source: 'OTHER' as const, amount: '10.00', idempotencyKey: 'held-fund' };
    // Someone else holds the fund's row (an allocation would) past the lock timeout.
    await env.server.db.query('INSERT INTO fund_accounts (org_id, balance_fen) VALUES ($1, 0) ON CONFLICT DO NOTHING', [
      env.tree.orgs.M.id,
    ]);
    const holder = env.server.db.createQueryRunner();
    await holder.connect();
    await holder.startTransaction();
    await holder.query('SELECT 1 FROM fund_accounts WHERE org_id = $1 FOR UPDATE', [env.tree.orgs.M.id]);
    const before = await entries('held-fund');
    try {
      const result = await finance.execute(RecordIncomeDocument, { input });
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'TIMEOUT', reason: 'LOCK_TIMEOUT' });
      expect(JSON.stringify(result.errors)).not.toMatch(LEAKS);
      expect(await entries('held-fund')).toBe(before);
    } finally {
      await holder.rollbackTransaction();
      await holder.release();
    }
    // Nothing of the stopped attempt is kept: the same key now goes through.
    const retried = await finance.request(RecordIncomeDocument, { input });
    expect(retried.recordIncome.amount).toBe('10.00');
  });

  it('answer TIMEOUT when no pooled connection comes free in time, signed in or not, and serve again once one does', async () => {
    const viewer = await env.server.as('viewer.m');
    // Every connection of the API's pool (5 here) is taken.
    const held: QueryRunner[] = [];
    try {
      for (let i = 0; i < 5; i++) {
        const runner = env.server.db.createQueryRunner();
        await runner.connect();
        held.push(runner);
      }
      const login = await env.server.client.execute(LoginDocument, { username: 'viewer.m', password: TEST_PASSWORD });
      expect(login.errors?.[0]?.extensions).toMatchObject({ code: 'TIMEOUT', reason: 'POOL_TIMEOUT' });
      // With a token the caller is read before any resolver runs.
      const me = await viewer.execute(MeDocument, {});
      expect(me.errors?.[0]?.extensions).toMatchObject({ code: 'TIMEOUT', reason: 'POOL_TIMEOUT' });
      expect(JSON.stringify([login.errors, me.errors])).not.toMatch(LEAKS);
    } finally {
      for (const runner of held) await runner.release();
    }
    expect((await viewer.request(MeDocument, {})).me.username).toBe('viewer.m');
  });

  it('stop a statement that runs too long and end a transaction left idle, on the API’s connections', async () => {
    await expect(env.server.db.query('SELECT pg_sleep(3)')).rejects.toMatchObject({ driverError: { code: '57014' } });
    const idle = env.server.db.createQueryRunner();
    await idle.connect();
    try {
      await idle.startTransaction();
      await idle.query('SELECT 1');
      await new Promise((resolve) => setTimeout(resolve, 2_000));
      // PostgreSQL ended the session; the pool drops the connection.
      await expect(idle.query('SELECT 1')).rejects.toThrow();
      expect(idle.isReleased).toBe(true);
    } finally {
      if (!idle.isReleased) await idle.release();
    }
    expect((await env.server.db.query('SELECT 1 AS one')) as unknown).toEqual([{ one: 1 }]);
  });
});
