import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, ID, Info, Mutation, Query, Resolver, Root } from 'type-graphql';
import { AssistanceCase } from '../assistance/assistance-case.entity';
import type { CaseRow } from '../assistance/assistance.service';
import { connectionTypes, PageArgs, readPage, type ConnectionResult } from '../common/connection';
import { selectsPath } from '../common/selection';
import { MoneyScalar } from '../common/scalars';
import { requireCaller, type Context } from '../context';
import { Org } from '../org/org.entity';
import type { OrgSummaryRow } from '../org/org.loaders';
import { OrgSummary } from '../org/org.resolver';
import { PeriodArgs, readPeriod } from '../rollup/period';
import { Rollup } from '../rollup/rollup.types';
import { Worker } from '../worker/worker.entity';
import type { WorkerRow } from '../worker/worker.service';
import { FundStats } from './fund-stats';
import { AllocateFundsInput, RecordIncomeInput, ReverseLedgerEntryInput } from './funds.inputs';
import { FundsService, type EntryRow } from './funds.service';
import { LedgerEntry } from './ledger-entry.entity';

export const LedgerEntryConnection = connectionTypes('LedgerEntry', LedgerEntry);

@Resolver(() => LedgerEntry)
export class LedgerEntryResolver {
  @Query(() => LedgerEntryConnection, { description: "The entries of an org's own fund, money in and out, newest first." })
  ledgerEntries(
    @Ctx() ctx: Context,
    @Arg('orgId', () => ID) orgId: string,
    @Args(() => PageArgs) args: PageArgs,
  ): Promise<ConnectionResult<EntryRow>> {
    return new FundsService(ctx.db).entriesOf(requireCaller(ctx), orgId, readPage(args));
  }

  @Mutation(() => LedgerEntry, { description: "Record money that comes into an org's fund from outside the tree." })
  recordIncome(@Ctx() ctx: Context, @Arg('input', () => RecordIncomeInput) input: RecordIncomeInput): Promise<EntryRow> {
    return new FundsService(ctx.db).recordIncome(requireCaller(ctx), input);
  }

  @Mutation(() => LedgerEntry, { description: "Move money from an org's fund to the fund of one of its direct children." })
  allocateFunds(@Ctx() ctx: Context, @Arg('input', () => AllocateFundsInput) input: AllocateFundsInput): Promise<EntryRow> {
    return new FundsService(ctx.db).allocate(requireCaller(ctx), input);
  }

  @Mutation(() => LedgerEntry, {
    description: 'Correct an income or allocation by a new entry that moves the money back (who may record or allocate it).',
  })
  reverseLedgerEntry(@Ctx() ctx: Context, @Arg('input', () => ReverseLedgerEntryInput) input: ReverseLedgerEntryInput): Promise<EntryRow> {
    return new FundsService(ctx.db).reverse(requireCaller(ctx), input);
  }

  @FieldResolver(() => OrgSummary, {
    nullable: true,
    description:
      "The fund the money left; null for money from outside, and for a fund neither in your scope nor above it (an org's former parent).",
  })
  fromOrg(@Root() entry: EntryRow, @Ctx() ctx: Context): Promise<OrgSummaryRow | null> | null {
    return entry.fromOrgId === null ? null : ctx.loaders.breadcrumbById.load(entry.fromOrgId);
  }

  @FieldResolver(() => OrgSummary, {
    nullable: true,
    description:
      'The fund the money went to; null for a payment to a worker, and for a fund neither in your scope nor above it (one moved away).',
  })
  toOrg(@Root() entry: EntryRow, @Ctx() ctx: Context): Promise<OrgSummaryRow | null> | null {
    return entry.toOrgId === null ? null : ctx.loaders.breadcrumbById.load(entry.toOrgId);
  }

  @FieldResolver(() => AssistanceCase, { nullable: true, description: 'For a payment: the case it paid, when you may read it.' })
  assistanceCase(@Root() entry: EntryRow, @Ctx() ctx: Context): Promise<CaseRow | null> | null {
    return entry.caseId === null ? null : ctx.loaders.caseById.load(entry.caseId);
  }

  @FieldResolver(() => Worker, { nullable: true, description: 'For a payment: the worker paid, when you may read them.' })
  worker(@Root() entry: EntryRow, @Ctx() ctx: Context): Promise<WorkerRow | null> | null {
    return entry.workerId === null ? null : ctx.loaders.workerById.load(entry.workerId);
  }

  @FieldResolver(() => ID, { nullable: true, description: 'For a correction: the entry it reverses.' })
  reversesEntryId(@Root() entry: EntryRow): string | null {
    return entry.reversesEntryId;
  }

  @FieldResolver(() => String, { description: 'The username of whoever recorded it.' })
  recordedBy(@Root() entry: EntryRow): string {
    return entry.recorderName;
  }
}

@Resolver(() => Org)
export class OrgFundResolver {
  @FieldResolver(() => MoneyScalar, { description: "What this org's own fund holds now (its subtree's: rollup.funds.balance)." })
  async fundBalance(@Root() org: Org, @Ctx() ctx: Context): Promise<string> {
    return (await ctx.loaders.balanceByOrgId.load(org.id)) ?? '0';
  }
}

@Resolver(() => Rollup)
export class FundsRollupResolver {
  @FieldResolver(() => FundStats, { description: 'Money in the period; both bounds inclusive, open when absent.' })
  funds(
    @Root() rollup: Rollup,
    @Ctx() ctx: Context,
    @Args(() => PeriodArgs) args: PeriodArgs,
    @Info() info: GraphQLResolveInfo,
  ): Promise<FundStats> {
    const arg = { period: readPeriod(args), beneficiaries: selectsPath(info, 'byProgramme', 'beneficiaries') };
    return ctx.loaders.fundStatsByPath.load({ path: rollup.subject.path, arg });
  }
}
