import { createHash } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { AppError, badInput, conflict, type ErrorCode } from '../errors';

export interface IdempotentCall {
  /** The org the call acts for: keys are unique within it. */
  orgId: number;
  key: string;
  userId: number;
  operation: string;
  /** The call's input without the key, in canonical form (ids and fen as strings). */
  request: Record<string, unknown>;
}

const MAX_KEY = 100;

/** Refuses a key that cannot be stored, before anything is claimed. */
export function checkIdempotencyKey(key: string, field = 'idempotencyKey'): string {
  const trimmed = key.trim();
  if (trimmed.length === 0 || trimmed.length > MAX_KEY)
    throw badInput('IDEMPOTENCY_KEY', `${field} must be 1 to ${MAX_KEY} characters.`, field);
  return trimmed;
}

function hashOf(operation: string, request: Record<string, unknown>): string {
  const canonical = JSON.stringify([
    operation,
    Object.keys(request)
      .sort()
      .map((name) => [name, request[name] ?? null]),
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}

interface StoredKey {
  requestHash: string;
  resultId: string | null;
  error: { code: ErrorCode; reason: string; message: string; field?: string } | null;
}

type Outcome = { resultId: string } | { error: NonNullable<StoredKey['error']> };

/**
 * Runs `work` once per (org, key). The key is claimed in the work's own transaction, so a repeat
 * that arrives while the first is running waits for it, then answers as it did. A failure the
 * client caused (an AppError from `work`, e.g. INSUFFICIENT_FUNDS) is kept too: the work is
 * rolled back to a savepoint, the error stored, and every repeat fails the same way. `prepare`
 * runs first in the transaction (locks, scope and permission checks): what it throws is not kept.
 */
export async function runIdempotent<P>(
  db: DataSource,
  call: IdempotentCall | ((prepared: P) => IdempotentCall),
  prepare: (tx: EntityManager) => Promise<P>,
  work: (tx: EntityManager, prepared: P) => Promise<string>,
): Promise<{ resultId: string; replayed: boolean }> {
  const outcome = await db.transaction(async (tx): Promise<Outcome & { replayed: boolean }> => {
    const prepared = await prepare(tx);
    const { orgId, key, userId, operation, request } = typeof call === 'function' ? call(prepared) : call;
    const requestHash = hashOf(operation, request);
    const claimed: unknown[] = await tx.query(
      `INSERT INTO idempotency_keys (org_id, key, operation, request_hash, user_id) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (org_id, key) DO NOTHING RETURNING 1`,
      [orgId, key, operation, requestHash, userId],
    );
    if (claimed.length === 0) {
      const [stored] = (await tx.query(
        `SELECT request_hash AS "requestHash", result_id::text AS "resultId", error FROM idempotency_keys WHERE org_id = $1 AND key = $2`,
        [orgId, key],
      )) as [StoredKey];
      if (stored.requestHash !== requestHash)
        throw conflict(
          'IDEMPOTENCY_KEY_REUSED',
          'This idempotencyKey was already used for a different request: use a new key.',
          'idempotencyKey',
        );
      return stored.error ? { error: stored.error, replayed: true } : { resultId: stored.resultId!, replayed: true };
    }
    await tx.query('SAVEPOINT idempotent_work');
    try {
      const resultId = await work(tx, prepared);
      await tx.query('UPDATE idempotency_keys SET result_id = $3 WHERE org_id = $1 AND key = $2', [orgId, key, resultId]);
      return { resultId, replayed: false };
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      await tx.query('ROLLBACK TO SAVEPOINT idempotent_work');
      const { code, reason, field } = error.extensions as { code: ErrorCode; reason: string; field?: string };
      const stored = { code, reason, message: error.message, ...(field ? { field } : {}) };
      await tx.query('UPDATE idempotency_keys SET error = $3 WHERE org_id = $1 AND key = $2', [orgId, key, stored]);
      return { error: stored, replayed: false };
    }
  });
  if ('error' in outcome) throw new AppError(outcome.error.code, outcome.error.reason, outcome.error.message, outcome.error.field);
  return outcome;
}
