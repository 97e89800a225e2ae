import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AssignRoleDocument, CreateUserDocument, LoginDocument, MeDocument, OrgDocument, RevokeRoleDocument } from '../client/sdk';
import { issueToken } from '../server/auth/tokens';
import { bootstrapMunicipality } from '../server/org/bootstrap';
import { insertOrg, insertUser, type FixtureOrg } from './support/fixture';
import { startTestServer, TEST_PASSWORD, type TestServer } from './support/server';

let server: TestServer;
let M: FixtureOrg, C1: FixtureOrg, C2: FixtureOrg, T1: FixtureOrg;
let adminId: number;

beforeAll(async () => {
  server = await startTestServer();
  M = await insertOrg(server.db, null, 'M', 'MUNICIPAL');
  C1 = await insertOrg(server.db, M, 'C1', 'COUNTY');
  C2 = await insertOrg(server.db, M, 'C2', 'COUNTY');
  T1 = await insertOrg(server.db, C1, 'T1', 'TOWNSHIP');
  adminId = await insertUser(server.db, 'admin.c1', [['ADMIN', C1]]);
  await insertUser(server.db, 'two.trees', [
    ['VIEWER', T1],
    ['VIEWER', C2],
  ]);
});
afterAll(() => server.close());

describe('sign-in', () => {
  it('returns a signed token that works for me, with an expiry', async () => {
    const { login } = await server.client.request(LoginDocument, { username: 'admin.c1', password: TEST_PASSWORD });
    expect(login.token.split('.')).toHaveLength(3);
    expect(new Date(login.expiresAt).getTime()).toBeGreaterThan(Date.now() + 3500_000);
    expect(login.viewer.assignments).toEqual([expect.objectContaining({ role: 'ADMIN', org: expect.objectContaining({ code: 'C1' }) })]);
    const { me } = await server.client.withToken(login.token).request(MeDocument, {});
    expect(me.username).toBe('admin.c1');
  });

  it('gives a wrong password and an unknown user the same answer', async () => {
    const wrong = await server.client.execute(LoginDocument, { username: 'admin.c1', password: 'not-the-password' });
    const unknown = await server.client.execute(LoginDocument, { username: 'nobody.here', password: 'not-the-password' });
    expect(wrong.data).toBeNull();
    expect(unknown.data).toBeNull();
    expect(wrong.errors?.[0]).toMatchObject({
      message: 'Wrong username or password.',
      extensions: { code: 'UNAUTHENTICATED', reason: 'BAD_CREDENTIALS' },
    });
    expect(unknown.errors?.[0]?.message).toBe(wrong.errors?.[0]?.message);
    expect(unknown.errors?.[0]?.extensions).toEqual(wrong.errors?.[0]?.extensions);
  });

  it('stores only argon2id hashes', async () => {
    const rows: { hash: string }[] = await server.db.query('SELECT password_hash AS hash FROM users');
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row.hash).toMatch(/^\$argon2id\$/);
  });

  it('refuses an expired token and says so', async () => {
    const token = await issueToken(server.keys, adminId, 0, new Date(Date.now() - 2 * 3600_000));
    const result = await server.client.withToken(token).execute(MeDocument, {});
    expect(result.errors?.[0]).toMatchObject({
      message: 'Your sign-in has expired: log in again.',
      extensions: { code: 'UNAUTHENTICATED' },
    });
    const fresh = await issueToken(server.keys, adminId, 0);
    expect((await server.client.withToken(fresh).request(MeDocument, {})).me.username).toBe('admin.c1');
  });

  it('refuses a token signed with another key or tampered with', async () => {
    const token = await issueToken({ secret: new TextEncoder().encode('another-secret-another-secret-12345'), ttlSeconds: 60 }, adminId, 0);
    expect((await server.client.withToken(token).execute(MeDocument, {})).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const good = await issueToken(server.keys, adminId, 0);
    const [h, , s] = good.split('.');
    const forged = `${h}.${Buffer.from(JSON.stringify({ sub: '1', iss: 'gonghui', aud: 'gonghui-api', exp: 9999999999 })).toString('base64url')}.${s}`;
    expect((await server.client.withToken(forged).execute(MeDocument, {})).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});

describe('users and roles', () => {
  it('lets an ADMIN create a user with roles in its subtree, who can then sign in', async () => {
    const admin = await server.as('admin.c1');
    const { createUser } = await admin.request(CreateUserDocument, {
      input: {
        username: 't1.staff',
        displayName: '街道工作人员',
        password: 'a-good-password',
        assignments: [{ role: 'STAFF', orgId: String(T1.id) }],
      },
    });
    expect(createUser.assignments.map((a) => [a.role, a.org.code])).toEqual([['STAFF', 'T1']]);
    const staff = await server.as('t1.staff', 'a-good-password');
    expect((await staff.request(OrgDocument, { code: 'T1' })).org?.code).toBe('T1');
  });

  it("refuses a role outside the ADMIN's subtree and writes nothing", async () => {
    const admin = await server.as('admin.c1');
    const result = await admin.execute(CreateUserDocument, {
      input: { username: 'c2.spy', displayName: 'x', password: 'a-good-password', assignments: [{ role: 'VIEWER', orgId: String(C2.id) }] },
    });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'assignments.0.orgId' });
    expect(await server.db.query(`SELECT 1 FROM users WHERE username = 'c2.spy'`)).toHaveLength(0);
  });

  it('refuses a role above its own reach (at an ancestor)', async () => {
    const admin = await server.as('admin.c1');
    const me = (await admin.request(MeDocument, {})).me;
    const result = await admin.execute(AssignRoleDocument, { input: { userId: String(me.id), role: 'ADMIN', orgId: String(M.id) } });
    expect(result.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('refuses to change a user who also holds roles outside the scope', async () => {
    const admin = await server.as('admin.c1');
    const [{ id }] = (await server.db.query(`SELECT id FROM users WHERE username = 'two.trees'`)) as [{ id: number }];
    const result = await admin.execute(AssignRoleDocument, { input: { userId: String(id), role: 'STAFF', orgId: String(T1.id) } });
    expect(result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('rejects a duplicate username and a short password naming the field', async () => {
    const admin = await server.as('admin.c1');
    const duplicate = await admin.execute(CreateUserDocument, {
      input: {
        username: 'admin.c1',
        displayName: 'x',
        password: 'a-good-password',
        assignments: [{ role: 'VIEWER', orgId: String(T1.id) }],
      },
    });
    expect(duplicate.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'username' });
    const short = await admin.execute(CreateUserDocument, {
      input: { username: 'short.pw', displayName: 'x', password: 'short', assignments: [{ role: 'VIEWER', orgId: String(T1.id) }] },
    });
    expect(short.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'password' });
  });

  it('takes a revoked role away at once, and keeps the last one', async () => {
    const admin = await server.as('admin.c1');
    const { createUser } = await admin.request(CreateUserDocument, {
      input: {
        username: 'two.roles',
        displayName: 'x',
        password: 'a-good-password',
        assignments: [
          { role: 'VIEWER', orgId: String(T1.id) },
          { role: 'VIEWER', orgId: String(C1.id) },
        ],
      },
    });
    const user = await server.as('two.roles', 'a-good-password');
    expect((await user.request(OrgDocument, { code: 'C1' })).org).not.toBeNull();
    const atC1 = createUser.assignments.find((a) => a.org.code === 'C1')!;
    const { revokeRole } = await admin.request(RevokeRoleDocument, { id: atC1.id });
    expect(revokeRole.assignments.map((a) => a.org.code)).toEqual(['T1']);
    expect((await user.request(OrgDocument, { code: 'C1' })).org).toBeNull();
    const last = await admin.execute(RevokeRoleDocument, { id: revokeRole.assignments[0]!.id });
    expect(last.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'LAST_ROLE' });
  });
});

describe('bootstrapping a municipality', () => {
  it('creates the root, its lines and its first ADMIN, who can then build the tree', async () => {
    await bootstrapMunicipality(server.db, {
      code: 'NEWCITY',
      name: '新市总工会',
      adminUsername: 'newcity.admin',
      adminPassword: 'a-good-password',
      hardshipLine: '300',
      extremeLine: '260',
      effectiveFrom: '2026-01-01',
    });
    const admin = await server.as('newcity.admin', 'a-good-password');
    const { org } = await admin.request(OrgDocument, { code: 'NEWCITY' });
    expect(org).toMatchObject({ level: 'MUNICIPAL', parent: null, ancestors: [] });
    expect((await admin.request(OrgDocument, { code: 'C1' })).org).toBeNull();
  });

  it('refuses bad arguments and writes nothing', async () => {
    await expect(
      bootstrapMunicipality(server.db, {
        code: 'bad code',
        name: '',
        adminUsername: 'X',
        adminPassword: 'short',
        hardshipLine: '200',
        extremeLine: '245',
        effectiveFrom: '2026-13-01',
      }),
    ).rejects.toThrow(/--code .*--name .*--admin .*password.*--hardship-line.*--from/);
    expect(await server.db.query(`SELECT 1 FROM orgs WHERE code = 'bad code'`)).toHaveLength(0);
  });

  it('takes any code the API takes for an org, hyphens included', async () => {
    await bootstrapMunicipality(server.db, {
      code: 'CITY-2',
      name: '二市总工会',
      adminUsername: 'city2.admin',
      adminPassword: 'a-good-password',
      hardshipLine: '300',
      extremeLine: '260',
      effectiveFrom: '2026-01-01',
    });
    expect(await server.db.query(`SELECT 1 FROM orgs WHERE code = 'CITY-2' AND parent_id IS NULL`)).toHaveLength(1);
  });
});
