import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDataSource } from '../server/db/data-source';
import { dataKey } from '../server/config';
import { createApp } from '../server/http/app';
import { createTestDatabase } from './support/database';
import { insertOrg, insertUser } from './support/fixture';
import { postRaw, TEST_PASSWORD } from './support/server';

// /healthz, /readyz, /metrics, and a request id on every log line and internal error.
let db: DataSource;
let dbUrl: string;
let app: FastifyInstance;
let base: string;
const lines: Record<string, unknown>[] = [];
const KEYS = { secret: new TextEncoder().encode('observability-secret-observability!!'), ttlSeconds: 600 };

beforeAll(async () => {
  ({ db, url: dbUrl } = await createTestDatabase());
  const root = await insertOrg(db, null, 'OBS', 'MUNICIPAL');
  await insertUser(db, 'watcher', [['VIEWER', root]]);
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  app = await createApp({ db, keys: KEYS, dataKey: dataKey(), production: false, logger: { stream }, foldEveryMs: 0 });
  await app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await app?.close();
  await db?.destroy();
});

const graphql = (query: string, headers: Record<string, string> = {}) => postRaw(`${base}/graphql`, query, headers);

describe('health', () => {
  it('says the process is up and, while the database answers and holds every migration, that it is ready', async () => {
    expect(await (await fetch(`${base}/healthz`)).json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready' });
  });

  it('is not ready while a migration is pending, and ready again once it has run', async () => {
    await db.undoLastMigration({ transaction: 'each' });
    try {
      const pending = await fetch(`${base}/readyz`);
      expect(pending.status).toBe(503);
      expect(await pending.json()).toEqual({ status: 'not ready', reason: 'migrations pending' });
      expect((await fetch(`${base}/healthz`)).status).toBe(200);
    } finally {
      await db.runMigrations({ transaction: 'each' });
    }
    expect((await fetch(`${base}/readyz`)).status).toBe(200);
  });

  it('is not ready when its database does not answer', async () => {
    const lost = createDataSource(dbUrl, { poolSize: 1 });
    await lost.initialize();
    const orphan = await createApp({ db: lost, keys: KEYS, dataKey: dataKey(), production: false, logger: false, foldEveryMs: 0 });
    await lost.destroy();
    try {
      const response = await orphan.inject({ method: 'GET', url: '/readyz' });
      expect(response.statusCode).toBe(503);
      expect(response.json()).toEqual({ status: 'not ready', reason: 'database unreachable' });
    } finally {
      await orphan.close();
    }
  });
});

describe('request ids and logs', () => {
  it("take a proxy's plain request id, make one up otherwise, and log each operation once under it", async () => {
    const given = await graphql('query Who { me { username } }', { 'x-request-id': 'lb-4711.a' });
    expect(given.id).toBe('lb-4711.a');
    const odd = await graphql('query Who { me { username } }', { 'x-request-id': 'has spaces and {braces}' });
    expect(odd.id).toMatch(/^[0-9a-f-]{36}$/);
    const logged = lines.filter((line) => line.msg === 'graphql operation' && line.reqId === 'lb-4711.a');
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({ operation: 'Who', type: 'query', errors: ['UNAUTHENTICATED'] });
    expect(typeof logged[0]!.ms).toBe('number');
  });

  it('answer an internal error with its request id only, and log its detail under that id', async () => {
    await db.query('ALTER TABLE hardship_lines RENAME TO hardship_lines_away');
    let answer: Awaited<ReturnType<typeof graphql>>;
    try {
      const login = await graphql(`mutation { login(username: "watcher", password: "${TEST_PASSWORD}") { token } }`);
      const token = (login.body.data as { login: { token: string } }).login.token;
      const [{ id: rootId }] = (await db.query(`SELECT id FROM orgs WHERE code = 'OBS'`)) as [{ id: number }];
      answer = await graphql(`query Lines { hardshipLines(orgId: "${rootId}") { effectiveFrom } }`, { authorization: `Bearer ${token}` });
    } finally {
      await db.query('ALTER TABLE hardship_lines_away RENAME TO hardship_lines');
    }
    const [error] = answer.body.errors!;
    expect(error!.extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR', requestId: answer.id });
    expect(JSON.stringify(answer.body)).not.toMatch(/hardship_lines|relation|SELECT|at \w+ \(/);
    const detail = lines.find((line) => line.reqId === answer.id && line.msg === 'unexpected error in a GraphQL request');
    expect(JSON.stringify(detail)).toMatch(/hardship_lines/);
  });
});

describe('request logs', () => {
  it("keep a GET's path but not its query string, where documents and variables (ID numbers) travel", async () => {
    const secret = '11010519491231002X';
    const query = encodeURIComponent(`{ workers(orgId: "1", idNumber: "${secret}") { totalCount } }`);
    const response = await fetch(`${base}/graphql?query=${query}`, { headers: { 'apollo-require-preflight': '1' } });
    expect(response.status).toBeLessThan(500);
    const logged = lines.filter((line) => JSON.stringify(line).includes('/graphql'));
    expect(logged.length).toBeGreaterThan(0);
    expect(JSON.stringify(lines)).not.toContain(secret);
    expect(JSON.stringify(lines)).not.toContain('idNumber');
  });
});

describe('metrics', () => {
  it('count operations by name and outcome, errors by code, time them, and show the pool', async () => {
    await graphql('query Who { me { username } }');
    await graphql('{ __typename }');
    const text = await (await fetch(`${base}/metrics`)).text();
    const value = (series: string) => Number(new RegExp(`^${series.replace(/[{}]/g, '\\$&')} (\\S+)$`, 'm').exec(text)?.[1]);
    expect(value('gonghui_graphql_operations_total{operation="Who",type="query",outcome="error"}')).toBeGreaterThanOrEqual(1);
    expect(value('gonghui_graphql_operations_total{operation="anonymous",type="query",outcome="ok"}')).toBeGreaterThanOrEqual(1);
    expect(value('gonghui_graphql_errors_total{code="UNAUTHENTICATED"}')).toBeGreaterThanOrEqual(1);
    expect(value('gonghui_graphql_operation_duration_seconds_count{operation="Who",type="query"}')).toBeGreaterThanOrEqual(1);
    expect(value('gonghui_db_pool_connections{state="total"}')).toBeGreaterThanOrEqual(1);
    expect(text).toMatch(/^gonghui_process_cpu_user_seconds_total /m);
  });
});
