import type { DataSource, EntityManager } from 'typeorm';
import { intId } from '../common/ids';
import type { Caller } from '../context';
import { isUniqueViolation } from '../db/sql';
import { badInput, conflict, forbidden, notFound } from '../errors';
import { subjectOf } from '../permissions/ability';
import { chainOf, rootIdOf } from '../permissions/paths';
import { scopeSql } from '../permissions/scope-sql';
import { rebuildTotals } from '../rollup/maintenance';
import { mayHaveChild, OrgLevel } from './org-level';
import type { Org } from './org.entity';
import type { CreateOrgInput, MoveOrgInput, UpdateOrgInput } from './org.inputs';

export const ORG_COLUMNS = `o.id, o.parent_id AS "parentId", o.code, o.name, o.level, o.path::text AS path, o.created_at AS "createdAt", o.updated_at AS "updatedAt"`;

export function orgSubject(org: Pick<Org, 'path'>) {
  return subjectOf('Org', { orgPath: org.path, rootId: rootIdOf(org.path) });
}

// Creates and moves of one tree take this lock (shared and exclusive), so a move never misses
// an org created under it while it rewrites the paths.
export const TREE_LOCK = 7_001;

/**
 * The org with that id if the caller may read it, optionally locked; otherwise NOT_FOUND naming
 * the field, exactly as for an id that does not exist. Every module looks orgs up through this.
 */
export async function requireVisibleOrg(
  manager: EntityManager,
  caller: Caller,
  rawId: string,
  field: string,
  lock?: 'FOR SHARE' | 'FOR UPDATE',
): Promise<Org> {
  const id = intId(rawId);
  if (id === null) throw notFound('org', field);
  const params: unknown[] = [id];
  const scope = scopeSql(caller.ability, 'read', 'Org', { orgPath: 'o.path' }, params);
  const rows: Org[] = await manager.query(`SELECT ${ORG_COLUMNS} FROM orgs o WHERE o.id = $1 AND ${scope} ${lock ?? ''}`, params);
  if (!rows[0]) throw notFound('org', field);
  return rows[0];
}

export class OrgService {
  constructor(private readonly db: DataSource) {}

  /** The org if the caller may read it; null exactly as for an org that does not exist. */
  async findVisible(caller: Caller, by: { id?: string | null; code?: string | null }): Promise<Org | null> {
    const params: unknown[] = [];
    const where: string[] = [];
    if (by.id !== undefined && by.id !== null) {
      const id = intId(by.id);
      if (id === null) return null;
      params.push(id);
      where.push(`o.id = $${params.length}`);
    }
    if (by.code !== undefined && by.code !== null) {
      params.push(by.code);
      where.push(`o.code = $${params.length}`);
    }
    if (where.length === 0) throw badInput('ORG_LOOKUP', "Give the org's id or its code.", 'id');
    where.push(scopeSql(caller.ability, 'read', 'Org', { orgPath: 'o.path' }, params));
    const rows: Org[] = await this.db.query(`SELECT ${ORG_COLUMNS} FROM orgs o WHERE ${where.join(' AND ')}`, params);
    return rows[0] ?? null;
  }

  async createOrg(caller: Caller, input: CreateOrgInput): Promise<Org> {
    return this.db.transaction(async (tx) => {
      // The tree's lock first, then the parent's row: a move holds the tree's lock while it
      // rewrites the rows of its subtree, so the other order could deadlock with it. A move stays
      // in its tree, so the root read before the lock is still the parent's root.
      const seen = await requireVisibleOrg(tx, caller, input.parentId, 'parentId');
      await tx.query('SELECT pg_advisory_xact_lock_shared($1, $2)', [TREE_LOCK, rootIdOf(seen.path)]);
      const parent = await requireVisibleOrg(tx, caller, input.parentId, 'parentId', 'FOR SHARE');
      if (!caller.ability.can('create', orgSubject(parent)))
        throw forbidden('Only an ADMIN of the parent org or above may add orgs under it.');
      if (!mayHaveChild(parent.level, input.level)) {
        throw badInput(
          'ORG_LEVEL_RULE',
          `A ${input.level} org cannot sit under a ${parent.level} org: a child's level must be lower than its parent's.`,
          'level',
        );
      }
      const [{ id }] = (await tx.query(`SELECT nextval(pg_get_serial_sequence('orgs', 'id'))::int AS id`)) as [{ id: number }];
      try {
        await tx.query('INSERT INTO orgs (id, parent_id, code, name, level, path) VALUES ($1, $2, $3, $4, $5, $6::ltree)', [
          id,
          parent.id,
          input.code,
          input.name.trim(),
          input.level,
          `${parent.path}.${id}`,
        ]);
      } catch (error) {
        if (isUniqueViolation(error, 'UQ_orgs_code')) throw conflict('ORG_CODE_TAKEN', `The code ${input.code} is already in use.`, 'code');
        throw error;
      }
      return this.byId(tx, id);
    });
  }

  async updateOrg(caller: Caller, input: UpdateOrgInput): Promise<Org> {
    return this.db.transaction(async (tx) => {
      const org = await requireVisibleOrg(tx, caller, input.id, 'id', 'FOR UPDATE');
      if (!caller.ability.can('update', orgSubject(org))) throw forbidden('Only an ADMIN of this org or above may change it.');
      try {
        await tx.query('UPDATE orgs SET code = COALESCE($2, code), name = COALESCE($3, name), updated_at = now() WHERE id = $1', [
          org.id,
          input.code ?? null,
          input.name?.trim() ?? null,
        ]);
      } catch (error) {
        if (isUniqueViolation(error, 'UQ_orgs_code')) throw conflict('ORG_CODE_TAKEN', `The code ${input.code} is already in use.`, 'code');
        throw error;
      }
      return this.byId(tx, org.id);
    });
  }

  /** Re-parents an org and its whole subtree (区划调整) in one transaction. */
  async moveOrg(caller: Caller, input: MoveOrgInput): Promise<Org> {
    return this.db.transaction(async (tx) => {
      // The tree's lock before any org row (see createOrg); the path may have changed while we
      // waited for it (a move of an ancestor), so the org is read again, locked, under it.
      const seen = await requireVisibleOrg(tx, caller, input.id, 'id');
      await tx.query('SELECT pg_advisory_xact_lock($1, $2)', [TREE_LOCK, rootIdOf(seen.path)]);
      const current = await requireVisibleOrg(tx, caller, input.id, 'id', 'FOR UPDATE');
      if (!caller.ability.can('move', orgSubject(current))) throw forbidden('Only an ADMIN of this org or above may move it.');
      const parent = await requireVisibleOrg(tx, caller, input.newParentId, 'newParentId', 'FOR UPDATE');
      if (!caller.ability.can('create', orgSubject(parent))) throw forbidden('The new parent must be an org where you may add orgs.');
      if (rootIdOf(parent.path) !== rootIdOf(current.path)) {
        throw badInput('ORG_OTHER_TREE', 'An org moves only within its own municipality.', 'newParentId');
      }
      if (current.parentId === null)
        throw badInput('ORG_ROOT_MOVE', 'A municipal federation is the root of its tree and cannot be moved.', 'id');
      if (parent.path === current.path || parent.path.startsWith(`${current.path}.`)) {
        throw badInput('ORG_CYCLE', 'An org cannot move under itself or one of its own descendants.', 'newParentId');
      }
      if (!mayHaveChild(parent.level, current.level)) {
        throw badInput(
          'ORG_LEVEL_RULE',
          `A ${current.level} org cannot sit under a ${parent.level} org: a child's level must be lower than its parent's.`,
          'newParentId',
        );
      }
      if (current.parentId === parent.id) return current;
      const newPath = `${parent.path}.${current.id}`;
      await tx.query(
        `UPDATE orgs SET path = CASE WHEN path = $1::ltree THEN $2::ltree ELSE $2::ltree || subpath(path, nlevel($1::ltree)) END, updated_at = now()
         WHERE path <@ $1::ltree`,
        [current.path, newPath],
      );
      await tx.query('UPDATE orgs SET parent_id = $2 WHERE id = $1', [current.id, parent.id]);
      // The subtree's own figures stay, and so do those of the ancestors it has before and after
      // (their subtrees hold the same orgs). Those above it on one side only are rebuilt from
      // the records (money crossing into a subtree depends on where it sits).
      const before = chainOf(current.path).slice(0, -1);
      const after = chainOf(parent.path);
      await rebuildTotals(tx, [...before.filter((id) => !after.includes(id)), ...after.filter((id) => !before.includes(id))]);
      return this.byId(tx, current.id);
    });
  }

  private async byId(tx: EntityManager, id: number): Promise<Org> {
    const rows: Org[] = await tx.query(`SELECT ${ORG_COLUMNS} FROM orgs o WHERE o.id = $1`, [id]);
    return rows[0]!;
  }
}

export { OrgLevel };
