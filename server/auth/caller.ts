import type { DataSource } from 'typeorm';
import type { Caller, Context } from '../context';
import { defineAbilityFor, type Assignment } from '../permissions/ability';
import { verifyToken, type TokenKeys } from './tokens';

/** Reads the bearer token and builds the caller with one ability from its current assignments. */
export async function callerFromHeader(
  db: DataSource,
  keys: TokenKeys,
  authorization: string | undefined,
): Promise<Pick<Context, 'caller' | 'tokenProblem'>> {
  const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
  if (!match) return { caller: null, tokenProblem: authorization ? 'invalid' : null };
  const check = await verifyToken(keys, match[1]!);
  if ('error' in check) return { caller: null, tokenProblem: check.error };
  // The user and their assignments are read on every request, so a revoked role, a disabled
  // account or a changed password (a new session version) stops the old token at once.
  const rows: (Assignment & { username: string; disabled: boolean; sessionVersion: number })[] = await db.query(
    `SELECT u.username, u.disabled_at IS NOT NULL AS disabled, u.session_version AS "sessionVersion",
            ra.role, ra.org_id AS "orgId", o.path::text AS "orgPath", o.level AS "orgLevel"
     FROM users u LEFT JOIN role_assignments ra ON ra.user_id = u.id LEFT JOIN orgs o ON o.id = ra.org_id
     WHERE u.id = $1`,
    [check.userId],
  );
  if (rows.length === 0) return { caller: null, tokenProblem: 'unknown-user' };
  if (rows[0]!.disabled) return { caller: null, tokenProblem: 'disabled' };
  if (rows[0]!.sessionVersion !== check.sessionVersion) return { caller: null, tokenProblem: 'ended' };
  const assignments = rows
    .filter((row) => row.role !== null)
    .map(({ role, orgId, orgPath, orgLevel }) => ({ role, orgId, orgPath, orgLevel }));
  const caller: Caller = { userId: check.userId, username: rows[0]!.username, assignments, ability: defineAbilityFor(assignments) };
  return { caller, tokenProblem: null };
}
