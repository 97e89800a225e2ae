import type { DataSource, EntityManager } from 'typeorm';
import { dummyPasswordHash, hashPassword, verifyPassword } from '../auth/passwords';
import { claimSignInAttempt, clearSignInCount, signInFailed, signInSucceeded } from '../auth/throttle';
import { issueToken, type TokenKeys } from '../auth/tokens';
import { intId } from '../common/ids';
import type { Caller } from '../context';
import { AppError, badInput, conflict, forbidden, notFound } from '../errors';
import { subjectOf } from '../permissions/ability';
import { rootIdOf } from '../permissions/paths';
import { requireVisibleOrg } from '../org/org.service';
import type { RoleAssignment } from './role-assignment.entity';
import type { Role } from './role';
import type { User } from './user.entity';
import type { AssignRoleInput, ChangePasswordInput, CreateUserInput, ResetPasswordInput } from './user.inputs';
import type { AuthPayload, Viewer } from './user.types';

const VIEWER_COLUMNS = 'id, username, display_name AS "displayName", disabled_at IS NOT NULL AS disabled';

const wrongCredentials = () => new AppError('UNAUTHENTICATED', 'BAD_CREDENTIALS', 'Wrong username or password.');

function assignmentSubject(orgPath: string) {
  return subjectOf('RoleAssignment', { orgPath, rootId: rootIdOf(orgPath) });
}

export class UserService {
  constructor(private readonly db: DataSource) {}

  /**
   * A wrong password and an unknown user get the same answer, in the same time. `address`: where
   * the attempt came from, for the throttle (server/auth/throttle.ts).
   */
  async login(keys: TokenKeys, username: string, password: string, address: string): Promise<AuthPayload> {
    const name = username.trim().toLowerCase().slice(0, 255);
    await claimSignInAttempt(this.db, name, address);
    const rows: { id: number; passwordHash: string; disabled: boolean; sessionVersion: number }[] = await this.db.query(
      `SELECT id, password_hash AS "passwordHash", disabled_at IS NOT NULL AS disabled, session_version AS "sessionVersion"
       FROM users WHERE username = $1`,
      [name],
    );
    const user = rows[0];
    if (!(await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), password)) || !user) {
      await signInFailed(this.db, address);
      throw wrongCredentials();
    }
    await signInSucceeded(this.db, name);
    // Said only to whoever knows the password.
    if (user.disabled) throw new AppError('UNAUTHENTICATED', 'ACCOUNT_DISABLED', 'This account is disabled: ask an ADMIN of your org.');
    return this.signedIn(keys, user.id, user.sessionVersion);
  }

  /**
   * Changes the caller's own password, counted by the sign-in throttle like a sign-in: their other
   * tokens stop working; this answer carries a new one.
   */
  async changePassword(keys: TokenKeys, caller: Caller, input: ChangePasswordInput, address: string): Promise<AuthPayload> {
    await claimSignInAttempt(this.db, caller.username, address);
    const [user] = (await this.db.query('SELECT password_hash AS "passwordHash" FROM users WHERE id = $1', [caller.userId])) as [
      { passwordHash: string },
    ];
    if (!(await verifyPassword(user.passwordHash, input.currentPassword))) {
      await signInFailed(this.db, address);
      throw badInput('BAD_CREDENTIALS', 'currentPassword is not your password.', 'currentPassword');
    }
    await signInSucceeded(this.db, caller.username);
    const hash = await hashPassword(input.newPassword);
    const version = await this.db.transaction((tx) => this.setPasswordHash(tx, caller.userId, hash));
    return this.signedIn(keys, caller.userId, version);
  }

  /**
   * An ADMIN sets the password of another user of their scope (forgotten, or compromised): the
   * user's tokens stop working and a lock-out ends. Your own you change with changePassword.
   */
  async resetPassword(caller: Caller, input: ResetPasswordInput): Promise<Viewer> {
    const hash = await hashPassword(input.newPassword);
    return this.db.transaction(async (tx) => {
      const userId = await this.lockManageableUser(tx, caller, input.userId);
      if (userId === caller.userId)
        throw conflict('OWN_ACCOUNT', 'Change your own password with changePassword, which asks for the current one.', 'userId');
      await this.setPasswordHash(tx, userId, hash);
      const viewer = await this.viewerIn(tx, userId);
      await clearSignInCount(tx, viewer.username);
      return viewer;
    });
  }

  /** Disables or enables an account of the ADMIN's scope; disabling ends its tokens at once. */
  async setDisabled(caller: Caller, rawUserId: string, disabled: boolean): Promise<Viewer> {
    return this.db.transaction(async (tx) => {
      const userId = await this.lockManageableUser(tx, caller, rawUserId);
      if (userId === caller.userId) throw conflict('OWN_ACCOUNT', 'You cannot disable or enable your own account.', 'userId');
      await tx.query(
        disabled
          ? 'UPDATE users SET disabled_at = coalesce(disabled_at, now()), session_version = session_version + 1 WHERE id = $1'
          : 'UPDATE users SET disabled_at = NULL WHERE id = $1',
        [userId],
      );
      return this.viewerIn(tx, userId);
    });
  }

  /** Hashed before the transaction: nothing is held while argon2 works. */
  private async setPasswordHash(tx: EntityManager, userId: number, hash: string): Promise<number> {
    const [rows] = (await tx.query(
      'UPDATE users SET password_hash = $2, session_version = session_version + 1 WHERE id = $1 RETURNING session_version AS version',
      [userId, hash],
    )) as [{ version: number }[]];
    return rows[0]!.version;
  }

  private async signedIn(keys: TokenKeys, userId: number, sessionVersion: number): Promise<AuthPayload> {
    const now = new Date();
    const token = await issueToken(keys, userId, sessionVersion, now);
    return { token, expiresAt: new Date(now.getTime() + keys.ttlSeconds * 1000).toISOString(), viewer: await this.viewer(userId) };
  }

  async viewer(userId: number): Promise<Viewer> {
    const [user] = (await this.db.query(`SELECT ${VIEWER_COLUMNS} FROM users WHERE id = $1`, [userId])) as Viewer[];
    if (!user) throw notFound('user');
    return { ...user, assignments: await this.assignmentsOf(this.db.manager, userId) };
  }

  async createUser(caller: Caller, input: CreateUserInput): Promise<Viewer> {
    return this.db.transaction(async (tx) => {
      const inserted: { id: number }[] = await tx.query(
        'INSERT INTO users (username, display_name, password_hash) VALUES ($1, $2, $3) ON CONFLICT (username) DO NOTHING RETURNING id',
        [input.username, input.displayName.trim(), await hashPassword(input.password)],
      );
      const id = inserted[0]?.id;
      if (id === undefined) throw conflict('USERNAME_TAKEN', `The username ${input.username} is already taken.`, 'username');
      for (const [index, assignment] of input.assignments.entries()) {
        await this.insertAssignment(tx, caller, id, assignment.role, assignment.orgId, `assignments.${index}.orgId`);
      }
      return this.viewerIn(tx, id);
    });
  }

  async assignRole(caller: Caller, input: AssignRoleInput): Promise<Viewer> {
    return this.db.transaction(async (tx) => {
      const userId = await this.lockManageableUser(tx, caller, input.userId);
      await this.insertAssignment(tx, caller, userId, input.role, input.orgId, 'orgId');
      return this.viewerIn(tx, userId);
    });
  }

  async revokeRole(caller: Caller, assignmentId: string): Promise<Viewer> {
    return this.db.transaction(async (tx) => {
      const id = intId(assignmentId);
      const rows: { userId: number; orgPath: string }[] =
        id === null
          ? []
          : await tx.query(
              `SELECT ra.user_id AS "userId", o.path::text AS "orgPath" FROM role_assignments ra JOIN orgs o ON o.id = ra.org_id WHERE ra.id = $1`,
              [id],
            );
      const found = rows[0];
      if (!found || !caller.ability.can('read', assignmentSubject(found.orgPath))) throw notFound('role assignment', 'id');
      const userId = await this.lockManageableUser(tx, caller, String(found.userId));
      const [{ n }] = (await tx.query('SELECT count(*)::int AS n FROM role_assignments WHERE user_id = $1', [userId])) as [{ n: number }];
      if (n <= 1) throw conflict('LAST_ROLE', "This is the user's only role; a user keeps at least one.", 'id');
      await tx.query('DELETE FROM role_assignments WHERE id = $1', [id]);
      return this.viewerIn(tx, userId);
    });
  }

  /** A user is the ADMIN's to change only when every role the user holds lies in the ADMIN's scope. */
  private async lockManageableUser(tx: EntityManager, caller: Caller, rawId: string): Promise<number> {
    const id = intId(rawId);
    // Lock first, then read the roles: a role given elsewhere meanwhile is seen, not missed.
    if (id !== null) await tx.query('SELECT 1 FROM users WHERE id = $1 FOR UPDATE', [id]);
    const rows: { orgPath: string | null }[] =
      id === null
        ? []
        : await tx.query(
            `SELECT o.path::text AS "orgPath" FROM users u
         LEFT JOIN role_assignments ra ON ra.user_id = u.id LEFT JOIN orgs o ON o.id = ra.org_id
         WHERE u.id = $1`,
            [id],
          );
    const paths = rows.map((row) => row.orgPath).filter((path): path is string => path !== null);
    if (id === null || rows.length === 0 || !paths.some((path) => caller.ability.can('read', assignmentSubject(path))))
      throw notFound('user', 'userId');
    if (!paths.every((path) => caller.ability.can('assign', assignmentSubject(path)))) {
      throw forbidden('This user also holds roles outside your scope; an ADMIN above both must change them.');
    }
    return id;
  }

  private async insertAssignment(
    tx: EntityManager,
    caller: Caller,
    userId: number,
    role: Role,
    rawOrgId: string,
    field: string,
  ): Promise<void> {
    // FOR SHARE: the org cannot move out of the caller's scope before the role is given.
    const org = await requireVisibleOrg(tx, caller, rawOrgId, field, 'FOR SHARE');
    if (!caller.ability.can('assign', assignmentSubject(org.path)))
      throw forbidden('Only an ADMIN of this org or above may give roles here.');
    await tx.query('INSERT INTO role_assignments (user_id, org_id, role) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [
      userId,
      org.id,
      role,
    ]);
  }

  private async viewerIn(tx: EntityManager, userId: number): Promise<Viewer> {
    const [user] = (await tx.query(`SELECT ${VIEWER_COLUMNS} FROM users WHERE id = $1`, [userId])) as Viewer[];
    return { ...user!, assignments: await this.assignmentsOf(tx, userId) };
  }

  private assignmentsOf(manager: EntityManager, userId: number): Promise<RoleAssignment[]> {
    return manager.query(
      `SELECT ra.id, ra.user_id AS "userId", ra.org_id AS "orgId", ra.role, ra.created_at AS "createdAt"
       FROM role_assignments ra JOIN orgs o ON o.id = ra.org_id WHERE ra.user_id = $1 ORDER BY o.path, ra.role`,
      [userId],
    );
  }
}

export type { User };
