import { describe, expect, it } from 'vitest';
import { rootIdDifferences } from '../server/db/root-id';
import { reconcile } from '../server/rollup/maintenance';
import { usePermissionTree } from './support/env';

// The migrations after the foundation go down and up again on a database that holds records,
// as an upgrade of a running deployment (or its rollback) would run them.
const env = usePermissionTree();
const AFTER_CELLS = 3; // RollupGeneration, RootIds, BeneficiaryLookup

async function caseTrigger(): Promise<string> {
  const [{ definition }] = (await env.server.db.query(`SELECT pg_get_functiondef('rollup_on_case()'::regprocedure) AS definition`)) as [
    { definition: string },
  ];
  return definition;
}

describe('the migrations', () => {
  it('go down and up again over records, leaving the counters and root ids right', async () => {
    const db = env.server.db;
    const [{ workers }] = (await db.query('SELECT count(*)::int AS workers FROM workers')) as [{ workers: number }];
    expect(workers).toBeGreaterThan(0);
    expect(await caseTrigger()).toContain('(SELECT po.path FROM orgs po WHERE po.id = x.paying_org_id) <@ a.path');
    for (let i = 0; i < AFTER_CELLS; i++) await db.undoLastMigration({ transaction: 'each' });
    expect(await caseTrigger()).toContain('JOIN orgs po ON po.id = x.paying_org_id');
    const [{ rootColumns }] = (await db.query(
      `SELECT count(*)::int AS "rootColumns" FROM information_schema.columns WHERE column_name = 'root_id' AND table_schema = 'public'`,
    )) as [{ rootColumns: number }];
    expect(rootColumns).toBe(0);
    const ran = await db.runMigrations({ transaction: 'each' });
    expect(ran).toHaveLength(AFTER_CELLS);
    expect(await caseTrigger()).toContain('(SELECT po.path FROM orgs po WHERE po.id = x.paying_org_id) <@ a.path');
    expect((await reconcile(db)).differences).toEqual([]);
    expect(await rootIdDifferences((sql) => db.query(sql))).toEqual({});
  });
});
