import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseDataKey } from './worker/personal-data';

export const projectRoot = path.resolve(__dirname, '..');

export interface Config {
  production: boolean;
  port: number;
  host: string;
  /** Unset: run the embedded PostgreSQL under dataDir. */
  databaseUrl: string | undefined;
  dataDir: string;
  embeddedPort: number;
  jwtSecret: Uint8Array;
  jwtTtlSeconds: number;
  /** DATA_ENCRYPTION_KEY: encrypts ID and phone numbers at rest (server/worker/personal-data.ts). */
  dataKey: Buffer;
  /** Only the operations of client/ (their sha256 ids) are run; ALLOW_ARBITRARY_OPERATIONS=1 lifts it. */
  trustedDocumentsOnly: boolean;
  /** TRUST_PROXY: the proxies whose X-Forwarded-For is believed for the client's address; none when unset. */
  trustProxy: string[];
  loadDemo: boolean;
  /** Refuse to start when migrations are pending instead of running them. */
  requireMigrated: boolean;
  /** ROLLUP_FOLD_MS: how often the deltas of the rollup are folded into its totals. */
  rollupFoldMs: number;
}

function readInt(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} must be a positive integer, got "${raw}"`);
  return value;
}

/**
 * TRUST_PROXY: the load balancers' addresses or CIDRs, comma-separated. Only what they forward is
 * believed: "any proxy" or a number of hops would let a client that reaches the server directly
 * choose its own address, and so walk around the sign-in throttle.
 */
function trustProxy(): string[] {
  const raw = process.env.TRUST_PROXY?.trim();
  if (!raw) return [];
  const entries = raw.split(',').map((entry) => entry.trim());
  const address = /^(\d{1,3}(\.\d{1,3}){3}|[0-9a-fA-F:]*:[0-9a-fA-F:.]*)(\/\d{1,3})?$/;
  const bad = entries.find((entry) => !address.test(entry));
  if (bad !== undefined) throw new Error(`TRUST_PROXY lists the proxies' addresses or CIDRs (e.g. 10.0.0.5,10.1.0.0/16), got "${bad}"`);
  return entries;
}

function readFlag(name: string): boolean | undefined {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return undefined;
  if (raw === '1' || raw === 'true') return true;
  if (raw === '0' || raw === 'false') return false;
  throw new Error(`${name} must be 1 or 0, got "${raw}"`);
}

/** A secret generated once into dataDir for development, so what it protects survives a restart. */
function keptSecret(dataDir: string, name: string, bytes: number): string {
  const file = path.join(dataDir, name);
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, randomBytes(bytes).toString('base64'), { mode: 0o600, flag: 'wx' });
  }
  return readFileSync(file, 'utf8').trim();
}

/**
 * The data-encryption key: DATA_ENCRYPTION_KEY, or in development one generated into the data
 * directory beside the embedded database (whose rows it encrypts). Migrations that encrypt
 * existing rows read it from here too.
 */
export function dataKey(production = process.env.NODE_ENV === 'production', dataDir = defaultDataDir()): Buffer {
  const fromEnv = process.env.DATA_ENCRYPTION_KEY;
  if (fromEnv) return parseDataKey(fromEnv);
  if (production) throw new Error('DATA_ENCRYPTION_KEY is required when NODE_ENV=production');
  return parseDataKey(keptSecret(dataDir, 'data-key', 32), `${dataDir}/data-key`);
}

function defaultDataDir(): string {
  return path.resolve(projectRoot, process.env.DATA_DIR ?? '.data');
}

// In development the secret is generated once and kept beside the embedded database, so tokens
// survive a restart; in production it must come from the environment.
function jwtSecret(production: boolean, dataDir: string): Uint8Array {
  const fromEnv = process.env.JWT_SECRET;
  if (fromEnv) {
    if (fromEnv.length < 32) throw new Error('JWT_SECRET must be at least 32 characters');
    return new TextEncoder().encode(fromEnv);
  }
  if (production) throw new Error('JWT_SECRET is required when NODE_ENV=production');
  return new TextEncoder().encode(keptSecret(dataDir, 'jwt-secret', 48));
}

export function loadConfig(argv: readonly string[] = process.argv.slice(2)): Config {
  const production = process.env.NODE_ENV === 'production';
  const dataDir = defaultDataDir();
  const databaseUrl = process.env.DATABASE_URL || undefined;
  // A production server keeps its data in a PostgreSQL that is backed up, never in an embedded one.
  if (production && !databaseUrl) throw new Error('DATABASE_URL is required when NODE_ENV=production');
  return {
    production,
    port: readInt('PORT', 4000),
    host: process.env.HOST ?? (production ? '0.0.0.0' : '127.0.0.1'),
    databaseUrl,
    dataDir,
    embeddedPort: readInt('EMBEDDED_PG_PORT', 54329),
    jwtSecret: jwtSecret(production, dataDir),
    jwtTtlSeconds: readInt('JWT_TTL_SECONDS', 8 * 3600),
    dataKey: dataKey(production, dataDir),
    trustedDocumentsOnly: production && !readFlag('ALLOW_ARBITRARY_OPERATIONS'),
    trustProxy: trustProxy(),
    // The demo is loaded on the embedded database the first time; against a real database only on request.
    loadDemo: argv.includes('--demo') || process.env.LOAD_DEMO === '1' || databaseUrl === undefined,
    requireMigrated: argv.includes('--require-migrated') || process.env.REQUIRE_MIGRATED === '1',
    rollupFoldMs: readInt('ROLLUP_FOLD_MS', 1000),
  };
}
