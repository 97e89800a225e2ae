import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  ChangePasswordDocument,
  DisableUserDocument,
  EnableUserDocument,
  LoginDocument,
  MeDocument,
  ResetPasswordDocument,
  type GonghuiClient,
} from '../client/sdk';
import { SIGN_IN_THROTTLE } from '../server/auth/throttle';
import { insertOrg, insertUser, type FixtureOrg } from './support/fixture';
import { startTestServer, TEST_PASSWORD, type TestServer } from './support/server';

// Failed sign-ins slowed then refused, per username and per address; disabled accounts, changed
// and reset passwords ending the sign-ins made before.
let server: TestServer;
let M: FixtureOrg;
let C1: FixtureOrg;
let C2: FixtureOrg;
let serial = 0;

beforeAll(async () => {
  server = await startTestServer();
  M = await insertOrg(server.db, null, 'M', 'MUNICIPAL');
  C1 = await insertOrg(server.db, M, 'C1', 'COUNTY');
  C2 = await insertOrg(server.db, M, 'C2', 'COUNTY');
  await insertUser(server.db, 'admin.c1', [['ADMIN', C1]]);
});
afterAll(() => server.close());
// Every request comes from 127.0.0.1: each test starts with the address's count clear.
beforeEach(() => server.db.query(`DELETE FROM sign_in_throttles WHERE kind = 'address'`));

async function freshUser(org = C1): Promise<string> {
  const username = `clerk${serial++}`;
  await insertUser(server.db, username, [['STAFF', org]]);
  return username;
}

async function attempt(username: string, password: string, headers?: Record<string, string>) {
  const result = await (headers ? rawLogin(username, password, headers) : server.client.execute(LoginDocument, { username, password }));
  return { token: result.data?.login.token, error: result.errors?.[0]?.extensions };
}

async function rawLogin(username: string, password: string, headers: Record<string, string>) {
  const response = await fetch(server.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({
      query: 'mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }',
      variables: { u: username, p: password },
    }),
  });
  return (await response.json()) as { data?: { login: { token: string } } | null; errors?: { extensions?: Record<string, unknown> }[] };
}

/** As if `seconds` had passed since the last failures. */
async function later(seconds: number): Promise<void> {
  await server.db.query(`UPDATE sign_in_throttles SET last_failure_at = last_failure_at - make_interval(secs => $1)`, [seconds]);
}

describe('repeated failed sign-ins', () => {
  it('cost nothing at first, then make the username wait, even with the right password', async () => {
    const username = await freshUser();
    for (let i = 0; i < SIGN_IN_THROTTLE.user.free; i++)
      expect((await attempt(username, 'wrong-password')).error).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'BAD_CREDENTIALS' });
    const refused = await attempt(username, TEST_PASSWORD);
    expect(refused.token).toBeUndefined();
    expect(refused.error).toMatchObject({ code: 'TOO_MANY_ATTEMPTS', reason: 'USER_THROTTLED', retryAfterSeconds: 1 });
    await later(1);
    expect((await attempt(username, 'wrong-password')).error?.reason).toBe('BAD_CREDENTIALS');
    // Each further failure doubles the wait.
    expect((await attempt(username, TEST_PASSWORD)).error).toMatchObject({ reason: 'USER_THROTTLED', retryAfterSeconds: 2 });
    await later(2);
    expect((await attempt(username, TEST_PASSWORD)).token).toBeDefined();
    // A success clears the count.
    expect((await attempt(username, 'wrong-password')).error?.reason).toBe('BAD_CREDENTIALS');
    expect((await attempt(username, TEST_PASSWORD)).token).toBeDefined();
  });

  it('refuse the username for a quarter of an hour past the limit, then let it in', async () => {
    const username = await freshUser();
    await server.db.query(`INSERT INTO sign_in_throttles (kind, key, failures, last_failure_at) VALUES ('user', $1, $2, now())`, [
      username,
      SIGN_IN_THROTTLE.user.lockAfter,
    ]);
    const refused = await attempt(username, TEST_PASSWORD);
    expect(refused.error).toMatchObject({ code: 'TOO_MANY_ATTEMPTS', reason: 'USER_THROTTLED' });
    expect(refused.error?.retryAfterSeconds).toBeGreaterThan(14 * 60);
    await later(10 * 60);
    expect((await attempt(username, TEST_PASSWORD)).error?.reason).toBe('USER_THROTTLED');
    await later(5 * 60 + 1);
    expect((await attempt(username, TEST_PASSWORD)).token).toBeDefined();
  });

  it('count guesses sent at once one after another', async () => {
    const username = await freshUser();
    const answers = await Promise.all(Array.from({ length: 8 }, () => attempt(username, 'wrong-password')));
    const reasons = answers.map((answer) => answer.error?.reason);
    expect(reasons.filter((reason) => reason === 'BAD_CREDENTIALS')).toHaveLength(SIGN_IN_THROTTLE.user.free);
    expect(reasons.filter((reason) => reason === 'USER_THROTTLED')).toHaveLength(8 - SIGN_IN_THROTTLE.user.free);
  });

  it('refuse an address that tried too many usernames, whatever X-Forwarded-For says', async () => {
    const usernames = await Promise.all([freshUser(), freshUser()]);
    for (let i = 0; i < SIGN_IN_THROTTLE.address.free; i++) await attempt(`nobody${i}`, 'wrong-password');
    const slowed = await attempt(usernames[0], TEST_PASSWORD);
    expect(slowed.error).toMatchObject({ code: 'TOO_MANY_ATTEMPTS', reason: 'ADDRESS_THROTTLED' });
    await server.db.query(`UPDATE sign_in_throttles SET failures = $1 WHERE kind = 'address'`, [SIGN_IN_THROTTLE.address.lockAfter]);
    await later(60);
    const refused = await attempt(usernames[1], TEST_PASSWORD, { 'x-forwarded-for': '203.0.113.9' });
    expect(refused.error).toMatchObject({ code: 'TOO_MANY_ATTEMPTS', reason: 'ADDRESS_THROTTLED' });
    expect(refused.error?.retryAfterSeconds).toBeGreaterThan(13 * 60);
  });

  it('let many staff of one office sign in at once, and count none of them against the address', async () => {
    const usernames = await Promise.all(Array.from({ length: 30 }, () => freshUser()));
    // Old counts of other addresses lie about, as the sweep finds them.
    await server.db.query(
      `INSERT INTO sign_in_throttles (kind, key, failures, last_failure_at)
       SELECT 'address', '198.51.100.' || n, 1, now() - interval '2 hours' FROM generate_series(1, 30) AS n`,
    );
    const answers = await Promise.all(usernames.map((username) => attempt(username, TEST_PASSWORD)));
    expect(answers.filter((answer) => answer.token).length).toBe(30);
    const [{ failures }] = (await server.db.query(
      `SELECT failures FROM sign_in_throttles WHERE kind = 'address' AND key = '127.0.0.1'`,
    )) as [{ failures: number }];
    expect(failures).toBe(0);
  });

  it('keep nothing of the password, only counts', async () => {
    const rows: Record<string, unknown>[] = await server.db.query('SELECT * FROM sign_in_throttles');
    expect(JSON.stringify(rows)).not.toContain('wrong-password');
  });
});

describe('accounts and sessions', () => {
  async function signIn(username: string, password = TEST_PASSWORD): Promise<GonghuiClient> {
    const { login } = await server.client.request(LoginDocument, { username, password });
    return server.client.withToken(login.token);
  }

  it("ends a disabled user's sign-ins at once, and lets them in again once enabled", async () => {
    const username = await freshUser();
    const clerk = await signIn(username);
    const admin = await signIn('admin.c1');
    const [{ id }] = (await server.db.query('SELECT id FROM users WHERE username = $1', [username])) as [{ id: number }];
    const { disableUser } = await admin.request(DisableUserDocument, { userId: String(id) });
    expect(disableUser.disabled).toBe(true);
    expect((await clerk.execute(MeDocument, {})).errors?.[0]?.extensions).toMatchObject({
      code: 'UNAUTHENTICATED',
      reason: 'ACCOUNT_DISABLED',
    });
    // Only someone who knows the password learns that the account is disabled.
    expect((await attempt(username, 'wrong-password')).error?.reason).toBe('BAD_CREDENTIALS');
    expect((await attempt(username, TEST_PASSWORD)).error?.reason).toBe('ACCOUNT_DISABLED');
    await admin.request(EnableUserDocument, { userId: String(id) });
    // The old sign-in stays ended; a new one works.
    expect((await clerk.execute(MeDocument, {})).errors?.[0]?.extensions?.reason).toBe('SESSION_ENDED');
    expect((await (await signIn(username)).request(MeDocument, {})).me.username).toBe(username);
  });

  it('lets an ADMIN disable only users of its scope, and not itself', async () => {
    const admin = await signIn('admin.c1');
    const outside = await freshUser(C2);
    const [{ id }] = (await server.db.query('SELECT id FROM users WHERE username = $1', [outside])) as [{ id: number }];
    expect((await admin.execute(DisableUserDocument, { userId: String(id) })).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const [{ self }] = (await server.db.query(`SELECT id AS self FROM users WHERE username = 'admin.c1'`)) as [{ self: number }];
    expect((await admin.execute(DisableUserDocument, { userId: String(self) })).errors?.[0]?.extensions).toMatchObject({
      code: 'CONFLICT',
      reason: 'OWN_ACCOUNT',
    });
    const [{ disabled }] = (await server.db.query(
      'SELECT count(*)::int AS disabled FROM users WHERE disabled_at IS NOT NULL AND id = ANY($1)',
      [[id, self]],
    )) as [{ disabled: number }];
    expect(disabled).toBe(0);
  });

  it('ends the other sign-ins when a user changes their password, and keeps this one going', async () => {
    const username = await freshUser();
    const laptop = await signIn(username);
    const phone = await signIn(username);
    const wrong = await phone.execute(ChangePasswordDocument, { input: { currentPassword: 'not-it', newPassword: 'a-new-password-1' } });
    // A client error on the field, not a sign-out: the caller is still signed in.
    expect(wrong.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'BAD_CREDENTIALS', field: 'currentPassword' });
    const { changePassword } = await phone.request(ChangePasswordDocument, {
      input: { currentPassword: TEST_PASSWORD, newPassword: 'a-new-password-1' },
    });
    expect((await laptop.execute(MeDocument, {})).errors?.[0]?.extensions?.reason).toBe('SESSION_ENDED');
    expect((await phone.execute(MeDocument, {})).errors?.[0]?.extensions?.reason).toBe('SESSION_ENDED');
    expect((await server.client.withToken(changePassword.token).request(MeDocument, {})).me.username).toBe(username);
    expect((await attempt(username, TEST_PASSWORD)).error?.reason).toBe('BAD_CREDENTIALS');
    expect((await attempt(username, 'a-new-password-1')).token).toBeDefined();
  });

  it('ends the sign-ins of a user whose password an ADMIN resets', async () => {
    const username = await freshUser();
    const clerk = await signIn(username);
    const admin = await signIn('admin.c1');
    const [{ id }] = (await server.db.query('SELECT id FROM users WHERE username = $1', [username])) as [{ id: number }];
    await admin.request(ResetPasswordDocument, { input: { userId: String(id), newPassword: 'temporary-pass-9' } });
    expect((await clerk.execute(MeDocument, {})).errors?.[0]?.extensions?.reason).toBe('SESSION_ENDED');
    expect((await attempt(username, 'temporary-pass-9')).token).toBeDefined();
    const short = await admin.execute(ResetPasswordDocument, { input: { userId: String(id), newPassword: 'short' } });
    expect(short.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'newPassword' });
    // Not one's own, which would skip the current password: that is changePassword's.
    const [{ self }] = (await server.db.query(`SELECT id AS self FROM users WHERE username = 'admin.c1'`)) as [{ self: number }];
    const own = await admin.execute(ResetPasswordDocument, { input: { userId: String(self), newPassword: 'taken-over-pass' } });
    expect(own.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'OWN_ACCOUNT' });
    expect((await attempt('admin.c1', TEST_PASSWORD)).token).toBeDefined();
  });

  it("ends a lock-out when an ADMIN resets the user's password", async () => {
    const username = await freshUser();
    await server.db.query(`INSERT INTO sign_in_throttles (kind, key, failures, last_failure_at) VALUES ('user', $1, $2, now())`, [
      username,
      SIGN_IN_THROTTLE.user.lockAfter,
    ]);
    const [{ id }] = (await server.db.query('SELECT id FROM users WHERE username = $1', [username])) as [{ id: number }];
    await (await signIn('admin.c1')).request(ResetPasswordDocument, { input: { userId: String(id), newPassword: 'fresh-password-7' } });
    expect((await attempt(username, 'fresh-password-7')).token).toBeDefined();
  });
});
