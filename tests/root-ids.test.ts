import { describe, expect, it } from 'vitest';
import { RegisterWorkerDocument } from '../client/sdk';
import { rootIdDifferences } from '../server/db/root-id';
import { usePermissionTree } from './support/env';
import { insertOrg, makeIdNumber } from './support/fixture';

// Every table of records carries its municipal root (migration RootIds, docs/scaling.md).
const env = usePermissionTree();
const check = () => rootIdDifferences((sql) => env.server.db.query(sql));

describe('root ids', () => {
  it('are set by the database on every write through the API, from the org, the worker or the path', async () => {
    const staff = await env.server.as('staff.m');
    const { registerWorker } = await staff.request(RegisterWorkerDocument, {
      input: {
        orgId: String(env.tree.orgs.E1.id),
        name: '根号',
        idNumber: makeIdNumber('1990-03-04', 'MALE', 57),
        education: 'HIGH_SCHOOL',
      },
    });
    const [{ root }] = (await env.server.db.query('SELECT root_id AS root FROM workers WHERE id = $1', [registerWorker.id])) as [
      { root: number },
    ];
    expect(root).toBe(env.tree.orgs.M.id);
    expect(await check()).toEqual({});
  });

  it('cannot be set by hand, and a row with another tree’s root is found', async () => {
    const other = await insertOrg(env.server.db, null, 'OTHER-ROOT', 'MUNICIPAL');
    const [{ root }] = (await env.server.db.query('SELECT root_id AS root FROM orgs WHERE id = $1', [other.id])) as [{ root: number }];
    expect(root).toBe(other.id);
    await env.server.db.query('UPDATE workers SET root_id = $1 WHERE org_id = $2', [other.id, env.tree.orgs.E1.id]);
    expect(await check()).toEqual({});
    await env.server.db.transaction(async (tx) => {
      await tx.query('ALTER TABLE workers DISABLE TRIGGER root_id_workers');
      await tx.query('UPDATE workers SET root_id = $1 WHERE id = (SELECT min(id) FROM workers WHERE org_id = $2)', [
        other.id,
        env.tree.orgs.E1.id,
      ]);
      await tx.query('ALTER TABLE workers ENABLE TRIGGER root_id_workers');
    });
    // The worker's own rows (an archive, cases) then disagree with it too.
    expect(await check()).toHaveProperty('workers', 1);
    await env.server.db.query('UPDATE workers SET root_id = NULL WHERE root_id = $1', [other.id]);
    expect(await check()).toEqual({});
  });
});
