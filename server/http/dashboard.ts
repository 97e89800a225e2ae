// The dashboard (client/dashboard), built by Vite into client/dashboard/dist and served at `/`.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

const ROOT = path.resolve(__dirname, '../..');
const SOURCE = path.join(ROOT, 'client/dashboard');
export const DASHBOARD_DIST = path.join(SOURCE, 'dist');
const STAMP = '.source-hash';

// Everything the bundle is made of: a change to any of these makes the built one stale.
function sourceHash(): string {
  const hash = createHash('sha256');
  const add = (file: string) => {
    if (statSync(file).isDirectory()) {
      for (const entry of readdirSync(file).sort()) if (entry !== 'dist') add(path.join(file, entry));
    } else {
      hash.update(path.relative(ROOT, file)).update('\0').update(readFileSync(file)).update('\0');
    }
  };
  for (const part of ['client/dashboard', 'client/sdk.ts', 'client/generated', 'package-lock.json']) add(path.join(ROOT, part));
  return hash.digest('hex');
}

export function dashboardIsCurrent(): boolean {
  const stamp = path.join(DASHBOARD_DIST, STAMP);
  return existsSync(path.join(DASHBOARD_DIST, 'index.html')) && existsSync(stamp) && readFileSync(stamp, 'utf8') === sourceHash();
}

/** Builds the dashboard with Vite unless the built one is of the current sources; true when it built. */
export async function buildDashboard({ force = false } = {}): Promise<boolean> {
  if (!force && dashboardIsCurrent()) return false;
  const hash = sourceHash();
  // Built aside and moved in whole: a server serving dist never sees it half written, and two
  // builds at once do not write into each other.
  mkdirSync(path.join(ROOT, '.tmp'), { recursive: true });
  const staging = mkdtempSync(path.join(ROOT, '.tmp/dashboard-'));
  chmodSync(staging, 0o755); // mkdtemp's 0700 would hide it from a server running as another user
  const replaced = `${staging}.replaced`;
  try {
    await promisify(execFile)(
      process.execPath,
      [
        path.join(ROOT, 'node_modules/vite/bin/vite.js'),
        'build',
        '--config',
        path.join(SOURCE, 'vite.config.mts'),
        '--outDir',
        staging,
        '--emptyOutDir',
        '--logLevel',
        'warn',
      ],
      { cwd: ROOT, maxBuffer: 16 * 1024 * 1024 },
    );
    writeFileSync(path.join(staging, STAMP), hash);
    // Another build may move its own in between: then move that one aside too.
    for (let attempt = 0; ; attempt++) {
      rmSync(replaced, { recursive: true, force: true });
      try {
        renameSync(DASHBOARD_DIST, replaced);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      }
      try {
        renameSync(staging, DASHBOARD_DIST);
        break;
      } catch (error) {
        if (attempt === 2 || !['ENOTEMPTY', 'EEXIST'].includes((error as NodeJS.ErrnoException).code ?? '')) throw error;
      }
    }
  } finally {
    rmSync(staging, { recursive: true, force: true });
    rmSync(replaced, { recursive: true, force: true });
  }
  return true;
}

// The dashboard's own pages may load only its own scripts and talk only to this server.
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  // ECharts and React set style attributes.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'self'",
].join('; ');

export async function registerDashboard(app: FastifyInstance, dist = DASHBOARD_DIST): Promise<void> {
  if (!existsSync(path.join(dist, 'index.html'))) {
    app.get('/', (_request, reply) =>
      reply
        .code(503)
        .type('text/plain; charset=utf-8')
        .send('The dashboard is not built: run `npm run build`, then restart the server. GraphQL is at /graphql.\n'),
    );
    return;
  }
  await app.register(fastifyStatic, {
    root: dist,
    prefix: '/',
    index: ['index.html'],
    // Only the built files, never the hash stamp or anything else beside them.
    allowedPath: (pathName) => !pathName.split('/').some((part) => part.startsWith('.')),
    setHeaders(reply, filePath) {
      reply.header('content-security-policy', CONTENT_SECURITY_POLICY);
      reply.header('x-content-type-options', 'nosniff');
      reply.header('referrer-policy', 'no-referrer');
      // Vite names each asset by its content: it never changes. The page itself always asks again.
      reply.header('cache-control', filePath.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
}
