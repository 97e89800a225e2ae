import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import {
  createClient,
  CreateOrgDocument,
  DisableUserDocument,
  GonghuiError,
  MeDocument,
  memorySessionStore,
  OrgDocument,
  storageSessionStore,
  type Session,
} from '../client/sdk';
import { freePort } from '../server/db/scratch';
import { usePermissionTree } from './support/env';
import { insertUser } from './support/fixture';
import { TEST_PASSWORD } from './support/server';

// The typed client as a front-end team uses it: sign in once, the session rides along, every
// failure is a GonghuiError with the API's code.
const env = usePermissionTree();

function mapStorage() {
  const items = new Map<string, string>();
  return {
    items,
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
    removeItem: (key: string) => void items.delete(key),
  };
}

async function failure(promise: Promise<unknown>): Promise<GonghuiError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof GonghuiError) return error;
    throw error;
  }
  throw new Error('expected a GonghuiError');
}

describe('the SDK', () => {
  it('signs in, keeps the session in the store and sends its token', async () => {
    const storage = mapStorage();
    const api = createClient({ url: env.server.url, store: storageSessionStore(storage) });
    expect(api.session()).toBeNull();
    const session = await api.signIn('admin.c1', TEST_PASSWORD);
    expect(session.viewer).toMatchObject({ username: 'admin.c1', assignments: [{ role: 'ADMIN', org: { code: 'C1' } }] });
    expect(JSON.parse(storage.items.get('gonghui.session')!)).toMatchObject({ token: session.token });
    expect((await api.request(MeDocument)).me?.username).toBe('admin.c1');

    // A page reloaded in the same tab: a new client over the same storage is still signed in.
    const reloaded = createClient({ url: env.server.url, store: storageSessionStore(storage) });
    expect((await reloaded.request(OrgDocument, { code: 'C1' })).org?.code).toBe('C1');

    reloaded.signOut();
    expect(storage.items.size).toBe(0);
    expect(await failure(reloaded.request(OrgDocument, { code: 'C1' }))).toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('refuses a wrong password as UNAUTHENTICATED and keeps nobody signed in', async () => {
    const api = createClient({ url: env.server.url });
    const error = await failure(api.signIn('viewer.c1', 'not-the-password'));
    expect(error.code).toBe('UNAUTHENTICATED');
    expect(error.status).toBe(200);
    expect(api.session()).toBeNull();
  });

  it('gives the code, the reason and the field of a refused input', async () => {
    const api = createClient({ url: env.server.url });
    await api.signIn('admin.c1', TEST_PASSWORD);
    const error = await failure(
      api.request(CreateOrgDocument, { input: { parentId: String(env.tree.orgs.T1.id), code: 'T1-Y', name: 'y', level: 'COUNTY' } }),
    );
    expect(error).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'ORG_LEVEL_RULE', field: 'level' });
    expect(error.message).toMatch(/level/i);
    // The raw answer is there for partial results, with the same error.
    const raw = await api.execute(CreateOrgDocument, {
      input: { parentId: String(env.tree.orgs.T1.id), code: 'T1-Y', name: 'y', level: 'COUNTY' },
    });
    expect(raw.data).toBeNull();
    expect(raw.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'level' });
  });

  it('forgets a session the server no longer accepts and says so once', async () => {
    await insertUser(env.server.db, 'sdk.leaver', [['STAFF', env.tree.orgs.T1]]);
    const store = memorySessionStore();
    const signedOut: GonghuiError[] = [];
    const api = createClient({ url: env.server.url, store, onSignedOut: (error) => signedOut.push(error) });
    const session = await api.signIn('sdk.leaver', TEST_PASSWORD);
    const admin = await env.server.as('admin.c1');
    await admin.request(DisableUserDocument, { userId: session.viewer.id });

    const error = await failure(api.request(MeDocument));
    expect(error).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'ACCOUNT_DISABLED' });
    expect(store.get()).toBeNull();
    expect(signedOut.map((e) => e.reason)).toEqual(['ACCOUNT_DISABLED']);
    // Signed out now: the next refusal is not a sign-out again.
    await failure(api.request(MeDocument));
    expect(signedOut).toHaveLength(1);
  });

  it('forgets an expired session at the next request and says so, without sending its token', async () => {
    const session: Session = await createClient({ url: env.server.url }).signIn('viewer.c1', TEST_PASSWORD);
    const store = memorySessionStore(session);
    const signedOut: GonghuiError[] = [];
    const sent: (string | null)[] = [];
    const later = createClient({
      url: env.server.url,
      store,
      now: () => new Date(Date.parse(session.expiresAt) + 1),
      onSignedOut: (error) => signedOut.push(error),
      fetch: (input, init) => {
        sent.push(new Headers(init?.headers).get('authorization'));
        return fetch(input, init);
      },
    });
    expect(later.session()).toBeNull();
    expect(await failure(later.request(MeDocument))).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(sent).toEqual([null]);
    expect(store.get()).toBeNull();
    expect(signedOut.map((e) => e.code)).toEqual(['UNAUTHENTICATED']);
  });

  it('keeps a new sign-in when the refusal of the session before it arrives late', async () => {
    await insertUser(env.server.db, 'sdk.late', [['STAFF', env.tree.orgs.T1]]);
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    let holding = false;
    const signedOut: GonghuiError[] = [];
    const api = createClient({
      url: env.server.url,
      onSignedOut: (error) => signedOut.push(error),
      fetch: async (input, init) => {
        const response = await fetch(input, init);
        if (holding) await held;
        return response;
      },
    });
    const old = await api.signIn('sdk.late', TEST_PASSWORD);
    const admin = await env.server.as('admin.c1');
    await admin.request(DisableUserDocument, { userId: old.viewer.id });

    holding = true;
    const late = failure(api.request(MeDocument));
    await new Promise((resolve) => setTimeout(resolve, 100)); // the refusal has come and waits
    holding = false;
    api.signOut();
    const current = await api.signIn('viewer.t1', TEST_PASSWORD);
    release();
    expect(await late).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'ACCOUNT_DISABLED' });
    expect(api.session()?.token).toBe(current.token);
    expect(signedOut).toEqual([]);
  });

  it('sends an operation the server does not know by id as its text', async () => {
    const own = Object.assign(parse('query OwnMe { me { username } }'), { __meta__: { hash: `sha256:${'0'.repeat(64)}` } });
    const api = createClient({ url: env.server.url });
    await api.signIn('viewer.c1', TEST_PASSWORD);
    const result = await api.request(own as TypedDocumentNode<{ me: { username: string } | null }, Record<string, never>>);
    expect(result.me?.username).toBe('viewer.c1');
  });

  it('sends a fixed token with withToken and leaves the store alone', async () => {
    const store = memorySessionStore();
    const api = createClient({ url: env.server.url, store });
    const token = await env.server.token('viewer.t1');
    expect((await api.withToken(token).request(MeDocument)).me?.username).toBe('viewer.t1');
    expect(store.get()).toBeNull();
  });

  it('tells TOO_MANY_ATTEMPTS with when to try again', async () => {
    await insertUser(env.server.db, 'sdk.guessed', [['STAFF', env.tree.orgs.T1]]);
    const api = createClient({ url: env.server.url });
    let error: GonghuiError | undefined;
    for (let i = 0; i < 6 && error?.code !== 'TOO_MANY_ATTEMPTS'; i++) error = await failure(api.signIn('sdk.guessed', 'wrong'));
    expect(error?.code).toBe('TOO_MANY_ATTEMPTS');
    expect(error?.retryAfterSeconds).toBeGreaterThan(0);
    await env.server.db.query(`DELETE FROM sign_in_throttles`);
  });

  it('maps an unreachable server and an answer that is not GraphQL to NETWORK_ERROR', async () => {
    const closed = createClient({ url: `http://127.0.0.1:${await freePort()}/graphql` });
    expect(await failure(closed.request(MeDocument))).toMatchObject({ code: 'NETWORK_ERROR', status: undefined });

    const wrongPath = createClient({ url: env.server.url.replace('/graphql', '/no-such-endpoint') });
    const error = await failure(wrongPath.request(MeDocument));
    expect(error).toMatchObject({ code: 'NETWORK_ERROR', status: 404 });
    await expect(wrongPath.execute(MeDocument)).rejects.toBeInstanceOf(GonghuiError);
  });
});
