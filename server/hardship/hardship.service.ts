import type { DataSource, EntityManager } from 'typeorm';
import { bigintId } from '../common/ids';
import { lockVisibleWorker } from '../worker/worker.service';
import type { Caller } from '../context';
import { today } from '../db/sql';
import { badInput, conflict, forbidden, notFound } from '../errors';
import { OrgLevel } from '../org/org-level';
import { requireVisibleOrg } from '../org/org.service';
import { endPairingsOnLift } from '../pairing/pairing.service';
import { subjectOf } from '../permissions/ability';
import { rootIdOf } from '../permissions/paths';
import { scopeSql } from '../permissions/scope-sql';
import type { HardshipArchive } from './hardship-archive.entity';
import { HardshipLevel } from './hardship-enums';
import type { HardshipLine } from './hardship-line.entity';
import type {
  LiftHardshipArchiveInput,
  OpenHardshipArchiveInput,
  SetHardshipLinesInput,
  UpdateHardshipArchiveInput,
} from './hardship.inputs';

export type ArchiveRow = HardshipArchive & { orgPath: string };

export const ARCHIVE_COLUMNS = `a.id::text AS id, a.worker_id::text AS "workerId", a.household_size AS "householdSize",
  a.household_monthly_income_fen::text AS "householdMonthlyIncomeFen", a.causes::text[] AS causes, a.illness,
  a.income_sources AS "incomeSources", a.skills, a.job_wishes AS "jobWishes", a.plan,
  to_char(a.opened_on, 'YYYY-MM-DD') AS "openedOn", to_char(a.lifted_on, 'YYYY-MM-DD') AS "liftedOn",
  a.lift_reason AS "liftReason", a.created_at AS "createdAt", a.updated_at AS "updatedAt", o.path::text AS "orgPath"`;

const ARCHIVE_FROM = 'hardship_archives a JOIN workers w ON w.id = a.worker_id JOIN orgs o ON o.id = w.org_id';

/**
 * When the worker's open archive was opened, or null when there is none. Read it with the
 * worker's row locked (lockVisibleWorker): lifting locks that row too, so an archive seen open
 * stays open until the caller commits.
 */
export async function openArchiveOpenedOn(tx: EntityManager, workerId: string): Promise<string | null> {
  const rows: { openedOn: string }[] = await tx.query(
    `SELECT to_char(opened_on, 'YYYY-MM-DD') AS "openedOn" FROM hardship_archives WHERE worker_id = $1 AND lifted_on IS NULL`,
    [workerId],
  );
  return rows[0]?.openedOn ?? null;
}

export const LINE_COLUMNS = `l.id, l.root_org_id AS "rootOrgId", to_char(l.effective_from, 'YYYY-MM-DD') AS "effectiveFrom",
  l.hardship_line_fen::text AS "hardshipLineFen", l.extreme_line_fen::text AS "extremeLineFen", l.created_at AS "createdAt"`;

export function archiveSubject(archive: { orgPath: string }) {
  return subjectOf('HardshipArchive', { orgPath: archive.orgPath, rootId: rootIdOf(archive.orgPath) });
}

/** Per-person income strictly below a line, compared in whole fen: income < line × household size. */
export function hardshipLevelOf(
  archive: Pick<HardshipArchive, 'householdSize' | 'householdMonthlyIncomeFen' | 'liftedOn'>,
  line: HardshipLine | null,
): HardshipLevel {
  if (!line || archive.liftedOn !== null) return HardshipLevel.NONE;
  const income = BigInt(archive.householdMonthlyIncomeFen);
  const size = BigInt(archive.householdSize);
  if (income < BigInt(line.extremeLineFen) * size) return HardshipLevel.EXTREME;
  if (income < BigInt(line.hardshipLineFen) * size) return HardshipLevel.HARDSHIP;
  return HardshipLevel.NONE;
}

export class HardshipService {
  constructor(private readonly db: DataSource) {}

  async open(caller: Caller, input: OpenHardshipArchiveInput): Promise<ArchiveRow> {
    return this.db.transaction(async (tx) => {
      const worker = await lockVisibleWorker(tx, caller, input.workerId, 'workerId', 'FOR UPDATE');
      if (!caller.ability.can('create', archiveSubject(worker)))
        throw forbidden("Only ADMIN or STAFF of this worker's org or above may open archives.");
      if (input.householdMonthlyIncome < 0n)
        throw badInput('INCOME_NEGATIVE', 'householdMonthlyIncome cannot be negative.', 'householdMonthlyIncome');
      const now = await today(tx);
      const openedOn = input.openedOn ?? now;
      if (openedOn > now) throw badInput('DATE_IN_FUTURE', 'openedOn cannot be in the future.', 'openedOn');
      if ((await openArchiveOpenedOn(tx, worker.id)) !== null)
        throw conflict('ARCHIVE_ALREADY_OPEN', 'This worker already has an open archive: update it, or lift it first.', 'workerId');
      const [{ id }] = (await tx.query(
        `INSERT INTO hardship_archives (worker_id, household_size, household_monthly_income_fen, causes, illness, income_sources, skills, job_wishes, plan, opened_on)
         VALUES ($1, $2, $3, $4::hardship_cause[], $5, $6, $7, $8, $9, $10) RETURNING id::text AS id`,
        [
          worker.id,
          input.householdSize,
          input.householdMonthlyIncome.toString(),
          [...new Set(input.causes)],
          input.illness ?? null,
          input.incomeSources ?? null,
          input.skills ?? null,
          input.jobWishes ?? null,
          input.plan ?? null,
          openedOn,
        ],
      )) as [{ id: string }];
      return this.byId(tx, id);
    });
  }

  async update(caller: Caller, input: UpdateHardshipArchiveInput): Promise<ArchiveRow> {
    return this.db.transaction(async (tx) => {
      const archive = await this.lockVisible(tx, caller, input.id);
      if (!caller.ability.can('update', archiveSubject(archive)))
        throw forbidden("Only ADMIN or STAFF of this worker's org or above may change archives.");
      if (archive.liftedOn !== null)
        throw conflict('ARCHIVE_CLOSED', 'This archive was closed when the worker was lifted out of hardship; open a new one.', 'id');
      if (input.householdMonthlyIncome !== undefined && input.householdMonthlyIncome !== null && input.householdMonthlyIncome < 0n) {
        throw badInput('INCOME_NEGATIVE', 'householdMonthlyIncome cannot be negative.', 'householdMonthlyIncome');
      }
      await tx.query(
        `UPDATE hardship_archives SET household_size = COALESCE($2, household_size),
           household_monthly_income_fen = COALESCE($3::bigint, household_monthly_income_fen),
           causes = COALESCE($4::hardship_cause[], causes), illness = COALESCE($5, illness), income_sources = COALESCE($6, income_sources),
           skills = COALESCE($7, skills), job_wishes = COALESCE($8, job_wishes), plan = COALESCE($9, plan), updated_at = now()
         WHERE id = $1`,
        [
          archive.id,
          input.householdSize ?? null,
          input.householdMonthlyIncome?.toString() ?? null,
          input.causes ? [...new Set(input.causes)] : null,
          input.illness ?? null,
          input.incomeSources ?? null,
          input.skills ?? null,
          input.jobWishes ?? null,
          input.plan ?? null,
        ],
      );
      return this.byId(tx, archive.id);
    });
  }

  /** 脱困: closes the archive; it stays as history. */
  async lift(caller: Caller, input: LiftHardshipArchiveInput): Promise<ArchiveRow> {
    return this.db.transaction(async (tx) => {
      const archive = await this.lockVisible(tx, caller, input.id);
      if (!caller.ability.can('update', archiveSubject(archive)))
        throw forbidden("Only ADMIN or STAFF of this worker's org or above may lift workers out of hardship.");
      if (archive.liftedOn !== null)
        throw conflict('ARCHIVE_CLOSED', `This worker was already lifted out of hardship on ${archive.liftedOn}.`, 'id');
      const now = await today(tx);
      const liftedOn = input.liftedOn ?? now;
      if (liftedOn < archive.openedOn)
        throw badInput('LIFTED_BEFORE_OPENED', `liftedOn cannot be before the archive was opened (${archive.openedOn}).`, 'liftedOn');
      if (liftedOn > now) throw badInput('DATE_IN_FUTURE', 'liftedOn cannot be in the future.', 'liftedOn');
      await tx.query('UPDATE hardship_archives SET lifted_on = $2, lift_reason = $3, updated_at = now() WHERE id = $1', [
        archive.id,
        liftedOn,
        input.reason.trim(),
      ]);
      await endPairingsOnLift(tx, caller, archive.workerId, liftedOn);
      return this.byId(tx, archive.id);
    });
  }

  async setLines(caller: Caller, input: SetHardshipLinesInput): Promise<HardshipLine> {
    const org = await requireVisibleOrg(this.db.manager, caller, input.orgId, 'orgId');
    if (org.level !== OrgLevel.MUNICIPAL)
      throw badInput('LINES_AT_MUNICIPAL', 'Hardship lines are set for a whole municipality: give the municipal federation.', 'orgId');
    if (!caller.ability.can('create', subjectOf('HardshipLine', { orgPath: org.path, rootId: org.id }))) {
      throw forbidden("Only the municipal federation's ADMIN sets the hardship lines.");
    }
    if (input.extremeLine <= 0n) throw badInput('LINE_NOT_POSITIVE', 'extremeLine must be above zero.', 'extremeLine');
    if (input.extremeLine > input.hardshipLine) throw badInput('LINES_ORDER', 'extremeLine cannot be above hardshipLine.', 'extremeLine');
    const rows: HardshipLine[] = await this.db.query(
      `INSERT INTO hardship_lines AS l (root_org_id, effective_from, hardship_line_fen, extreme_line_fen) VALUES ($1, $2, $3, $4)
       ON CONFLICT (root_org_id, effective_from) DO UPDATE SET hardship_line_fen = EXCLUDED.hardship_line_fen, extreme_line_fen = EXCLUDED.extreme_line_fen
       RETURNING ${LINE_COLUMNS}`,
      [org.id, input.effectiveFrom, input.hardshipLine.toString(), input.extremeLine.toString()],
    );
    return rows[0]!;
  }

  /** The lines of the tree the org belongs to, newest first. */
  async lines(caller: Caller, rawOrgId: string): Promise<HardshipLine[]> {
    const org = await requireVisibleOrg(this.db.manager, caller, rawOrgId, 'orgId');
    const lineParams: unknown[] = [rootIdOf(org.path)];
    const lineScope = scopeSql(caller.ability, 'read', 'HardshipLine', { rootId: 'l.root_org_id' }, lineParams);
    return this.db.query(
      `SELECT ${LINE_COLUMNS} FROM hardship_lines l WHERE l.root_org_id = $1 AND ${lineScope} ORDER BY l.effective_from DESC`,
      lineParams,
    );
  }

  private async lockVisible(tx: EntityManager, caller: Caller, rawId: string): Promise<ArchiveRow> {
    const id = bigintId(rawId);
    const params: unknown[] = [id];
    const scope = scopeSql(caller.ability, 'read', 'HardshipArchive', { orgPath: 'o.path' }, params);
    const rows: ArchiveRow[] =
      id === null
        ? []
        : // The worker's row too: pairings and cases check the open archive under it.
          await tx.query(`SELECT ${ARCHIVE_COLUMNS} FROM ${ARCHIVE_FROM} WHERE a.id = $1 AND ${scope} FOR UPDATE OF a, w`, params);
    if (!rows[0]) throw notFound('hardship archive', 'id');
    return rows[0];
  }

  private async byId(tx: EntityManager, id: string): Promise<ArchiveRow> {
    const rows: ArchiveRow[] = await tx.query(`SELECT ${ARCHIVE_COLUMNS} FROM ${ARCHIVE_FROM} WHERE a.id = $1`, [id]);
    return rows[0]!;
  }
}

export { ARCHIVE_FROM };
