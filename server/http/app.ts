import { ApolloServer } from '@apollo/server';
import fastifyApollo, { fastifyApolloDrainPlugin } from '@as-integrations/fastify';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import Fastify, { type FastifyInstance } from 'fastify';
import type { DataSource } from 'typeorm';
import { callerFromHeader } from '../auth/caller';
import type { TokenKeys } from '../auth/tokens';
import type { Context } from '../context';
import { createLoaders } from '../loaders';
import { CellCache } from '../rollup/cells';
import { startFolder } from '../rollup/maintenance';
import { buildAppSchema } from '../schema';
import { PersonalDataReads } from '../audit/personal-reads';
import { PersonalDataCipher } from '../worker/personal-data';
import { auditPersonalDataReads } from './audit-reads';
import { registerDashboard } from './dashboard';
import { ImportQueue } from '../imports/import-run';
import { registerImportRoutes } from '../imports/import.routes';
import { ImportService } from '../imports/import.service';
import { createFormatError } from './format-error';
import { createMetrics, registerHealthRoutes, requestIdOf, requestScope } from './observability';
import { queryArmor } from './query-limits';
import { rejectNulCharacters } from './reject-nul';
import { loadTrustedDocuments, reloadingTrustedDocuments, trustedDocumentsHandler } from './trusted-documents';

export interface AppOptions {
  db: DataSource;
  keys: TokenKeys;
  /** The data-encryption key of ID and phone numbers (32 bytes). */
  dataKey: Uint8Array;
  production: boolean;
  /** Log as JSON lines (pino) to stdout, or to `stream` (the tests read them); false: not at all. */
  logger?: boolean | { stream: NodeJS.WritableStream };
  /** How often to fold the rollup deltas into the totals, in ms; 0: never (tests that fold themselves). */
  foldEveryMs?: number;
  /** Run only the operations of client/ (server/http/trusted-documents.ts). */
  trustedDocumentsOnly?: boolean;
  /** The proxies whose X-Forwarded-For is believed for the client's address (addresses, CIDRs). */
  trustProxy?: string[];
}

export async function createApp({
  db,
  keys,
  dataKey,
  production,
  logger = true,
  foldEveryMs = 1000,
  trustedDocumentsOnly = false,
  trustProxy = [],
}: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: logger
      ? {
          level: process.env.LOG_LEVEL ?? 'info',
          // A GET carries its document and variables in the query string (ID numbers, say): the
          // log keeps the path only.
          serializers: {
            req: (request: { method: string; url: string; ip?: string }) => ({
              method: request.method,
              url: request.url.split('?')[0],
              remoteAddress: request.ip,
            }),
          },
          ...(typeof logger === 'object' ? { stream: logger.stream } : {}),
        }
      : false,
    bodyLimit: 1024 * 1024,
    trustProxy: trustProxy.length > 0 ? trustProxy : false,
    // Each request's id: a proxy's X-Request-Id when it is a plain token, else a new one. Every
    // log line of the request carries it (reqId), and so does the answer's X-Request-Id.
    requestIdHeader: false,
    genReqId: (request) => requestIdOf(request.headers['x-request-id']),
  });
  app.addHook('onRequest', (request, reply, done) => {
    reply.header('x-request-id', request.id);
    requestScope.run({ id: request.id, log: request.log }, done);
  });
  const metrics = createMetrics(db);
  const armor = queryArmor();
  const apollo = new ApolloServer<Context>({
    schema: await buildAppSchema(),
    validationRules: armor.validationRules,
    parseOptions: armor.parseOptions,
    // Said here rather than left to Apollo's reading of NODE_ENV: a production server never
    // describes its schema, never shows a landing page and never sends a stack.
    introspection: !production,
    includeStacktraceInErrorResponses: false,
    // Operations by id come from the trusted documents, not from a cache clients fill.
    persistedQueries: false,
    formatError: createFormatError(
      (error) => (requestScope.getStore()?.log ?? app.log).error({ err: error }, 'unexpected error in a GraphQL request'),
      () => requestScope.getStore()?.id,
    ),
    // Every answer is private to its caller and none sets cache hints: without the cache-control
    // plugin, Apollo does not wrap every field's resolver to collect them.
    plugins: [
      ...armor.plugins,
      metrics.plugin,
      auditPersonalDataReads,
      fastifyApolloDrainPlugin(app),
      rejectNulCharacters,
      ApolloServerPluginCacheControlDisabled(),
      ...(production ? [ApolloServerPluginLandingPageDisabled()] : [ApolloServerPluginLandingPageLocalDefault({ embed: true })]),
    ],
  });
  await apollo.start();
  // The totals' part of rollup sums, reused while the totals' generation stands (server/rollup/cells.ts).
  const cellCache = new CellCache();
  const personalData = new PersonalDataCipher(dataKey);

  registerHealthRoutes(app, db, metrics);
  await registerDashboard(app);
  const imports = new ImportQueue(db, personalData, (error, job) => app.log.error({ err: error, importId: job.id }, 'an import failed'));
  await registerImportRoutes(app, db, keys, new ImportService(db, imports));
  // Imports this server accepted finish before it closes: their files and connections are its own.
  app.addHook('onClose', async () => {
    imports.stop();
    await imports.drained();
  });

  // A deployment's operations are those it started with; in development, codegen's latest.
  const fixed = production ? loadTrustedDocuments() : undefined;
  const trusted = trustedDocumentsHandler(fixed ? () => fixed : reloadingTrustedDocuments(), trustedDocumentsOnly);
  app.addHook('preHandler', async (request, reply) => (request.routeOptions.url === '/graphql' ? trusted(request, reply) : undefined));

  await app.register(fastifyApollo(apollo), {
    path: '/graphql',
    context: async (request) => {
      const auth = await callerFromHeader(db, keys, request.headers.authorization);
      return {
        db,
        keys,
        ...auth,
        loaders: createLoaders(db, auth.caller, cellCache),
        clientAddress: request.ip,
        personalData,
        personalReads: new PersonalDataReads(),
      };
    },
  });
  if (foldEveryMs > 0) {
    const folder = startFolder(db, foldEveryMs, (error) => app.log.error({ err: error }, 'folding the rollup deltas failed'));
    app.addHook('onClose', () => folder.stop());
  }
  return app;
}
