import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { ApolloServerPlugin } from '@apollo/server';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { DataSource } from 'typeorm';

// Health, request ids and metrics (issue 6): /healthz says the process is up, /readyz that the
// database answers and holds every migration, /metrics serves Prometheus; every operation is
// logged once with the request's id, which an internal error also carries to the client.

/** The request being served: its id and its logger (which adds the id to every line). */
export interface RequestScope {
  id: string;
  log: FastifyBaseLogger;
}

export const requestScope = new AsyncLocalStorage<RequestScope>();

const CLIENT_REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;

/** The caller's X-Request-Id when it is a plain token (a proxy's), else a new one. */
export function requestIdOf(header: string | string[] | undefined): string {
  return typeof header === 'string' && CLIENT_REQUEST_ID.test(header) ? header : randomUUID();
}

export interface Metrics {
  registry: Registry;
  plugin: ApolloServerPlugin;
}

/** Operation names are the client's: a bounded set of well-formed ones becomes labels. */
const MAX_OPERATION_LABELS = 200;
const OPERATION_NAME = /^[_A-Za-z][_0-9A-Za-z]{0,99}$/;

export function createMetrics(db: DataSource): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'gonghui_' });
  const operations = new Counter({
    name: 'gonghui_graphql_operations_total',
    help: 'GraphQL operations answered, by operation name, type and outcome (ok, or error when the answer holds errors).',
    labelNames: ['operation', 'type', 'outcome'] as const,
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'gonghui_graphql_operation_duration_seconds',
    help: 'Time from receiving a GraphQL operation to sending its answer.',
    labelNames: ['operation', 'type'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const errors = new Counter({
    name: 'gonghui_graphql_errors_total',
    help: 'Errors in GraphQL answers, by the code the client saw.',
    labelNames: ['code'] as const,
    registers: [registry],
  });
  const pool = (db.driver as unknown as { master?: { totalCount: number; idleCount: number; waitingCount: number } }).master;
  new Gauge({
    name: 'gonghui_db_pool_connections',
    help: "The API's database pool: connections open, idle, and requests waiting for one.",
    labelNames: ['state'] as const,
    registers: [registry],
    collect() {
      this.set({ state: 'total' }, pool?.totalCount ?? 0);
      this.set({ state: 'idle' }, pool?.idleCount ?? 0);
      this.set({ state: 'waiting' }, pool?.waitingCount ?? 0);
    },
  });

  const labels = new Set<string>();
  const labelOf = (name: string | null | undefined): string => {
    if (!name) return 'anonymous';
    if (!OPERATION_NAME.test(name)) return 'other';
    if (labels.has(name)) return name;
    if (labels.size >= MAX_OPERATION_LABELS) return 'other';
    labels.add(name);
    return name;
  };

  const plugin: ApolloServerPlugin = {
    async requestDidStart() {
      const started = performance.now();
      return {
        async willSendResponse({ response, operationName, operation }) {
          const seconds = (performance.now() - started) / 1000;
          const operationLabel = labelOf(operationName);
          const type = operation?.operation ?? 'unknown';
          const codes =
            response.body.kind === 'single'
              ? (response.body.singleResult.errors ?? []).map((error) => String(error.extensions?.code ?? 'UNKNOWN'))
              : [];
          operations.inc({ operation: operationLabel, type, outcome: codes.length ? 'error' : 'ok' });
          duration.observe({ operation: operationLabel, type }, seconds);
          for (const code of codes) errors.inc({ code });
          requestScope
            .getStore()
            ?.log.info(
              { operation: operationName ?? null, type, ms: Math.round(seconds * 10_000) / 10, errors: codes },
              'graphql operation',
            );
        },
      };
    },
  };
  return { registry, plugin };
}

/** /healthz, /readyz and /metrics. */
export function registerHealthRoutes(app: FastifyInstance, db: DataSource, metrics: Metrics): void {
  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (_request, reply) => {
    try {
      await db.query('SELECT 1');
      if (await db.showMigrations()) return reply.code(503).send({ status: 'not ready', reason: 'migrations pending' });
      return { status: 'ready' };
    } catch (error) {
      app.log.warn({ err: error }, 'readiness check: the database does not answer');
      return reply.code(503).send({ status: 'not ready', reason: 'database unreachable' });
    }
  });
  app.get('/metrics', async (_request, reply) => {
    reply.header('content-type', metrics.registry.contentType);
    return metrics.registry.metrics();
  });
}
