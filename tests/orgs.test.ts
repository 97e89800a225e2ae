import { describe, expect, it } from 'vitest';
import { CreateOrgDocument, MoveOrgDocument, OrgChildrenDocument, OrgDocument, UpdateOrgDocument } from '../client/sdk';
import { insertOrg, insertUser } from './support/fixture';
import { errorOf } from './support/errors';
import { usePermissionTree } from './support/env';

const env = usePermissionTree();

const pathOf = async (code: string) =>
  ((await env.server.db.query('SELECT path::text AS path FROM orgs WHERE code = $1', [code])) as { path: string }[])[0]?.path;

describe('the union tree', () => {
  it('creates an org under a parent with the materialised path', async () => {
    const admin = await env.server.as('admin.c1');
    const { createOrg } = await admin.request(CreateOrgDocument, {
      input: { parentId: String(env.tree.orgs.T1.id), code: 'E1-NEW', name: '新企业工会', level: 'ENTERPRISE' },
    });
    expect(createOrg).toMatchObject({ code: 'E1-NEW', level: 'ENTERPRISE', parent: { id: String(env.tree.orgs.T1.id) } });
    expect(await pathOf('E1-NEW')).toBe(`${env.tree.orgs.T1.path}.${createOrg.id}`);
  });

  it('refuses a child whose level is not lower than its parent', async () => {
    const admin = await env.server.as('admin.c1');
    const error = await errorOf(
      admin.request(CreateOrgDocument, { input: { parentId: String(env.tree.orgs.T1.id), code: 'T1-X', name: 'x', level: 'COUNTY' } }),
    );
    expect(error.code).toBe('BAD_USER_INPUT');
    expect(error.errors[0]?.extensions).toMatchObject({ reason: 'ORG_LEVEL_RULE', field: 'level' });
    expect(await pathOf('T1-X')).toBeUndefined();
  });

  it('lets an enterprise sit directly under a county', async () => {
    const admin = await env.server.as('admin.c1');
    const { createOrg } = await admin.request(CreateOrgDocument, {
      input: { parentId: String(env.tree.orgs.C1.id), code: 'C1-E01', name: '大企业工会', level: 'ENTERPRISE' },
    });
    expect(createOrg.level).toBe('ENTERPRISE');
  });

  it('refuses a duplicate code with CONFLICT naming the field', async () => {
    const admin = await env.server.as('admin.m');
    const error = await errorOf(
      admin.request(CreateOrgDocument, { input: { parentId: String(env.tree.orgs.M.id), code: 'C2', name: 'dup', level: 'COUNTY' } }),
    );
    expect(error.code).toBe('CONFLICT');
    expect(error.errors[0]?.extensions?.field).toBe('code');
  });

  it('rejects a malformed code before touching the database', async () => {
    const admin = await env.server.as('admin.m');
    const error = await errorOf(
      admin.request(CreateOrgDocument, { input: { parentId: String(env.tree.orgs.M.id), code: 'bad code', name: 'x', level: 'COUNTY' } }),
    );
    expect(error.code).toBe('BAD_USER_INPUT');
    expect(error.errors[0]?.extensions?.field).toBe('code');
  });

  it('rejects a blank name naming the field', async () => {
    const admin = await env.server.as('admin.m');
    const error = await errorOf(
      admin.request(CreateOrgDocument, { input: { parentId: String(env.tree.orgs.M.id), code: 'BLANK', name: '   ', level: 'COUNTY' } }),
    );
    expect(error.errors[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'name' });
    expect(await pathOf('BLANK')).toBeUndefined();
  });

  it('renames an org', async () => {
    const admin = await env.server.as('admin.t1');
    const { updateOrg } = await admin.request(UpdateOrgDocument, { input: { id: String(env.tree.orgs.E1b.id), name: '改名工会' } });
    expect(updateOrg.name).toBe('改名工会');
  });

  it('moves a whole subtree to a new parent in one transaction', async () => {
    const admin = await env.server.as('admin.m');
    const T = await env.server.db.query(`SELECT id FROM orgs WHERE code = 'T1B'`);
    const { moveOrg } = await admin.request(MoveOrgDocument, {
      input: { id: String(env.tree.orgs.T1b.id), newParentId: String(env.tree.orgs.C2.id) },
    });
    expect(T).toHaveLength(1);
    expect(moveOrg.parent?.code).toBe('C2');
    expect(moveOrg.ancestors.map((a) => a.code)).toEqual(['M', 'C2']);
    expect(await pathOf('T1B')).toBe(`${env.tree.orgs.C2.path}.${env.tree.orgs.T1b.id}`);
    expect(await pathOf('E1C')).toBe(`${env.tree.orgs.C2.path}.${env.tree.orgs.T1b.id}.${env.tree.orgs.E1c.id}`);
    // and back, so other tests see the env.tree they expect
    await admin.request(MoveOrgDocument, { input: { id: String(env.tree.orgs.T1b.id), newParentId: String(env.tree.orgs.C1.id) } });
    expect(await pathOf('E1C')).toBe(env.tree.orgs.E1c.path);
  });

  it('keeps every path consistent while moves and creates run at the same time', async () => {
    const admin = await env.server.as('admin.m');
    const parents = [env.tree.orgs.C2.id, env.tree.orgs.C1.id];
    const moves = Array.from({ length: 6 }, (_, i) =>
      admin.request(MoveOrgDocument, { input: { id: String(env.tree.orgs.T1b.id), newParentId: String(parents[i % 2]) } }),
    );
    const creates = Array.from({ length: 12 }, (_, i) =>
      admin.request(CreateOrgDocument, {
        input: { parentId: String(env.tree.orgs.T1b.id), code: `RACE-${i}`, name: '并发企业工会', level: 'ENTERPRISE' },
      }),
    );
    await Promise.all([...moves, ...creates]);
    const broken: unknown[] = await env.server.db.query(
      `SELECT c.code FROM orgs c JOIN orgs p ON p.id = c.parent_id WHERE c.path <> p.path || c.id::text::ltree`,
    );
    expect(broken).toEqual([]);
    expect(await env.server.db.query(`SELECT 1 FROM orgs WHERE code LIKE 'RACE-%'`)).toHaveLength(12);
    // the moves finish in any order: put T1B back where the other tests expect it
    await admin.request(MoveOrgDocument, { input: { id: String(env.tree.orgs.T1b.id), newParentId: String(env.tree.orgs.C1.id) } });
    expect(await pathOf('T1B')).toBe(env.tree.orgs.T1b.path);
  });

  it('takes the tree’s lock before an org’s row, as a move does, so a create below a moving org never deadlocks with it', async () => {
    const admin = await env.server.as('admin.m');
    const runner = env.server.db.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    try {
      // Hold the tree's lock as a move of T1B would, then let a create start below T1B.
      await runner.query('SELECT pg_advisory_xact_lock(7001, $1)', [env.tree.orgs.M.id]);
      const creating = admin.request(CreateOrgDocument, {
        input: { parentId: String(env.tree.orgs.T1b.id), code: 'LOCK-ORDER', name: '锁序', level: 'ENTERPRISE' },
      });
      await new Promise((resolve) => setTimeout(resolve, 300));
      // The move would now rewrite T1B's row: the waiting create must not hold it.
      await runner.query('SELECT 1 FROM orgs WHERE id = $1 FOR UPDATE NOWAIT', [env.tree.orgs.T1b.id]);
      await runner.commitTransaction();
      expect((await creating).createOrg.code).toBe('LOCK-ORDER');
    } finally {
      if (runner.isTransactionActive) await runner.rollbackTransaction();
      await runner.release();
    }
  });

  it('keeps an org inside its own municipality', async () => {
    const other = await insertOrg(env.server.db, null, 'OTHER', 'MUNICIPAL');
    const otherCounty = await insertOrg(env.server.db, other, 'OTHER01', 'COUNTY');
    await insertUser(env.server.db, 'admin.two.cities', [
      ['ADMIN', env.tree.orgs.M],
      ['ADMIN', other],
    ]);
    const admin = await env.server.as('admin.two.cities');
    const error = await errorOf(
      admin.request(MoveOrgDocument, { input: { id: String(env.tree.orgs.T1b.id), newParentId: String(otherCounty.id) } }),
    );
    expect(error.errors[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'ORG_OTHER_TREE', field: 'newParentId' });
    expect(await pathOf('T1B')).toBe(env.tree.orgs.T1b.path);
  });

  it('never creates a cycle', async () => {
    const admin = await env.server.as('admin.m');
    const error = await errorOf(
      admin.request(MoveOrgDocument, { input: { id: String(env.tree.orgs.C1.id), newParentId: String(env.tree.orgs.T1.id) } }),
    );
    expect(error.errors[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'ORG_CYCLE', field: 'newParentId' });
    expect(await pathOf('C1')).toBe(env.tree.orgs.C1.path);
  });

  it("never moves a subtree out of the caller's scope", async () => {
    const admin = await env.server.as('admin.c1');
    const error = await errorOf(
      admin.request(MoveOrgDocument, { input: { id: String(env.tree.orgs.T1b.id), newParentId: String(env.tree.orgs.C2.id) } }),
    );
    expect(error.code).toBe('NOT_FOUND');
    expect(error.errors[0]?.extensions?.field).toBe('newParentId');
    expect(await pathOf('T1B')).toBe(env.tree.orgs.T1b.path);
  });

  it('refuses to move an org under a parent of a level not above it', async () => {
    const admin = await env.server.as('admin.m');
    const error = await errorOf(
      admin.request(MoveOrgDocument, { input: { id: String(env.tree.orgs.T1b.id), newParentId: String(env.tree.orgs.T2.id) } }),
    );
    expect(error.errors[0]?.extensions).toMatchObject({ reason: 'ORG_LEVEL_RULE' });
  });

  it('pages children by code with totalCount and a cursor', async () => {
    const viewer = await env.server.as('viewer.m');
    const first = await viewer.request(OrgChildrenDocument, { code: 'C1', first: 1 });
    const page1 = first.org!.children;
    expect(page1.totalCount).toBeGreaterThanOrEqual(2);
    expect(page1.edges.map((e) => e.node.code)).toHaveLength(1);
    expect(page1.pageInfo.hasNextPage).toBe(true);
    const second = await viewer.request(OrgChildrenDocument, { code: 'C1', first: 100, after: page1.pageInfo.endCursor });
    const codes = [...page1.edges, ...second.org!.children.edges].map((e) => e.node.code);
    expect(codes).toEqual([...codes].sort());
    expect(codes.length).toBe(page1.totalCount);
    const error = await errorOf(viewer.request(OrgChildrenDocument, { code: 'C1', first: 101 }));
    expect(error.errors[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
  });

  it('shows ancestors as breadcrumbs but not the parent outside the scope', async () => {
    const admin = await env.server.as('admin.t1');
    const { org } = await admin.request(OrgDocument, { code: 'T1' });
    expect(org?.ancestors.map((a) => a.code)).toEqual(['M', 'C1']);
    expect(org?.parent).toBeNull();
    expect((await admin.request(OrgDocument, { code: 'C1' })).org).toBeNull();
  });
});
