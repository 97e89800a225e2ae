import type { DataSource, EntityManager } from 'typeorm';
import { writeAudit } from '../audit/audit.service';
import { bigintId } from '../common/ids';
import { keysetPage, type ConnectionResult, type Page } from '../common/connection';
import { formatFen } from '../common/money';
import { lockVisibleWorker } from '../worker/worker.service';
import { openArchiveOpenedOn } from '../hardship/hardship.service';
import type { Caller } from '../context';
import { isUniqueViolation, today } from '../db/sql';
import { AppError, badInput, conflict, forbidden, notFound } from '../errors';
import { LedgerEntryKind } from '../funds/funds-enums';
import { checkAmount, debitFund, fundSubject, insertEntry } from '../funds/funds.service';
import { checkIdempotencyKey, runIdempotent } from '../funds/idempotency';
import type { Org } from '../org/org.entity';
import { requireVisibleOrg } from '../org/org.service';
import { subjectOf } from '../permissions/ability';
import { isUnder, rootIdOf } from '../permissions/paths';
import { scopeSql } from '../permissions/scope-sql';
import type { AssistanceCase } from './assistance-case.entity';
import { AssistanceProgramme, AssistanceStatus, EMPLOYMENT_PROGRAMMES, SERVICE_PROGRAMMES } from './assistance-enums';
import type { ApplyAssistanceInput, RecordAssistanceOutcomeInput } from './assistance.inputs';

/** A case as the API handles it: with its worker's org path, which the rules test. */
export type CaseRow = AssistanceCase & { orgPath: string; orgId: number };

export const CASE_COLUMNS = `c.id::text AS id, c.worker_id::text AS "workerId", c.programme, c.status, c.amount_fen::text AS "amountFen",
  c.festival, c.year, c.cash_fen::text AS "cashFen", c.in_kind_fen::text AS "inKindFen", c.goods, c.student_name AS "studentName",
  c.school, c.illness, c.course, c.reemployed, to_char(c.outcome_on, 'YYYY-MM-DD') AS "outcomeOn",
  c.applied_by AS "appliedBy", c.applied_at AS "appliedAt", c.paying_org_id AS "payingOrgId", c.approved_by AS "approvedBy",
  c.approved_at AS "approvedAt", c.rejected_by AS "rejectedBy", c.rejected_at AS "rejectedAt", c.reject_reason AS "rejectReason",
  c.disbursed_by AS "disbursedBy", c.disbursed_at AS "disbursedAt", to_char(c.disbursed_on, 'YYYY-MM-DD') AS "disbursedOn",
  w.org_id AS "orgId", o.path::text AS "orgPath"`;

export const CASE_FROM = 'assistance_cases c JOIN workers w ON w.id = c.worker_id JOIN orgs o ON o.id = w.org_id';

export function caseSubject(row: { orgPath: string }) {
  return subjectOf('AssistanceCase', { orgPath: row.orgPath, rootId: rootIdOf(row.orgPath) });
}

/** What the audit trail keeps of a case: its state, never the personal details. */
function auditState(row: Pick<CaseRow, 'status' | 'programme' | 'amountFen' | 'payingOrgId' | 'reemployed'>) {
  return {
    status: row.status,
    programme: row.programme,
    amount: formatFen(row.amountFen),
    payingOrgId: row.payingOrgId,
    reemployed: row.reemployed,
  };
}

const DETAIL_FIELDS = ['warmth', 'education', 'medical', 'training'] as const;
const DETAILS_OF: Partial<Record<AssistanceProgramme, (typeof DETAIL_FIELDS)[number]>> = {
  [AssistanceProgramme.WARMTH]: 'warmth',
  [AssistanceProgramme.EDUCATION]: 'education',
  [AssistanceProgramme.MEDICAL]: 'medical',
  [AssistanceProgramme.SKILLS]: 'training',
  [AssistanceProgramme.EMPLOYMENT]: 'training',
};

// Money for the household itself goes to workers with an open hardship archive; training,
// placement and legal aid also serve laid-off workers who are not (or no longer) in hardship.
const FOR_HARDSHIP_WORKERS: readonly AssistanceProgramme[] = [
  AssistanceProgramme.WARMTH,
  AssistanceProgramme.LIVING,
  AssistanceProgramme.EDUCATION,
  AssistanceProgramme.MEDICAL,
];

function checkDetails(input: ApplyAssistanceInput): void {
  const wanted = DETAILS_OF[input.programme];
  const given = (field: (typeof DETAIL_FIELDS)[number]) => input[field] !== undefined && input[field] !== null;
  if (wanted && !given(wanted)) throw badInput('DETAILS_MISSING', `${input.programme} needs ${wanted}.`, wanted);
  const stray = DETAIL_FIELDS.find((field) => field !== wanted && given(field));
  if (stray) throw badInput('DETAILS_NOT_FOR_PROGRAMME', `${stray} is not for ${input.programme}: leave it out.`, stray);
  if (input.warmth) {
    checkAmount(input.warmth.cash, 'warmth.cash', { zeroAllowed: true });
    checkAmount(input.warmth.inKindValue, 'warmth.inKindValue', { zeroAllowed: true });
    if (input.warmth.cash + input.warmth.inKindValue !== input.amount)
      throw badInput('WARMTH_AMOUNT', 'amount must be cash plus inKindValue.', 'amount');
  }
}

export class AssistanceService {
  constructor(private readonly db: DataSource) {}

  /** 申请: STAFF or ADMIN of the worker's org or above. */
  async apply(caller: Caller, input: ApplyAssistanceInput): Promise<CaseRow> {
    const key = checkIdempotencyKey(input.idempotencyKey);
    checkAmount(input.amount, 'amount', { zeroAllowed: SERVICE_PROGRAMMES.includes(input.programme) });
    checkDetails(input);
    const warmth = input.warmth ?? null;
    const education = input.education ?? null;
    const details = {
      festival: warmth?.festival ?? null,
      year: warmth?.year ?? education?.schoolYear ?? null,
      cashFen: warmth?.cash.toString() ?? null,
      inKindFen: warmth?.inKindValue.toString() ?? null,
      goods: warmth?.goods?.trim() || null,
      studentName: education?.studentName.trim() ?? null,
      school: education?.school.trim() ?? null,
      illness: input.medical?.illness.trim() ?? null,
      course: input.training?.course.trim() ?? null,
    };
    const { resultId } = await runIdempotent(
      this.db,
      (worker: { id: string; orgId: number; orgPath: string }) => ({
        orgId: worker.orgId,
        key,
        userId: caller.userId,
        operation: 'applyAssistance',
        request: { workerId: worker.id, programme: input.programme, amount: input.amount.toString(), ...details },
      }),
      async (tx) => {
        const worker = await lockVisibleWorker(tx, caller, input.workerId, 'workerId', 'FOR SHARE');
        if (!caller.ability.can('create', caseSubject(worker)))
          throw forbidden("Only STAFF or ADMIN of this worker's org or above apply for assistance.");
        return worker;
      },
      async (tx, worker) => {
        if (FOR_HARDSHIP_WORKERS.includes(input.programme)) {
          if ((await openArchiveOpenedOn(tx, worker.id)) === null)
            throw conflict(
              'NOT_IN_HARDSHIP',
              `${input.programme} is for hardship workers: this worker has no open hardship archive.`,
              'workerId',
            );
        }
        // A unique violation aborts the transaction; runIdempotent rolls back to its savepoint.
        const [{ id }] = (await tx
          .query(
            `INSERT INTO assistance_cases (worker_id, programme, amount_fen, festival, year, cash_fen, in_kind_fen, goods, student_name, school, illness, course, applied_by)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id::text AS id`,
            [
              worker.id,
              input.programme,
              input.amount.toString(),
              details.festival,
              details.year,
              details.cashFen,
              details.inKindFen,
              details.goods,
              details.studentName,
              details.school,
              details.illness,
              details.course,
              caller.userId,
            ],
          )
          .catch((error: unknown) => {
            if (isUniqueViolation(error, 'UQ_assistance_cases_warmth'))
              throw conflict('ALREADY_APPLIED', `This worker already has a 送温暖 case for ${details.festival} ${details.year}.`, 'warmth');
            if (isUniqueViolation(error, 'UQ_assistance_cases_education'))
              throw conflict('ALREADY_APPLIED', `This student already has a 助学 case for the school year ${details.year}.`, 'education');
            throw error;
          })) as [{ id: string }];
        await writeAudit(tx, caller, {
          orgId: worker.orgId,
          action: 'case.apply',
          subjectType: 'AssistanceCase',
          subjectId: id,
          before: null,
          after: auditState({
            status: AssistanceStatus.APPLIED,
            programme: input.programme,
            amountFen: input.amount.toString(),
            payingOrgId: null,
            reemployed: null,
          }),
        });
        return id;
      },
    );
    return this.byId(this.db.manager, resultId);
  }

  /** 审批: names the fund that pays (the worker's org or an ancestor); not by the applicant. */
  async approve(caller: Caller, rawCaseId: string, rawPayingOrgId: string): Promise<CaseRow> {
    return this.db.transaction(async (tx) => {
      const found = await this.lockVisible(tx, caller, rawCaseId);
      this.checkDecider(caller, found, 'approve');
      if (found.status !== AssistanceStatus.APPLIED)
        throw conflict(
          'CASE_NOT_APPLIED',
          `Only an application waiting for a decision is approved; this case is ${found.status}.`,
          'caseId',
        );
      const paying = await requireVisibleOrg(tx, caller, rawPayingOrgId, 'payingOrgId');
      if (!isUnder(found.orgPath, paying.path))
        throw badInput('PAYING_ORG_NOT_ABOVE', "payingOrgId must be the worker's org or one of its ancestors.", 'payingOrgId');
      if (!caller.ability.can('approve', fundSubject(paying)))
        throw forbidden('Only FINANCE or ADMIN of the paying org or above approve payments from its fund.');
      await tx.query(
        `UPDATE assistance_cases SET status = 'APPROVED', paying_org_id = $2, approved_by = $3, approved_at = now() WHERE id = $1`,
        [found.id, paying.id, caller.userId],
      );
      return this.transition(tx, caller, found, 'case.approve');
    });
  }

  /** 驳回: an application or an approved case not yet paid; final. */
  async reject(caller: Caller, rawCaseId: string, rawReason: string): Promise<CaseRow> {
    const reason = rawReason.trim();
    if (!reason || reason.length > 500) throw badInput('REASON_REQUIRED', 'reason must be 1 to 500 characters.', 'reason');
    return this.db.transaction(async (tx) => {
      const found = await this.lockVisible(tx, caller, rawCaseId);
      this.checkDecider(caller, found, 'reject');
      if (found.status !== AssistanceStatus.APPLIED && found.status !== AssistanceStatus.APPROVED)
        throw conflict('CASE_CLOSED', `This case is ${found.status}: it can no longer be rejected.`, 'caseId');
      // Undoing an approval to pay from a fund takes the right to approve from that fund, as giving it did.
      if (found.payingOrgId !== null) {
        const [paying] = (await tx.query('SELECT path::text AS path FROM orgs WHERE id = $1', [found.payingOrgId])) as [{ path: string }];
        if (!caller.ability.can('approve', fundSubject(paying)))
          throw forbidden('Only FINANCE or ADMIN of the paying org or above reject a payment approved from its fund.');
      }
      // A rejected case names no approval and no paying org (CHK_assistance_cases_steps); an
      // approval it had stays in the audit trail, as the state before this step.
      await tx.query(
        `UPDATE assistance_cases SET status = 'REJECTED', rejected_by = $2, rejected_at = now(), reject_reason = $3,
           approved_by = NULL, approved_at = NULL, paying_org_id = NULL
         WHERE id = $1`,
        [found.id, caller.userId, reason],
      );
      return this.transition(tx, caller, found, 'case.reject');
    });
  }

  /** 发放: pays an approved case from the paying org's fund, once. */
  async disburse(caller: Caller, rawCaseId: string, rawKey: string): Promise<CaseRow> {
    const key = checkIdempotencyKey(rawKey);
    const { resultId } = await runIdempotent(
      this.db,
      ({ found, paying }: { found: CaseRow; paying: Org }) => ({
        orgId: paying.id,
        key,
        userId: caller.userId,
        operation: 'disburseAssistance',
        request: { caseId: found.id },
      }),
      async (tx) => {
        // The case row lock queues every payment of this case, repeats included.
        const found = await this.lockVisible(tx, caller, rawCaseId);
        if (found.payingOrgId === null) {
          if (found.status === AssistanceStatus.REJECTED)
            throw conflict('CASE_REJECTED', 'This case was rejected: it is never paid.', 'caseId');
          throw conflict('CASE_NOT_APPROVED', 'This case is not approved yet: approve it first, naming the paying org.', 'caseId');
        }
        const paying = await requireVisibleOrg(tx, caller, String(found.payingOrgId), 'caseId');
        if (!caller.ability.can('disburse', fundSubject(paying)))
          throw forbidden('Only FINANCE or ADMIN of the paying org or above pay from its fund.');
        return { found, paying };
      },
      async (tx, { found, paying }) => {
        if (found.status === AssistanceStatus.DISBURSED)
          throw conflict('ALREADY_DISBURSED', `This case was already paid on ${found.disbursedOn}.`, 'caseId');
        if (found.status === AssistanceStatus.REJECTED)
          throw conflict('CASE_REJECTED', 'This case was rejected: it is never paid.', 'caseId');
        const amount = BigInt(found.amountFen);
        if (amount > 0n) {
          await debitFund(tx, paying, amount, 'caseId');
          await insertEntry(
            tx,
            caller,
            {
              kind: LedgerEntryKind.PAYMENT,
              fromOrgId: paying.id,
              toOrgId: null,
              amountFen: amount,
              caseId: found.id,
              workerId: found.workerId,
            },
            paying.id,
          );
        }
        await tx.query(
          `UPDATE assistance_cases SET status = 'DISBURSED', disbursed_by = $2, disbursed_at = now(), disbursed_on = current_date WHERE id = $1`,
          [found.id, caller.userId],
        );
        await this.transition(tx, caller, found, 'case.disburse');
        return found.id;
      },
    );
    return this.byId(this.db.manager, resultId);
  }

  /** 助技 / 助岗: whether the worker found work after the help was given. */
  async recordOutcome(caller: Caller, input: RecordAssistanceOutcomeInput): Promise<CaseRow> {
    return this.db.transaction(async (tx) => {
      const found = await this.lockVisible(tx, caller, input.caseId);
      if (!caller.ability.can('update', caseSubject(found)))
        throw forbidden("Only STAFF or ADMIN of this worker's org or above record outcomes.");
      if (!EMPLOYMENT_PROGRAMMES.includes(found.programme))
        throw badInput('NO_OUTCOME', 'Only SKILLS and EMPLOYMENT cases have an outcome.', 'caseId');
      if (found.status !== AssistanceStatus.DISBURSED)
        throw conflict(
          'CASE_NOT_DISBURSED',
          'Record the outcome once the training or placement was given (the case is disbursed).',
          'caseId',
        );
      const now = await today(tx);
      const outcomeOn = input.outcomeOn ?? now;
      if (outcomeOn > now) throw badInput('DATE_IN_FUTURE', 'outcomeOn cannot be in the future.', 'outcomeOn');
      if (outcomeOn < found.disbursedOn!)
        throw badInput('OUTCOME_BEFORE_HELP', `outcomeOn cannot be before the help was given (${found.disbursedOn}).`, 'outcomeOn');
      await tx.query('UPDATE assistance_cases SET reemployed = $2, outcome_on = $3 WHERE id = $1', [found.id, input.reemployed, outcomeOn]);
      return this.transition(tx, caller, found, 'case.outcome');
    });
  }

  async findVisible(caller: Caller, rawId: string): Promise<CaseRow | null> {
    const id = bigintId(rawId);
    if (id === null) return null;
    const params: unknown[] = [id];
    const scope = scopeSql(caller.ability, 'read', 'AssistanceCase', { orgPath: 'o.path' }, params);
    const rows: CaseRow[] = await this.db.query(`SELECT ${CASE_COLUMNS} FROM ${CASE_FROM} WHERE c.id = $1 AND ${scope}`, params);
    return rows[0] ?? null;
  }

  /** Cases of the workers at the org or beneath it, newest first. */
  async list(
    caller: Caller,
    rawOrgId: string,
    filter: { status?: AssistanceStatus | null; programme?: AssistanceProgramme | null },
    page: Page,
  ): Promise<ConnectionResult<CaseRow>> {
    const org = await requireVisibleOrg(this.db.manager, caller, rawOrgId, 'orgId');
    const params: unknown[] = [org.path, filter.status ?? null, filter.programme ?? null];
    const scope = scopeSql(caller.ability, 'read', 'AssistanceCase', { orgPath: 'o.path' }, params);
    const where = `o.path <@ $1::ltree AND ($2::assistance_status IS NULL OR c.status = $2) AND ($3::assistance_programme IS NULL OR c.programme = $3) AND ${scope}`;
    return keysetPage(this.db, { columns: CASE_COLUMNS, from: CASE_FROM, where, params, key: 'c.id', newestFirst: true }, page);
  }

  private checkDecider(caller: Caller, found: CaseRow, verb: 'approve' | 'reject'): void {
    if (!caller.ability.can('approve', caseSubject(found)))
      throw forbidden(`Only FINANCE or ADMIN of this worker's org or above ${verb} applications.`);
    if (found.appliedBy === caller.userId)
      throw new AppError('FORBIDDEN', 'OWN_APPLICATION', `Nobody may ${verb} a case they applied for.`);
  }

  private async transition(tx: EntityManager, caller: Caller, before: CaseRow, action: string): Promise<CaseRow> {
    const after = await this.byId(tx, before.id);
    await writeAudit(tx, caller, {
      orgId: before.orgId,
      action,
      subjectType: 'AssistanceCase',
      subjectId: before.id,
      before: auditState(before),
      after: auditState(after),
    });
    return after;
  }

  private async lockVisible(tx: EntityManager, caller: Caller, rawId: string): Promise<CaseRow> {
    const id = bigintId(rawId);
    const params: unknown[] = [id];
    const scope = scopeSql(caller.ability, 'read', 'AssistanceCase', { orgPath: 'o.path' }, params);
    const rows: CaseRow[] =
      id === null ? [] : await tx.query(`SELECT ${CASE_COLUMNS} FROM ${CASE_FROM} WHERE c.id = $1 AND ${scope} FOR UPDATE OF c`, params);
    if (!rows[0]) throw notFound('assistance case', 'caseId');
    return rows[0];
  }

  private async byId(manager: EntityManager, id: string): Promise<CaseRow> {
    const rows: CaseRow[] = await manager.query(`SELECT ${CASE_COLUMNS} FROM ${CASE_FROM} WHERE c.id = $1`, [id]);
    return rows[0]!;
  }
}
