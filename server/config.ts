import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

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

// In development the secret is generated once and kept beside the embedded database, so tokens
// survive a restart; in production it must come from the environment.
function jwtSecret(production: boolean, dataDir: string): Uint8Array {
  const fromEnv = process.env.JWT_SECRET;
  if (fromEnv) {
    if (fromEnv.length < 32) throw new Error('JWT_SECRET must be at least 32 characters');
    return new TextEncoder().encode(fromEnv);
  }
  if (production) throw new Error('JWT_SECRET is required when NODE_ENV=production');
  const file = path.join(dataDir, 'jwt-secret');
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, randomBytes(48).toString('base64url'), { mode: 0o600 });
  }
  return new TextEncoder().encode(readFileSync(file, 'utf8').trim());
}

export function loadConfig(argv: readonly string[] = process.argv.slice(2)): Config {
  const production = process.env.NODE_ENV === 'production';
  const dataDir = path.resolve(projectRoot, process.env.DATA_DIR ?? '.data');
  const databaseUrl = process.env.DATABASE_URL || undefined;
  return {
    production,
    port: readInt('PORT', 4000),
    host: process.env.HOST ?? (production ? '0.0.0.0' : '127.0.0.1'),
    databaseUrl,
    dataDir,
    embeddedPort: readInt('EMBEDDED_PG_PORT', 54329),
    jwtSecret: jwtSecret(production, dataDir),
    jwtTtlSeconds: readInt('JWT_TTL_SECONDS', 8 * 3600),
    // The demo is loaded on the embedded database the first time; against a real database only on request.
    loadDemo: argv.includes('--demo') || process.env.LOAD_DEMO === '1' || databaseUrl === undefined,
    requireMigrated: argv.includes('--require-migrated') || process.env.REQUIRE_MIGRATED === '1',
    rollupFoldMs: readInt('ROLLUP_FOLD_MS', 1000),
  };
}
