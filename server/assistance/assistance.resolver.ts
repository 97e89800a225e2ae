import { Arg, Args, Ctx, Field, FieldResolver, ID, Int, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import type { PersonalDataField } from '../audit/personal-reads';
import { connectionTypes, PageArgs, readPage, type ConnectionResult } from '../common/connection';
import { requireCaller, type Context } from '../context';
import { badInput } from '../errors';
import { Org } from '../org/org.entity';
import { PeriodArgs, readPeriod } from '../rollup/period';
import { Rollup } from '../rollup/rollup.types';
import { Worker } from '../worker/worker.entity';
import type { WorkerRow } from '../worker/worker.service';
import { AssistanceCase } from './assistance-case.entity';
import { AssistanceProgramme, AssistanceStatus } from './assistance-enums';
import { ApplyAssistanceInput, RecordAssistanceOutcomeInput } from './assistance.inputs';
import { AssistanceService, caseSubject, type CaseRow } from './assistance.service';

export const AssistanceCaseConnection = connectionTypes('AssistanceCase', AssistanceCase);

@ObjectType({ description: 'One step of a case: who did what, when.' })
export class CaseStep {
  @Field(() => AssistanceStatus, { description: 'The status the step led to.' })
  status!: AssistanceStatus;

  @Field(() => Date)
  at!: Date;

  @Field(() => String, { description: 'Username of whoever took the step.' })
  by!: string;
}

/** The case's personal field if the caller may read it (audited when there is something to see), else null. */
function personal(ctx: Context, row: CaseRow, field: PersonalDataField, value: string | null): string | null {
  const allowed = requireCaller(ctx).ability.can('readPersonalData', caseSubject(row));
  return ctx.personalReads.shown(allowed, row, field, value);
}

@Resolver(() => AssistanceCase)
export class AssistanceCaseResolver {
  @Query(() => AssistanceCase, { nullable: true, description: 'A case by id; null when there is none or it is outside your scope.' })
  assistanceCase(@Ctx() ctx: Context, @Arg('id', () => ID) id: string): Promise<CaseRow | null> {
    return new AssistanceService(ctx.db).findVisible(requireCaller(ctx), id);
  }

  @Query(() => AssistanceCaseConnection, { description: 'Cases of the workers at the org or beneath it, newest first.' })
  assistanceCases(
    @Ctx() ctx: Context,
    @Arg('orgId', () => ID) orgId: string,
    @Args(() => PageArgs) args: PageArgs,
    @Arg('status', () => AssistanceStatus, { nullable: true }) status?: AssistanceStatus | null,
    @Arg('programme', () => AssistanceProgramme, { nullable: true }) programme?: AssistanceProgramme | null,
  ): Promise<ConnectionResult<CaseRow>> {
    return new AssistanceService(ctx.db).list(requireCaller(ctx), orgId, { status, programme }, readPage(args));
  }

  @Mutation(() => AssistanceCase, { description: 'Apply for assistance for a worker.' })
  applyAssistance(@Ctx() ctx: Context, @Arg('input', () => ApplyAssistanceInput) input: ApplyAssistanceInput): Promise<CaseRow> {
    return new AssistanceService(ctx.db).apply(requireCaller(ctx), input);
  }

  @Mutation(() => AssistanceCase, {
    description: "Approve an application, naming the org whose fund will pay (the worker's org or an ancestor).",
  })
  approveAssistance(
    @Ctx() ctx: Context,
    @Arg('caseId', () => ID) caseId: string,
    @Arg('payingOrgId', () => ID) payingOrgId: string,
  ): Promise<CaseRow> {
    return new AssistanceService(ctx.db).approve(requireCaller(ctx), caseId, payingOrgId);
  }

  @Mutation(() => AssistanceCase, {
    description: 'Reject an application or an approved case not yet paid, with a reason (FINANCE, ADMIN).',
  })
  rejectAssistance(
    @Ctx() ctx: Context,
    @Arg('caseId', () => ID) caseId: string,
    @Arg('reason', () => String) reason: string,
  ): Promise<CaseRow> {
    return new AssistanceService(ctx.db).reject(requireCaller(ctx), caseId, reason);
  }

  @Mutation(() => AssistanceCase, {
    description: "Pay an approved case from the paying org's fund; fails without moving money if the fund is short.",
  })
  disburseAssistance(
    @Ctx() ctx: Context,
    @Arg('caseId', () => ID) caseId: string,
    @Arg('idempotencyKey', () => String) idempotencyKey: string,
  ): Promise<CaseRow> {
    return new AssistanceService(ctx.db).disburse(requireCaller(ctx), caseId, idempotencyKey);
  }

  @Mutation(() => AssistanceCase, { description: '助技 / 助岗: record whether the worker was re-employed afterwards (ADMIN, STAFF).' })
  recordAssistanceOutcome(
    @Ctx() ctx: Context,
    @Arg('input', () => RecordAssistanceOutcomeInput) input: RecordAssistanceOutcomeInput,
  ): Promise<CaseRow> {
    return new AssistanceService(ctx.db).recordOutcome(requireCaller(ctx), input);
  }

  @FieldResolver(() => Worker)
  async worker(@Root() row: CaseRow, @Ctx() ctx: Context): Promise<WorkerRow> {
    const worker = await ctx.loaders.workerById.load(row.workerId);
    if (!worker) throw new Error(`case ${row.id} belongs to a worker the caller cannot read`);
    return worker;
  }

  @FieldResolver(() => Org, { nullable: true, description: 'The org whose fund pays, once approved (null when outside your scope).' })
  payingOrg(@Root() row: CaseRow, @Ctx() ctx: Context): Promise<Org | null> | null {
    return row.payingOrgId === null ? null : ctx.loaders.orgById.load(row.payingOrgId);
  }

  @FieldResolver(() => String, { nullable: true, description: "助学: the student's name; personal data (ADMIN, STAFF)." })
  studentName(@Root() row: CaseRow, @Ctx() ctx: Context): string | null {
    return personal(ctx, row, 'studentName', row.studentName);
  }

  @FieldResolver(() => String, { nullable: true, description: '助医: the illness; personal data (ADMIN, STAFF).' })
  illness(@Root() row: CaseRow, @Ctx() ctx: Context): string | null {
    return personal(ctx, row, 'illness', row.illness);
  }

  @FieldResolver(() => [CaseStep], { description: 'Applied, then approved or rejected, then disbursed: who and when, oldest first.' })
  async history(@Root() row: CaseRow, @Ctx() ctx: Context): Promise<CaseStep[]> {
    const steps: [AssistanceStatus, Date | null, number | null][] = [
      [AssistanceStatus.APPLIED, row.appliedAt, row.appliedBy],
      [AssistanceStatus.APPROVED, row.approvedAt, row.approvedBy],
      [AssistanceStatus.REJECTED, row.rejectedAt, row.rejectedBy],
      [AssistanceStatus.DISBURSED, row.disbursedAt, row.disbursedBy],
    ];
    const taken = steps.filter((step): step is [AssistanceStatus, Date, number] => step[1] !== null && step[2] !== null);
    const names = await ctx.loaders.usernameById.loadMany(taken.map(([, , by]) => by));
    return taken
      .map(([status, at], i) => ({ status, at, by: typeof names[i] === 'string' ? names[i] : '' }))
      .sort((a, b) => a.at.getTime() - b.at.getTime());
  }
}

@Resolver(() => Worker)
export class WorkerCasesResolver {
  @FieldResolver(() => [AssistanceCase], { description: "The worker's latest assistance cases, newest first (at most `first`, 1 to 20)." })
  async assistanceCases(
    @Root() worker: WorkerRow,
    @Ctx() ctx: Context,
    @Arg('first', () => Int, { defaultValue: 5 }) first: number,
  ): Promise<CaseRow[]> {
    if (!Number.isInteger(first) || first < 1 || first > 20) throw badInput('FIRST_RANGE', 'first must be between 1 and 20.', 'first');
    return ctx.loaders.latestCasesByWorker.load(`${worker.id}|${first}`);
  }
}

@Resolver(() => Rollup)
export class AssistanceRollupResolver {
  @FieldResolver(() => Int, { description: 'Workers re-employed with union help in the period.' })
  reemployed(@Root() rollup: Rollup, @Ctx() ctx: Context, @Args(() => PeriodArgs) args: PeriodArgs): Promise<number> {
    return ctx.loaders.reemployedByPath.load({ path: rollup.subject.path, arg: readPeriod(args) });
  }
}
