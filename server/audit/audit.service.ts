import type { DataSource, EntityManager } from 'typeorm';
import { keysetPage, type ConnectionResult, type Page } from '../common/connection';
import type { Caller } from '../context';
import { forbidden } from '../errors';
import { requireVisibleOrg } from '../org/org.service';
import { subjectOf } from '../permissions/ability';
import { rootIdOf } from '../permissions/paths';
import { scopeSql } from '../permissions/scope-sql';
import type { AuditEntry } from './audit-entry.entity';
import { PERSONAL_DATA_READ } from './personal-reads';

export type AuditSubject =
  | 'Worker'
  | 'LedgerEntry'
  | 'AssistanceCase'
  | 'Pairing'
  | 'EnterpriseProfile'
  | 'HarmoniousParticipation'
  | 'HarmoniousNaming'
  | 'HarmoniousScoring';

export interface AuditRecord {
  /** The org whose subtree may read the entry. */
  orgId: number;
  action: string;
  subjectType: AuditSubject;
  subjectId: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

/** Writes the entry in the caller's transaction, so it commits or rolls back with the change. */
export async function writeAudit(tx: EntityManager, caller: Caller, record: AuditRecord): Promise<void> {
  await tx.query(
    `INSERT INTO audit_entries (org_id, actor_id, action, subject_type, subject_id, before, after) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [record.orgId, caller.userId, record.action, record.subjectType, record.subjectId, record.before, record.after],
  );
}

/** Writes many entries in one statement, all by one actor, outside any change (the access log of a request). */
export async function writeAudits(db: EntityManager, actorId: number, records: AuditRecord[]): Promise<void> {
  await db.query(
    `INSERT INTO audit_entries (org_id, actor_id, action, subject_type, subject_id, before, after)
     SELECT v.org_id, $1, v.action, v.subject_type, v.subject_id, v.before, v.after
     FROM unnest($2::int[], $3::text[], $4::text[], $5::bigint[], $6::jsonb[], $7::jsonb[])
       AS v(org_id, action, subject_type, subject_id, before, after)`,
    [
      actorId,
      records.map((r) => r.orgId),
      records.map((r) => r.action),
      records.map((r) => r.subjectType),
      records.map((r) => r.subjectId),
      records.map((r) => (r.before === null ? null : JSON.stringify(r.before))),
      records.map((r) => (r.after === null ? null : JSON.stringify(r.after))),
    ],
  );
}

export type AuditRow = AuditEntry & { actorName: string };

/** The audit trail of a subtree, newest first. */
export async function auditTrail(db: DataSource, caller: Caller, rawOrgId: string, page: Page): Promise<ConnectionResult<AuditRow>> {
  const org = await requireVisibleOrg(db.manager, caller, rawOrgId, 'orgId');
  if (!caller.ability.can('read', subjectOf('AuditEntry', { orgPath: org.path, rootId: rootIdOf(org.path) })))
    throw forbidden("Only ADMIN and VIEWER read a subtree's audit trail.");
  const params: unknown[] = [org.path];
  const scope = scopeSql(caller.ability, 'read', 'AuditEntry', { orgPath: 'o.path' }, params);
  const accessLog = scopeSql(caller.ability, 'readAccessLog', 'AuditEntry', { orgPath: 'o.path' }, params);
  const from = 'audit_entries a JOIN orgs o ON o.id = a.org_id JOIN users u ON u.id = a.actor_id';
  const columns = `a.id::text AS id, a.org_id AS "orgId", a.actor_id AS "actorId", a.at, a.action, a.subject_type AS "subjectType",
    a.subject_id::text AS "subjectId", a.before, a.after, u.username AS "actorName"`;
  return keysetPage(
    db,
    {
      columns,
      from,
      where: `o.path <@ $1::ltree AND ${scope} AND (a.action <> '${PERSONAL_DATA_READ}' OR ${accessLog})`,
      params,
      key: 'a.id',
      newestFirst: true,
    },
    page,
  );
}
