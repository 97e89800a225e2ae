import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { FastifyInstance } from 'fastify';
import type { DataSource } from 'typeorm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createClient, LoginDocument, MeDocument } from '../client/sdk';
import { dataKey, loadConfig, projectRoot } from '../server/config';
import { createApp } from '../server/http/app';
import { loadTrustedDocuments, reloadingTrustedDocuments } from '../server/http/trusted-documents';
import { createTestDatabase } from './support/database';
import { insertOrg, insertUser } from './support/fixture';
import { TEST_PASSWORD } from './support/server';

// NODE_ENV=production: the secrets it will not start without, introspection and the landing page
// off, and only the client's own operations (trusted documents).
const SECRETS = {
  NODE_ENV: 'production',
  JWT_SECRET: 'a-production-secret-of-at-least-32-chars',
  DATA_ENCRYPTION_KEY: 'ab'.repeat(32),
  DATABASE_URL: 'postgres://gonghui@db.internal/gonghui',
};
const saved = { ...process.env };

function withEnvironment(values: Record<string, string | undefined>): void {
  for (const [name, value] of Object.entries(values)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
}

afterEach(() => {
  for (const name of [...Object.keys(SECRETS), 'ALLOW_ARBITRARY_OPERATIONS', 'TRUST_PROXY']) {
    if (saved[name] === undefined) delete process.env[name];
    else process.env[name] = saved[name];
  }
});

describe('production configuration', () => {
  it.each(['JWT_SECRET', 'DATA_ENCRYPTION_KEY', 'DATABASE_URL'])('refuses to start without %s', (missing) => {
    withEnvironment({ ...SECRETS, [missing]: undefined });
    expect(() => loadConfig([])).toThrow(new RegExp(`${missing} is required when NODE_ENV=production`));
  });

  it('takes its secrets from the environment and runs only trusted documents unless told otherwise', () => {
    withEnvironment(SECRETS);
    const config = loadConfig([]);
    expect(config).toMatchObject({ production: true, databaseUrl: SECRETS.DATABASE_URL, trustedDocumentsOnly: true, loadDemo: false });
    expect(config.dataKey).toEqual(Buffer.alloc(32, 0xab));
    withEnvironment({ ALLOW_ARBITRARY_OPERATIONS: '1' });
    expect(loadConfig([]).trustedDocumentsOnly).toBe(false);
    withEnvironment({ ALLOW_ARBITRARY_OPERATIONS: 'yes' });
    expect(() => loadConfig([])).toThrow(/ALLOW_ARBITRARY_OPERATIONS must be 1 or 0/);
  });

  it('believes X-Forwarded-For only from the proxies TRUST_PROXY names, never from any or a number of hops', () => {
    withEnvironment({ ...SECRETS, TRUST_PROXY: '10.0.0.5, 10.1.0.0/16,fd00::1' });
    expect(loadConfig([]).trustProxy).toEqual(['10.0.0.5', '10.1.0.0/16', 'fd00::1']);
    for (const bad of ['1', 'true', '*'])
      expect(() => (withEnvironment({ TRUST_PROXY: bad }), loadConfig([]))).toThrow(/TRUST_PROXY lists the proxies/);
    withEnvironment({ TRUST_PROXY: undefined });
    expect(loadConfig([]).trustProxy).toEqual([]);
  });

  it('refuses a data-encryption key that is not 32 bytes', () => {
    withEnvironment({ ...SECRETS, DATA_ENCRYPTION_KEY: 'too-short' });
    expect(() => loadConfig([])).toThrow(/DATA_ENCRYPTION_KEY must be 32 bytes/);
  });

  it('stops the real server before it listens, saying which secret is missing', async () => {
    const run = promisify(execFile)(path.join(projectRoot, 'node_modules/.bin/tsx'), ['server/main.ts'], {
      cwd: projectRoot,
      env: { ...process.env, ...SECRETS, JWT_SECRET: '', PORT: '1' },
    });
    await expect(run).rejects.toMatchObject({ code: 1, stderr: expect.stringContaining('JWT_SECRET is required') });
  });
});

let db: DataSource;
const apps: FastifyInstance[] = [];

async function serve(production: boolean, trustedDocumentsOnly: boolean): Promise<string> {
  const app = await createApp({
    db,
    keys: { secret: new TextEncoder().encode('production-test-secret-production!!'), ttlSeconds: 600 },
    dataKey: dataKey(false),
    production,
    trustedDocumentsOnly,
    logger: false,
    foldEveryMs: 0,
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  apps.push(app);
  return `http://127.0.0.1:${(app.server.address() as AddressInfo).port}/graphql`;
}

async function post(url: string, body: unknown, token?: string) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as { data?: unknown; errors?: { extensions?: { code?: string } }[] } };
}

let trusted: string;
let open: string;
let development: string;
let token: string;
const idOf = (document: unknown) => (document as { __meta__: { hash: string } }).__meta__.hash;

beforeAll(async () => {
  ({ db } = await createTestDatabase());
  await insertUser(db, 'prod.viewer', [['VIEWER', await insertOrg(db, null, 'PROD', 'MUNICIPAL')]]);
  [trusted, open, development] = [await serve(true, true), await serve(true, false), await serve(false, false)];
  token = (await createClient({ url: trusted }).request(LoginDocument, { username: 'prod.viewer', password: TEST_PASSWORD })).login.token;
});

afterAll(async () => {
  for (const app of apps) await app.close();
  await db?.destroy();
});

describe('a production server', () => {
  it('runs the typed client, which sends each operation by its id', async () => {
    const { me } = await createClient({ url: trusted, token }).request(MeDocument, {});
    expect(me.username).toBe('prod.viewer');
  });

  it('runs the exact text of a trusted document, and an id sent the way Apollo clients send it', async () => {
    const documents = loadTrustedDocuments();
    const id = idOf(MeDocument);
    expect((await post(trusted, { query: documents.get(id) }, token)).body.data).toMatchObject({ me: { username: 'prod.viewer' } });
    const apollo = await post(trusted, { extensions: { persistedQuery: { version: 1, sha256Hash: id.slice('sha256:'.length) } } }, token);
    expect(apollo.body.data).toMatchObject({ me: { username: 'prod.viewer' } });
  });

  it('refuses any other document, an unknown id, and an id sent with another text', async () => {
    const other = await post(trusted, { query: '{ me { username } }' }, token);
    expect(other.status).toBe(403);
    expect(other.body.errors?.[0]?.extensions?.code).toBe('UNTRUSTED_DOCUMENT');
    const unknown = await post(trusted, { documentId: `sha256:${createHash('sha256').update('x').digest('hex')}` }, token);
    expect(unknown.status).toBe(404);
    expect(unknown.body.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    const swapped = await post(trusted, { documentId: idOf(MeDocument), query: '{ me { username roles { role } } }' }, token);
    expect(swapped.body.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    const batch = await post(trusted, [{ documentId: idOf(MeDocument) }], token);
    expect(batch.body.errors?.[0]?.extensions?.code).toBe('UNTRUSTED_DOCUMENT');
  });

  it('with arbitrary operations allowed, runs them, but still refuses introspection', async () => {
    expect((await post(open, { query: '{ me { username } }' }, token)).body.data).toEqual({ me: { username: 'prod.viewer' } });
    const introspection = await post(open, { query: '{ __schema { types { name } } }' }, token);
    expect(introspection.body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(JSON.stringify(introspection.body)).not.toContain('OrgRollup');
  });

  it('shows no landing page', async () => {
    for (const url of [trusted, open]) {
      // (The preflight header gets past CSRF prevention, as a browser's page would.)
      const page = await fetch(url, { headers: { accept: 'text/html', 'apollo-require-preflight': '1' } });
      expect(page.headers.get('content-type') ?? '').not.toContain('text/html');
      expect(await page.text()).not.toMatch(/<html|<!doctype|sandbox/i);
    }
  });
});

describe('a development server', () => {
  it('runs arbitrary operations and introspection, and shows the landing page', async () => {
    expect((await post(development, { query: '{ __schema { queryType { name } } }' }, token)).body.data).toEqual({
      __schema: { queryType: { name: 'Query' } },
    });
    const page = await fetch(development, { headers: { accept: 'text/html', 'apollo-require-preflight': '1' } });
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(await page.text()).toMatch(/sandbox/i);
  });
});

describe('the trusted documents of a development server', () => {
  it('are read again when codegen rewrites the manifest, and only once it is whole', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'gonghui-manifest-'));
    try {
      const file = path.join(dir, 'persisted-documents.json');
      writeFileSync(file, JSON.stringify({ 'sha256:a': 'query A { me { id } }' }));
      const documents = reloadingTrustedDocuments(file);
      const first = documents();
      expect([...first.keys()]).toEqual(['sha256:a']);
      expect(documents()).toBe(first);
      writeFileSync(file, JSON.stringify({ 'sha256:a': 'query A { me { id } }', 'sha256:b': 'query B { me { username } }' }));
      utimesSync(file, new Date(), new Date(Date.now() + 5000));
      expect([...documents().keys()]).toEqual(['sha256:a', 'sha256:b']);
      // Half written, then gone, while codegen runs: the last whole one stays.
      writeFileSync(file, '{"sha256:a": "query A');
      utimesSync(file, new Date(), new Date(Date.now() + 10000));
      expect([...documents().keys()]).toEqual(['sha256:a', 'sha256:b']);
      rmSync(file);
      expect([...documents().keys()]).toEqual(['sha256:a', 'sha256:b']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
