import type { DataSource, EntityManager } from 'typeorm';
import { writeAudit } from '../audit/audit.service';
import { keysetPage, type ConnectionResult, type Page } from '../common/connection';
import { bigintId } from '../common/ids';
import type { Caller } from '../context';
import { isUniqueViolation, today } from '../db/sql';
import { AppError, badInput, conflict, forbidden, notFound } from '../errors';
import { OrgLevel } from '../org/org-level';
import type { Org } from '../org/org.entity';
import { requireVisibleOrg } from '../org/org.service';
import { subjectOf } from '../permissions/ability';
import { isUnder, rootIdOf } from '../permissions/paths';
import { scopeSql } from '../permissions/scope-sql';
import { Role } from '../user/role';
import { parseCreditCode } from './credit-code';
import type { EnterpriseProfile } from './enterprise-profile.entity';
import { Criterion, NamingLevel } from './harmonious-enums';
import type {
  AssessParticipationInput,
  NameEnterpriseInput,
  RecordParticipationInput,
  RevokeNamingInput,
  SetEnterpriseProfileInput,
  SetHarmoniousScoringInput,
} from './harmonious.inputs';
import type { HarmoniousNaming } from './naming.entity';
import type { HarmoniousParticipation } from './participation.entity';
import { DEFAULT_PASS_MARK, DEFAULT_WEIGHTS, scoreOf, type Weights } from './scoring';

export type ParticipationRow = HarmoniousParticipation & { orgPath: string };
export type NamingRow = HarmoniousNaming & { orgPath: string };
export interface ScoringRow {
  rootOrgId: number;
  weights: Weights;
  passMark: number;
  /** True while the municipality has not set its own. */
  isDefault: boolean;
}

export const PROFILE_COLUMNS = `p.org_id AS "orgId", p.credit_code AS "creditCode", p.ownership, p.industry, p.employees, p.updated_at AS "updatedAt"`;
const PARTICIPATION_COLUMNS = `p.id::text AS id, p.org_id AS "orgId", p.year, p.participating_workers AS "participatingWorkers", p.score, p.passed,
  p.assessed_by AS "assessedBy", p.assessed_at AS "assessedAt", p.created_at AS "createdAt", o.path::text AS "orgPath"`;
const PARTICIPATION_FROM = 'harmonious_participations p JOIN orgs o ON o.id = p.org_id';
export const NAMING_COLUMNS = `n.id::text AS id, n.participation_id::text AS "participationId", n.org_id AS "orgId", n.year, n.level,
  n.named_by_org_id AS "namedByOrgId", n.named_by AS "namedBy", to_char(n.named_on, 'YYYY-MM-DD') AS "namedOn",
  to_char(n.revoked_on, 'YYYY-MM-DD') AS "revokedOn", n.revoke_reason AS "revokeReason", n.revoked_by AS "revokedBy",
  n.created_at AS "createdAt", o.path::text AS "orgPath"`;
export const NAMING_FROM = 'harmonious_namings n JOIN orgs o ON o.id = n.org_id';

function subject(type: 'EnterpriseProfile' | 'HarmoniousParticipation' | 'HarmoniousNaming', orgPath: string, namingLevel?: NamingLevel) {
  return subjectOf(type, { orgPath, rootId: rootIdOf(orgPath), ...(namingLevel ? { namingLevel } : {}) });
}

const NAMER: Record<NamingLevel, OrgLevel> = {
  NATIONAL: OrgLevel.MUNICIPAL,
  PROVINCIAL: OrgLevel.MUNICIPAL,
  MUNICIPAL: OrgLevel.MUNICIPAL,
  COUNTY: OrgLevel.COUNTY,
};

function namingForbidden(level: NamingLevel): AppError {
  return new AppError(
    'FORBIDDEN',
    'NAMING_LEVEL',
    level === NamingLevel.COUNTY
      ? 'A county naming is made by the ADMIN of the county federation above the enterprise.'
      : `A ${level.toLowerCase()} naming is recorded by the ADMIN of the municipal federation.`,
  );
}

async function requireEnterprise(tx: EntityManager, caller: Caller, rawOrgId: string): Promise<Org> {
  const org = await requireVisibleOrg(tx, caller, rawOrgId, 'orgId');
  if (org.level !== OrgLevel.ENTERPRISE)
    throw badInput('NOT_AN_ENTERPRISE', 'Profiles and the campaign are kept for ENTERPRISE unions: give an enterprise.', 'orgId');
  return org;
}

export class HarmoniousService {
  constructor(private readonly db: DataSource) {}

  /** 企业信息: ADMIN of the enterprise or an ancestor. */
  async setProfile(caller: Caller, input: SetEnterpriseProfileInput): Promise<EnterpriseProfile> {
    const parsed = parseCreditCode(input.creditCode);
    if (!parsed.ok) throw badInput('CREDIT_CODE_INVALID', `creditCode ${parsed.problem}.`, 'creditCode');
    return this.db.transaction(async (tx) => {
      const org = await requireEnterprise(tx, caller, input.orgId);
      if (!caller.ability.can('update', subject('EnterpriseProfile', org.path)))
        throw forbidden('Only the ADMIN of the enterprise or above keeps its profile.');
      const [before] = (await tx.query(`SELECT ${PROFILE_COLUMNS} FROM enterprise_profiles p WHERE p.org_id = $1 FOR UPDATE`, [
        org.id,
      ])) as EnterpriseProfile[];
      // The transaction rolls back on the error: nothing to undo here.
      await tx
        .query(
          `INSERT INTO enterprise_profiles (org_id, credit_code, ownership, industry, employees) VALUES ($1, $2, $3, $4, $5)
           ON CONFLICT (org_id) DO UPDATE SET credit_code = EXCLUDED.credit_code, ownership = EXCLUDED.ownership,
             industry = EXCLUDED.industry, employees = EXCLUDED.employees, updated_at = now()`,
          [org.id, parsed.code, input.ownership, input.industry.trim(), input.employees],
        )
        .catch((error: unknown) => {
          if (isUniqueViolation(error, 'UQ_enterprise_profiles_credit_code'))
            throw conflict('CREDIT_CODE_TAKEN', 'Another enterprise already has this credit code.', 'creditCode');
          throw error;
        });
      const [after] = (await tx.query(`SELECT ${PROFILE_COLUMNS} FROM enterprise_profiles p WHERE p.org_id = $1`, [
        org.id,
      ])) as EnterpriseProfile[];
      const state = (p?: EnterpriseProfile) =>
        p ? { creditCode: p.creditCode, ownership: p.ownership, industry: p.industry, employees: p.employees } : null;
      await writeAudit(tx, caller, {
        orgId: org.id,
        action: 'profile.set',
        subjectType: 'EnterpriseProfile',
        subjectId: String(org.id),
        before: state(before),
        after: state(after),
      });
      return after!;
    });
  }

  /** 参加创建活动: one record per enterprise and year; repeating it corrects the number of workers. */
  async recordParticipation(caller: Caller, input: RecordParticipationInput): Promise<ParticipationRow> {
    return this.db.transaction(async (tx) => {
      const org = await requireEnterprise(tx, caller, input.orgId);
      if (!caller.ability.can('create', subject('HarmoniousParticipation', org.path)))
        throw forbidden('Only the ADMIN of the enterprise or above records its campaign.');
      const year = Number((await today(tx)).slice(0, 4));
      if (input.year > year) throw badInput('YEAR_IN_FUTURE', `year cannot be after ${year}.`, 'year');
      const [profile] = (await tx.query('SELECT employees FROM enterprise_profiles WHERE org_id = $1', [org.id])) as {
        employees: number;
      }[];
      if (profile && input.participatingWorkers > profile.employees)
        throw badInput(
          'WORKERS_ABOVE_EMPLOYEES',
          `participatingWorkers cannot exceed the ${profile.employees} employees of the profile.`,
          'participatingWorkers',
        );
      const [before] = (await tx.query(
        `SELECT ${PARTICIPATION_COLUMNS} FROM ${PARTICIPATION_FROM} WHERE p.org_id = $1 AND p.year = $2 FOR UPDATE OF p`,
        [org.id, input.year],
      )) as ParticipationRow[];
      if (before)
        await tx.query('UPDATE harmonious_participations SET participating_workers = $2 WHERE id = $1', [
          before.id,
          input.participatingWorkers,
        ]);
      else
        await tx.query(
          'INSERT INTO harmonious_participations (org_id, year, participating_workers) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING',
          [org.id, input.year, input.participatingWorkers],
        );
      const [after] = (await tx.query(`SELECT ${PARTICIPATION_COLUMNS} FROM ${PARTICIPATION_FROM} WHERE p.org_id = $1 AND p.year = $2`, [
        org.id,
        input.year,
      ])) as ParticipationRow[];
      await writeAudit(tx, caller, {
        orgId: org.id,
        action: before ? 'campaign.update' : 'campaign.join',
        subjectType: 'HarmoniousParticipation',
        subjectId: after!.id,
        before: before ? { year: before.year, participatingWorkers: before.participatingWorkers } : null,
        after: { year: after!.year, participatingWorkers: after!.participatingWorkers },
      });
      return after!;
    });
  }

  /** 考核: the scorecard, scored by the municipality's weights in force. */
  async assess(caller: Caller, input: AssessParticipationInput): Promise<ParticipationRow> {
    const given = new Map(input.criteria.map((line) => [line.criterion, line]));
    const missing = Object.values(Criterion).filter((criterion) => !given.has(criterion));
    if (given.size !== input.criteria.length || missing.length)
      throw badInput(
        'CRITERIA_INCOMPLETE',
        `criteria must give every criterion exactly once${missing.length ? `; missing ${missing.join(', ')}` : ''}.`,
        'criteria',
      );
    return this.db.transaction(async (tx) => {
      const before = await this.lockParticipation(tx, caller, input.participationId);
      if (!caller.ability.can('update', subject('HarmoniousParticipation', before.orgPath)))
        throw forbidden('Only the ADMIN of the enterprise or above assesses its campaign.');
      const named: unknown[] = await tx.query('SELECT 1 FROM harmonious_namings WHERE participation_id = $1 AND revoked_on IS NULL', [
        before.id,
      ]);
      if (named.length)
        throw conflict('ALREADY_NAMED', 'This participation led to a naming: revoke the naming before assessing again.', 'participationId');
      const scoring = await this.scoringOf(tx, rootIdOf(before.orgPath));
      const met = new Set(input.criteria.filter((line) => line.met).map((line) => line.criterion));
      const score = scoreOf(met, scoring.weights);
      await tx.query('DELETE FROM harmonious_criteria WHERE participation_id = $1', [before.id]);
      await tx.query(
        `INSERT INTO harmonious_criteria (participation_id, criterion, met, note)
         SELECT $1, c, m, n FROM unnest($2::harmonious_criterion[], $3::boolean[], $4::text[]) AS t(c, m, n)`,
        [
          before.id,
          input.criteria.map((l) => l.criterion),
          input.criteria.map((l) => l.met),
          input.criteria.map((l) => l.note?.trim() || null),
        ],
      );
      await tx.query('UPDATE harmonious_participations SET score = $2, passed = $3, assessed_by = $4, assessed_at = now() WHERE id = $1', [
        before.id,
        score,
        score >= scoring.passMark,
        caller.userId,
      ]);
      const after = await this.participationById(tx, before.id);
      await writeAudit(tx, caller, {
        orgId: after.orgId,
        action: 'campaign.assess',
        subjectType: 'HarmoniousParticipation',
        subjectId: after.id,
        before: { score: before.score, passed: before.passed },
        after: { score: after.score, passed: after.passed, met: [...met].sort(), passMark: scoring.passMark },
      });
      return after;
    });
  }

  /** 命名: by the ADMIN of an org of that level above the enterprise; only after passing. */
  async name(caller: Caller, input: NameEnterpriseInput): Promise<NamingRow> {
    return this.db.transaction(async (tx) => {
      const participation = await this.lockParticipation(tx, caller, input.participationId);
      if (!caller.ability.can('create', subject('HarmoniousNaming', participation.orgPath, input.level)))
        throw namingForbidden(input.level);
      if (participation.passed !== true)
        throw conflict(
          'NOT_PASSED',
          participation.passed === null
            ? 'This participation has not been assessed yet.'
            : `This participation scored ${participation.score}, below the pass mark.`,
          'participationId',
        );
      const now = await today(tx);
      const namedOn = input.namedOn ?? now;
      if (namedOn > now) throw badInput('DATE_IN_FUTURE', 'namedOn cannot be in the future.', 'namedOn');
      if (Number(namedOn.slice(0, 4)) < participation.year)
        throw badInput('NAMED_BEFORE_CAMPAIGN', `namedOn cannot be before the campaign year ${participation.year}.`, 'namedOn');
      const namer = this.namingOrg(caller, participation.orgPath, input.level);
      const [{ id }] = (await tx
        .query(
          `INSERT INTO harmonious_namings (participation_id, org_id, year, level, named_by_org_id, named_by, named_on)
           VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id::text AS id`,
          [participation.id, participation.orgId, participation.year, input.level, namer, caller.userId, namedOn],
        )
        .catch((error: unknown) => {
          if (isUniqueViolation(error, 'UQ_harmonious_namings_current'))
            throw conflict('ALREADY_NAMED', `The enterprise is already named at ${input.level} level for ${participation.year}.`, 'level');
          throw error;
        })) as [{ id: string }];
      const naming = await this.namingById(tx, id);
      await writeAudit(tx, caller, {
        orgId: naming.orgId,
        action: 'naming.name',
        subjectType: 'HarmoniousNaming',
        subjectId: id,
        before: null,
        after: { year: naming.year, level: naming.level, namedOn: naming.namedOn },
      });
      return naming;
    });
  }

  /** 撤销命名: from revokedOn the naming no longer counts. */
  async revoke(caller: Caller, input: RevokeNamingInput): Promise<NamingRow> {
    return this.db.transaction(async (tx) => {
      const id = bigintId(input.id);
      const params: unknown[] = [id];
      const scope = scopeSql(caller.ability, 'read', 'HarmoniousNaming', { orgPath: 'o.path' }, params);
      const rows: NamingRow[] =
        id === null
          ? []
          : await tx.query(`SELECT ${NAMING_COLUMNS} FROM ${NAMING_FROM} WHERE n.id = $1 AND ${scope} FOR UPDATE OF n`, params);
      const before = rows[0];
      if (!before) throw notFound('naming', 'id');
      if (!caller.ability.can('update', subject('HarmoniousNaming', before.orgPath, before.level))) throw namingForbidden(before.level);
      if (before.revokedOn !== null) throw conflict('ALREADY_REVOKED', `This naming was already revoked from ${before.revokedOn}.`, 'id');
      const revokedOn = input.revokedOn ?? (await today(tx));
      if (revokedOn < before.namedOn)
        throw badInput('REVOKED_BEFORE_NAMED', `revokedOn cannot be before the naming (${before.namedOn}).`, 'revokedOn');
      await tx.query('UPDATE harmonious_namings SET revoked_on = $2, revoke_reason = $3, revoked_by = $4 WHERE id = $1', [
        before.id,
        revokedOn,
        input.reason.trim(),
        caller.userId,
      ]);
      const after = await this.namingById(tx, before.id);
      await writeAudit(tx, caller, {
        orgId: after.orgId,
        action: 'naming.revoke',
        subjectType: 'HarmoniousNaming',
        subjectId: after.id,
        before: { level: before.level, revokedOn: null },
        after: { level: after.level, revokedOn: after.revokedOn, reason: after.revokeReason },
      });
      return after;
    });
  }

  /** The scorecard of the org's municipality: its own, or the defaults. */
  async scoring(caller: Caller, rawOrgId: string): Promise<ScoringRow> {
    const org = await requireVisibleOrg(this.db.manager, caller, rawOrgId, 'orgId');
    if (!caller.ability.can('read', subjectOf('HarmoniousScoring', { orgPath: org.path, rootId: rootIdOf(org.path) })))
      throw notFound('org', 'orgId');
    return this.scoringOf(this.db.manager, rootIdOf(org.path));
  }

  async setScoring(caller: Caller, input: SetHarmoniousScoringInput): Promise<ScoringRow> {
    const org = await requireVisibleOrg(this.db.manager, caller, input.orgId, 'orgId');
    if (org.level !== OrgLevel.MUNICIPAL)
      throw badInput('SCORING_AT_MUNICIPAL', 'The scorecard is set for a whole municipality: give the municipal federation.', 'orgId');
    if (!caller.ability.can('update', subjectOf('HarmoniousScoring', { orgPath: org.path, rootId: org.id })))
      throw forbidden("Only the municipal federation's ADMIN sets the scorecard.");
    const weights = new Map(input.weights.map((line) => [line.criterion, line.weight]));
    const missing = Object.values(Criterion).filter((criterion) => !weights.has(criterion));
    if (weights.size !== input.weights.length || missing.length)
      throw badInput('WEIGHTS_INCOMPLETE', 'weights must give every criterion exactly once.', 'weights');
    const total = [...weights.values()].reduce((sum, weight) => sum + weight, 0);
    if (total !== 100) throw badInput('WEIGHTS_SUM', `weights must add up to 100, not ${total}.`, 'weights');
    return this.db.transaction(async (tx) => {
      const before = await this.scoringOf(tx, org.id);
      const after = { weights: Object.fromEntries(weights) as Weights, passMark: input.passMark };
      await tx.query(
        `INSERT INTO harmonious_scoring (root_org_id, weights, pass_mark) VALUES ($1, $2, $3)
         ON CONFLICT (root_org_id) DO UPDATE SET weights = EXCLUDED.weights, pass_mark = EXCLUDED.pass_mark, updated_at = now()`,
        [org.id, after.weights, after.passMark],
      );
      await writeAudit(tx, caller, {
        orgId: org.id,
        action: 'scoring.set',
        subjectType: 'HarmoniousScoring',
        subjectId: String(org.id),
        before: { weights: before.weights, passMark: before.passMark },
        after,
      });
      return { rootOrgId: org.id, ...after, isDefault: false };
    });
  }

  async participations(caller: Caller, rawOrgId: string, year: number | null, page: Page): Promise<ConnectionResult<ParticipationRow>> {
    return this.listOf(caller, rawOrgId, year, page, 'HarmoniousParticipation', {
      columns: PARTICIPATION_COLUMNS,
      from: PARTICIPATION_FROM,
      alias: 'p',
    });
  }

  async namings(caller: Caller, rawOrgId: string, year: number | null, page: Page): Promise<ConnectionResult<NamingRow>> {
    return this.listOf(caller, rawOrgId, year, page, 'HarmoniousNaming', { columns: NAMING_COLUMNS, from: NAMING_FROM, alias: 'n' });
  }

  /** Rows of the enterprises at the org or beneath it, of one year or all, newest first. */
  private async listOf<T extends { id: string }>(
    caller: Caller,
    rawOrgId: string,
    year: number | null,
    page: Page,
    subjectName: 'HarmoniousParticipation' | 'HarmoniousNaming',
    table: { columns: string; from: string; alias: string },
  ): Promise<ConnectionResult<T>> {
    const org = await requireVisibleOrg(this.db.manager, caller, rawOrgId, 'orgId');
    const params: unknown[] = [org.path, year];
    const scope = scopeSql(caller.ability, 'read', subjectName, { orgPath: 'o.path' }, params);
    const where = `o.path <@ $1::ltree AND ($2::int IS NULL OR ${table.alias}.year = $2) AND ${scope}`;
    return keysetPage(
      this.db,
      { columns: table.columns, from: table.from, where, params, key: `${table.alias}.id`, newestFirst: true },
      page,
    );
  }

  /** The org whose ADMIN the caller names as: the nearest above the enterprise at the namer's level. */
  private namingOrg(caller: Caller, enterprisePath: string, level: NamingLevel): number {
    const held = caller.assignments
      .filter((a) => a.role === Role.ADMIN && a.orgLevel === NAMER[level] && isUnder(enterprisePath, a.orgPath))
      .sort((a, b) => b.orgPath.length - a.orgPath.length);
    if (!held[0]) throw namingForbidden(level);
    return held[0].orgId;
  }

  private async scoringOf(manager: EntityManager, rootOrgId: number): Promise<ScoringRow> {
    const [row] = (await manager.query('SELECT weights, pass_mark AS "passMark" FROM harmonious_scoring WHERE root_org_id = $1', [
      rootOrgId,
    ])) as {
      weights: Weights;
      passMark: number;
    }[];
    return row
      ? { rootOrgId, ...row, isDefault: false }
      : { rootOrgId, weights: DEFAULT_WEIGHTS, passMark: DEFAULT_PASS_MARK, isDefault: true };
  }

  private async lockParticipation(tx: EntityManager, caller: Caller, rawId: string): Promise<ParticipationRow> {
    const id = bigintId(rawId);
    const params: unknown[] = [id];
    const scope = scopeSql(caller.ability, 'read', 'HarmoniousParticipation', { orgPath: 'o.path' }, params);
    const rows: ParticipationRow[] =
      id === null
        ? []
        : await tx.query(`SELECT ${PARTICIPATION_COLUMNS} FROM ${PARTICIPATION_FROM} WHERE p.id = $1 AND ${scope} FOR UPDATE OF p`, params);
    if (!rows[0]) throw notFound('participation', 'participationId');
    return rows[0];
  }

  private async participationById(tx: EntityManager, id: string): Promise<ParticipationRow> {
    return ((await tx.query(`SELECT ${PARTICIPATION_COLUMNS} FROM ${PARTICIPATION_FROM} WHERE p.id = $1`, [id])) as ParticipationRow[])[0]!;
  }

  private async namingById(tx: EntityManager, id: string): Promise<NamingRow> {
    return ((await tx.query(`SELECT ${NAMING_COLUMNS} FROM ${NAMING_FROM} WHERE n.id = $1`, [id])) as NamingRow[])[0]!;
  }
}
