import { afterAll, beforeAll } from 'vitest';
import { buildPermissionTree, type PermissionTree } from './fixture';
import type { StatementCounter } from '../../server/db/statement-counter';
import type { ConnectionLimits } from '../../server/db/data-source';
import { startTestServer, type TestServer } from './server';

/** The app on a fresh database holding the permission tree, for the tests of one file. */
export function usePermissionTree(counter?: StatementCounter, limits?: ConnectionLimits): { server: TestServer; tree: PermissionTree } {
  const env = {} as { server: TestServer; tree: PermissionTree };
  beforeAll(async () => {
    env.server = await startTestServer(counter, limits);
    env.tree = await buildPermissionTree(env.server.db);
  });
  afterAll(() => env.server?.close());
  return env;
}
