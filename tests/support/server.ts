import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import type { DataSource } from 'typeorm';
import type { StatementCounter } from '../../server/db/statement-counter';
import { createClient, LoginDocument, type GonghuiClient } from '../../client/sdk';
import type { TokenKeys } from '../../server/auth/tokens';
import { API_CONNECTION_LIMITS } from '../../server/db/data-source';
import { dataKey } from '../../server/config';
import { createApp } from '../../server/http/app';
import { rootIdDifferences } from '../../server/db/root-id';
import { reconcile } from '../../server/rollup/maintenance';
import { createTestDatabase } from './database';

export interface TestServer {
  db: DataSource;
  url: string;
  keys: TokenKeys;
  app: FastifyInstance;
  /** An anonymous client. */
  client: GonghuiClient;
  /** A client signed in as the user. */
  as(username: string, password?: string): Promise<GonghuiClient>;
  /** The user's bearer token (signed in once per server), for requests made by hand. */
  token(username: string, password?: string): Promise<string>;
  close(): Promise<void>;
}

export const TEST_PASSWORD = 'test-password-1';

/** The real app on 127.0.0.1 over a fresh database; stop it with close(). */
export async function startTestServer(counter?: StatementCounter, limits = API_CONNECTION_LIMITS): Promise<TestServer> {
  // The API's own bounds on statements, lock waits and pooled connections, as a server has them.
  const { db } = await createTestDatabase(counter, limits);
  const keys: TokenKeys = { secret: new TextEncoder().encode('test-secret-test-secret-test-secret!'), ttlSeconds: 3600 };
  // Folding runs often here, between the tests' writes and reads, except where statements are counted.
  const app = await createApp({
    db,
    keys,
    dataKey: dataKey(),
    production: false,
    logger: process.env.TEST_LOG === '1',
    foldEveryMs: counter ? 0 : 50,
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}/graphql`;
  const client = createClient({ url });
  const tokens = new Map<string, string>();
  const token = async (username: string, password = TEST_PASSWORD) => {
    let kept = tokens.get(username);
    if (!kept) {
      kept = (await client.request(LoginDocument, { username, password })).login.token;
      tokens.set(username, kept);
    }
    return kept;
  };
  return {
    db,
    url,
    keys,
    app,
    client,
    token,
    async as(username, password = TEST_PASSWORD) {
      return client.withToken(await token(username, password));
    },
    async close() {
      // Whatever the tests wrote, the rollup's totals and deltas must still say what the records
      // say, and every row must carry the root id of its tree.
      let checked: [Awaited<ReturnType<typeof reconcile>>, Record<string, number>];
      try {
        checked = await Promise.all([reconcile(db), rootIdDifferences((sql) => db.query(sql))]);
      } finally {
        await app.close();
        await db.destroy();
      }
      const [reconciled, wrongRoots] = checked;
      if (reconciled.differences.length > 0 || reconciled.enterprises.length > 0) {
        throw new Error(`The rollup cells disagree with the records: ${JSON.stringify(reconciled).slice(0, 2000)}`);
      }
      if (Object.keys(wrongRoots).length > 0) throw new Error(`Rows with another tree's root id: ${JSON.stringify(wrongRoots)}`);
    },
  };
}

export interface RawAnswer {
  /** The answer's X-Request-Id. */
  id: string | null;
  body: { data?: unknown; errors?: { message: string; extensions?: Record<string, unknown> }[] };
}

/** Posts a document as it is written, as any client could (no typed document, any headers). */
export async function postRaw(url: string, query: string, headers: Record<string, string> = {}): Promise<RawAnswer> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query }),
  });
  return { id: response.headers.get('x-request-id'), body: (await response.json()) as RawAnswer['body'] };
}
