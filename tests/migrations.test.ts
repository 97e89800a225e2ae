import { describe, expect, it } from 'vitest';
import { rootIdDifferences } from '../server/db/root-id';
import { reconcile } from '../server/rollup/maintenance';
import { usePermissionTree } from './support/env';
import { testCipher } from './support/personal-data';

// The migrations after the foundation go down and up again on a database that holds records,
// as an upgrade of a running deployment (or its rollback) would run them.
const env = usePermissionTree();
const AFTER_CELLS = 5; // RollupGeneration, RootIds, BeneficiaryLookup, EncryptPersonalData, SignInSafety

async function caseTrigger(): Promise<string> {
  const [{ definition }] = (await env.server.db.query(`SELECT pg_get_functiondef('rollup_on_case()'::regprocedure) AS definition`)) as [
    { definition: string },
  ];
  return definition;
}

/** Every worker's ID and phone numbers, opened. */
async function personalData(): Promise<{ id: string; idNumber: string; phone: string | null }[]> {
  const rows: { id: string; sealed: Buffer; hash: Buffer; phone: Buffer | null }[] = await env.server.db.query(
    'SELECT id::text AS id, id_number_cipher AS sealed, id_number_hash AS hash, phone_cipher AS phone FROM workers ORDER BY id',
  );
  return rows.map((row) => {
    const idNumber = testCipher.open('id_number', row.sealed);
    expect(row.hash).toEqual(testCipher.lookupHash(idNumber));
    return { id: row.id, idNumber, phone: row.phone && testCipher.open('phone', row.phone) };
  });
}

describe('the migrations', () => {
  it('go down and up again over records, leaving the counters and root ids right', async () => {
    const db = env.server.db;
    const [{ workers }] = (await db.query('SELECT count(*)::int AS workers FROM workers')) as [{ workers: number }];
    expect(workers).toBeGreaterThan(0);
    const before = await personalData();
    expect(await caseTrigger()).toContain('(SELECT po.path FROM orgs po WHERE po.id = x.paying_org_id) <@ a.path');
    for (let i = 0; i < AFTER_CELLS; i++) await db.undoLastMigration({ transaction: 'each' });
    expect(await caseTrigger()).toContain('JOIN orgs po ON po.id = x.paying_org_id');
    // Down, the numbers are text again, the same numbers.
    const plain: { id: string; idNumber: string; phone: string | null }[] = await db.query(
      'SELECT id::text AS id, id_number AS "idNumber", phone FROM workers ORDER BY id',
    );
    expect(plain).toEqual(before);
    const [{ rootColumns }] = (await db.query(
      `SELECT count(*)::int AS "rootColumns" FROM information_schema.columns WHERE column_name = 'root_id' AND table_schema = 'public'`,
    )) as [{ rootColumns: number }];
    expect(rootColumns).toBe(0);
    const ran = await db.runMigrations({ transaction: 'each' });
    expect(ran).toHaveLength(AFTER_CELLS);
    expect(await caseTrigger()).toContain('(SELECT po.path FROM orgs po WHERE po.id = x.paying_org_id) <@ a.path');
    expect(await personalData()).toEqual(before);
    expect((await reconcile(db)).differences).toEqual([]);
    expect(await rootIdDifferences((sql) => db.query(sql))).toEqual({});
  });
});
