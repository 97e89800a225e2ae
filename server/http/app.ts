import { ApolloServer } from '@apollo/server';
import fastifyApollo, { fastifyApolloDrainPlugin } from '@as-integrations/fastify';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import Fastify, { type FastifyInstance } from 'fastify';
import type { DataSource } from 'typeorm';
import { callerFromHeader } from '../auth/caller';
import type { TokenKeys } from '../auth/tokens';
import type { Context } from '../context';
import { createLoaders } from '../loaders';
import { CellCache } from '../rollup/cells';
import { startFolder } from '../rollup/maintenance';
import { buildAppSchema } from '../schema';
import { createFormatError } from './format-error';
import { queryArmor } from './query-limits';
import { rejectNulCharacters } from './reject-nul';

export interface AppOptions {
  db: DataSource;
  keys: TokenKeys;
  production: boolean;
  logger?: boolean;
  /** How often to fold the rollup deltas into the totals, in ms; 0: never (tests that fold themselves). */
  foldEveryMs?: number;
}

export async function createApp({ db, keys, production, logger = true, foldEveryMs = 1000 }: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({ logger: logger ? { level: process.env.LOG_LEVEL ?? 'info' } : false, bodyLimit: 1024 * 1024 });
  const armor = queryArmor();
  const apollo = new ApolloServer<Context>({
    schema: await buildAppSchema(),
    validationRules: armor.validationRules,
    introspection: !production,
    includeStacktraceInErrorResponses: false,
    formatError: createFormatError((error) => app.log.error({ err: error }, 'unexpected error in a GraphQL request')),
    // Every answer is private to its caller and none sets cache hints: without the cache-control
    // plugin, Apollo does not wrap every field's resolver to collect them.
    plugins: [
      ...armor.plugins,
      fastifyApolloDrainPlugin(app),
      rejectNulCharacters,
      ApolloServerPluginCacheControlDisabled(),
      ...(production ? [ApolloServerPluginLandingPageDisabled()] : []),
    ],
  });
  await apollo.start();
  // The totals' part of rollup sums, reused while the totals' generation stands (server/rollup/cells.ts).
  const cellCache = new CellCache();

  app.get('/health', async () => {
    await db.query('SELECT 1');
    return { status: 'ok' };
  });

  await app.register(fastifyApollo(apollo), {
    path: '/graphql',
    context: async (request) => {
      const auth = await callerFromHeader(db, keys, request.headers.authorization);
      return { db, keys, ...auth, loaders: createLoaders(db, auth.caller, cellCache) };
    },
  });
  if (foldEveryMs > 0) {
    const folder = startFolder(db, foldEveryMs, (error) => app.log.error({ err: error }, 'folding the rollup deltas failed'));
    app.addHook('onClose', () => folder.stop());
  }
  return app;
}
