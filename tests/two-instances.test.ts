import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createClient,
  FundRollupDocument,
  LoginDocument,
  OrgRollupDocument,
  RecordIncomeDocument,
  RegisterWorkerDocument,
  type GonghuiClient,
} from '../client/sdk';
import { createDataSource } from '../server/db/data-source';
import { dataKey } from '../server/config';
import { createApp } from '../server/http/app';
import { foldAll, rebuildTotals } from '../server/rollup/maintenance';
import { usePermissionTree } from './support/env';
import { makeIdNumber } from './support/fixture';
import { TEST_PASSWORD } from './support/server';

// The server keeps no state of its own: two instances on one database, as behind a load
// balancer, take each other's tokens, see each other's writes at once and both fold.
const env = usePermissionTree();
let second: { app: FastifyInstance; db: DataSource; url: string };

beforeAll(async () => {
  const db = createDataSource(String((env.server.db.options as { url?: string }).url), { poolSize: 5 });
  await db.initialize();
  const app = await createApp({ db, keys: env.server.keys, dataKey: dataKey(), production: false, logger: false, foldEveryMs: 50 });
  await app.listen({ port: 0, host: '127.0.0.1' });
  second = { app, db, url: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}/graphql` };
});

afterAll(async () => {
  await second?.app.close();
  await second?.db.destroy();
});

/** The same signed-in user on the other instance: the token is all the state there is. */
async function onSecond(username: string): Promise<GonghuiClient> {
  const first = await env.server.as(username);
  const { login } = await first.request(LoginDocument, { username, password: TEST_PASSWORD });
  return createClient({ url: second.url }).withToken(login.token);
}

describe('two instances on one database', () => {
  it('take each other’s tokens and read each other’s writes at once, through the rollup', async () => {
    const staffOnFirst = await env.server.as('staff.m');
    const viewerOnSecond = await onSecond('viewer.m');
    const before = (await viewerOnSecond.request(OrgRollupDocument, { code: 'M' })).org!.rollup.workers.total;
    for (let serial = 0; serial < 5; serial++) {
      await staffOnFirst.request(RegisterWorkerDocument, {
        input: {
          orgId: String(env.tree.orgs.E2.id),
          name: `两台${serial}`,
          idNumber: makeIdNumber('1991-07-08', 'FEMALE', serial),
          education: 'HIGH_SCHOOL',
        },
      });
      // No wait for a fold: the other instance's rollup already counts it.
      expect((await viewerOnSecond.request(OrgRollupDocument, { code: 'M' })).org!.rollup.workers.total).toBe(before + serial + 1);
    }
  });

  it('never answer from totals kept across a fold, a rebuild or a change to the totals', async () => {
    const staffOnFirst = await env.server.as('staff.m');
    const viewerOnSecond = await onSecond('viewer.m');
    const total = async () => (await viewerOnSecond.request(OrgRollupDocument, { code: 'M' })).org!.rollup.workers.total;
    const M = env.tree.orgs.M.id;
    await foldAll(env.server.db);
    const before = await total();
    // Read twice: the second instance keeps the totals' part of the sums between them.
    expect(await total()).toBe(before);
    // A statement on the totals moves their generation on, so the kept sums are read anew.
    await env.server.db.query(`UPDATE rollup_totals SET n = n + 7 WHERE org_id = $1 AND family = 'workers' AND bucket = ''`, [M]);
    expect(await total()).toBe(before + 7);
    await env.server.db.transaction((tx) => rebuildTotals(tx, [M]));
    expect(await total()).toBe(before);
    await staffOnFirst.request(RegisterWorkerDocument, {
      input: {
        orgId: String(env.tree.orgs.E1.id),
        name: '折叠',
        idNumber: makeIdNumber('1988-02-03', 'MALE', 41),
        education: 'HIGH_SCHOOL',
      },
    });
    expect(await total()).toBe(before + 1);
    await foldAll(env.server.db);
    expect(await total()).toBe(before + 1);
  });

  it('move money once when the same request reaches both instances', async () => {
    const financeOnFirst = await env.server.as('finance.m');
    const financeOnSecond = await onSecond('finance.m');
    const input = { orgId: String(env.tree.orgs.M.id), source: 'GOVERNMENT' as const, amount: '321.00', idempotencyKey: 'both-instances' };
    const before = (await financeOnSecond.request(FundRollupDocument, { code: 'M' })).org!.rollup.funds.income;
    const [a, b] = await Promise.all([
      financeOnFirst.request(RecordIncomeDocument, { input }),
      financeOnSecond.request(RecordIncomeDocument, { input }),
    ]);
    expect(a.recordIncome.id).toBe(b.recordIncome.id);
    const after = (await financeOnFirst.request(FundRollupDocument, { code: 'M' })).org!.rollup.funds.income;
    expect(Number(after) - Number(before)).toBeCloseTo(321, 2);
  });
});
