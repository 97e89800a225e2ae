import type { DataSource, EntityManager } from 'typeorm';
import { AppError } from '../errors';

// Repeated failed sign-ins are slowed, then refused for a while: per username (someone guessing
// one account's password) and per address (someone trying many accounts). A few mistakes cost
// nothing; after that each attempt must wait twice as long as the one before, up to a minute;
// past the limit the username or address is refused for a quarter of an hour. A refused attempt
// is not even checked, so the right password does not get through either. Counts are kept in the
// database, shared by every server; they lapse a quarter of an hour after the last failure, and a
// successful sign-in clears its username's.
//
// Anyone may lock a username out this way, the owner included, for a quarter of an hour at a
// time: the price of stopping guesses at one account. The address's limit is wider for offices
// behind one address; behind a proxy, TRUST_PROXY must name it, or all clients share one address.

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
 * Refuses a sign-in while its username or address must wait, else counts it against the username
 * before the password is checked: counting first, in one short transaction holding the rows,
 * makes guesses at one account sent at once count one after another, and nothing is held while
 * the password is hashed. A refused attempt is not counted; `signInSucceeded` clears a good one;
 * `signInFailed` counts a bad one against the address too (after the fact: an office signing in
 * all at once is not an attack).
 */
export async function claimSignInAttempt(db: DataSource, username: string, address: string): Promise<void> {
  await db.transaction(async (tx) => {
    // Always the address's row first, then the username's: two attempts never wait on each other crosswise.
    await tx.query(`INSERT INTO sign_in_throttles (kind, key) VALUES ('address', $2), ('user', $1) ON CONFLICT DO NOTHING`, [
      username,
      address,
    ]);
    const rows: { kind: ThrottleKind; failures: number; sinceLast: number | null }[] = await tx.query(
      `SELECT kind, failures, extract(epoch FROM now() - last_failure_at)::float8 AS "sinceLast" FROM sign_in_throttles
       WHERE (kind = 'user' AND key = $1) OR (kind = 'address' AND key = $2) ORDER BY kind FOR UPDATE`,
      [username, address],
    );
    for (const row of rows) {
      if (row.sinceLast === null || row.sinceLast > SIGN_IN_THROTTLE.windowSeconds) continue;
      const wait = secondsToWait(SIGN_IN_THROTTLE[row.kind], row.failures, row.sinceLast);
      if (wait > 0) throw tooManyAttempts(row.kind, wait);
    }
    await tx.query(
      `UPDATE sign_in_throttles SET
         failures = CASE WHEN last_failure_at > now() - make_interval(secs => $2) THEN failures + 1 ELSE 1 END,
         last_failure_at = now()
       WHERE kind = 'user' AND key = $1`,
      [username, SIGN_IN_THROTTLE.windowSeconds],
    );
  });
}

/** The password was wrong (already counted against the username): count it against the address. */
export async function signInFailed(db: DataSource, address: string): Promise<void> {
  await db.query(
    `UPDATE sign_in_throttles SET
       failures = CASE WHEN last_failure_at > now() - make_interval(secs => $2) THEN failures + 1 ELSE 1 END, last_failure_at = now()
     WHERE kind = 'address' AND key = $1`,
    [address, SIGN_IN_THROTTLE.windowSeconds],
  );
}

/**
 * The password was right: the username's count is cleared. Counts that lapsed long ago are
 * swept, a few at a time and only those nobody holds.
 */
export async function signInSucceeded(db: DataSource, username: string): Promise<void> {
  await db.query(`DELETE FROM sign_in_throttles WHERE kind = 'user' AND key = $1`, [username]);
  await db.query(
    `DELETE FROM sign_in_throttles WHERE ctid IN (
       SELECT ctid FROM sign_in_throttles WHERE last_failure_at < now() - make_interval(secs => $1) LIMIT 100 FOR UPDATE SKIP LOCKED)`,
    [4 * SIGN_IN_THROTTLE.windowSeconds],
  );
}

/** An ADMIN set a new password: the username may sign in with it at once. */
export async function clearSignInCount(db: EntityManager, username: string): Promise<void> {
  await db.query(`DELETE FROM sign_in_throttles WHERE kind = 'user' AND key = $1`, [username]);
}
