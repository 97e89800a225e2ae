import type { EntityManager } from 'typeorm';
import { AppError } from '../errors';

// Repeated failed sign-ins are slowed, then refused for a while: per username (someone guessing
// one account's password) and per address (someone trying many accounts). A few mistakes cost
// nothing; after that each attempt must wait twice as long as the one before, up to a minute;
// past the limit the username or address is refused for a quarter of an hour. A refused attempt
// is not even checked, so the right password does not get through either. Counts are kept in the
// database, shared by every server; they lapse a quarter of an hour after the last failure, and a
// successful sign-in clears its username's.

export interface ThrottleRule {
  /** Failures that cost nothing. */
  free: number;
  /** Failures after which the key is refused for `lockSeconds`. */
  lockAfter: number;
}

export const SIGN_IN_THROTTLE = {
  user: { free: 3, lockAfter: 10 } satisfies ThrottleRule,
  // An office behind one address has many staff: a wider allowance, the same shape.
  address: { free: 20, lockAfter: 50 } satisfies ThrottleRule,
  maxDelaySeconds: 60,
  lockSeconds: 15 * 60,
  /** Failures are forgotten this long after the last one. */
  windowSeconds: 15 * 60,
};

export type ThrottleKind = 'user' | 'address';

/** Seconds the key must still wait after `failures` failures, the last `sinceLast` seconds ago. */
export function secondsToWait(rule: ThrottleRule, failures: number, sinceLast: number): number {
  if (failures < rule.free) return 0;
  const pause =
    failures >= rule.lockAfter ? SIGN_IN_THROTTLE.lockSeconds : Math.min(2 ** (failures - rule.free), SIGN_IN_THROTTLE.maxDelaySeconds);
  return Math.max(0, Math.ceil(pause - sinceLast));
}

function tooManyAttempts(kind: ThrottleKind, seconds: number): AppError {
  const whom = kind === 'user' ? 'this username' : 'your address';
  const when = seconds >= 120 ? `${Math.ceil(seconds / 60)} minutes` : `${seconds} seconds`;
  return new AppError(
    'TOO_MANY_ATTEMPTS',
    kind === 'user' ? 'USER_THROTTLED' : 'ADDRESS_THROTTLED',
    `Too many failed sign-ins for ${whom}: try again in ${when}.`,
    undefined,
    { retryAfterSeconds: seconds },
  );
}

/**
 * Refuses the attempt while the username or address must wait. Run in the sign-in's transaction:
 * the username's row stays locked until the attempt is counted, so guesses sent at once are
 * counted one after another rather than all let through.
 */
export async function checkSignInAllowed(tx: EntityManager, username: string, address: string): Promise<void> {
  await tx.query(`INSERT INTO sign_in_throttles (kind, key) VALUES ('user', $1) ON CONFLICT DO NOTHING`, [username]);
  const rows: { kind: ThrottleKind; failures: number; sinceLast: number | null }[] = await tx.query(
    `SELECT kind, failures, extract(epoch FROM now() - last_failure_at)::float8 AS "sinceLast" FROM sign_in_throttles
     WHERE (kind = 'user' AND key = $1) OR (kind = 'address' AND key = $2) ORDER BY kind DESC FOR UPDATE`,
    [username, address],
  );
  for (const row of rows) {
    if (row.sinceLast === null || row.sinceLast > SIGN_IN_THROTTLE.windowSeconds) continue;
    const wait = secondsToWait(SIGN_IN_THROTTLE[row.kind], row.failures, row.sinceLast);
    if (wait > 0) throw tooManyAttempts(row.kind, wait);
  }
}

/** Counts a failed attempt against the username and the address (a lapsed count starts again). */
export async function recordSignInFailure(tx: EntityManager, username: string, address: string): Promise<void> {
  await tx.query(
    `INSERT INTO sign_in_throttles (kind, key, failures, last_failure_at) VALUES ('user', $1, 1, now()), ('address', $2, 1, now())
     ON CONFLICT (kind, key) DO UPDATE SET
       failures = CASE WHEN sign_in_throttles.last_failure_at > now() - make_interval(secs => $3) THEN sign_in_throttles.failures + 1 ELSE 1 END,
       last_failure_at = now()`,
    [username, address, SIGN_IN_THROTTLE.windowSeconds],
  );
}

/** A successful sign-in clears the username's count (not the address's: others may be guessing from it). */
export async function recordSignInSuccess(tx: EntityManager, username: string): Promise<void> {
  // Also sweeps counts that lapsed long ago (usernames that never existed, addresses gone quiet).
  await tx.query(
    `DELETE FROM sign_in_throttles WHERE (kind = 'user' AND key = $1) OR last_failure_at < now() - make_interval(secs => $2)`,
    [username, 4 * SIGN_IN_THROTTLE.windowSeconds],
  );
}
