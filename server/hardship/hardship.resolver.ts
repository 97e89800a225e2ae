import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { PersonalDataField } from '../audit/personal-reads';
import { MoneyScalar } from '../common/scalars';
import { requireCaller, type Context } from '../context';
import { orgIdOf, rootIdOf } from '../permissions/paths';
import { Worker } from '../worker/worker.entity';
import type { WorkerRow } from '../worker/worker.service';
import { HardshipArchive } from './hardship-archive.entity';
import { HardshipLevel } from './hardship-enums';
import { HardshipLine } from './hardship-line.entity';
import { LiftHardshipArchiveInput, OpenHardshipArchiveInput, SetHardshipLinesInput, UpdateHardshipArchiveInput } from './hardship.inputs';
import { archiveSubject, hardshipLevelOf, HardshipService, type ArchiveRow } from './hardship.service';

/** The archive's personal field if the caller may read it (audited when there is something to see), else null. */
function personal<T>(ctx: Context, archive: ArchiveRow, field: PersonalDataField, value: T | null): T | null {
  const allowed = requireCaller(ctx).ability.can('readPersonalData', archiveSubject(archive));
  return ctx.personalReads.shown(allowed, { workerId: archive.workerId, orgId: orgIdOf(archive.orgPath) }, field, value);
}

async function levelOf(ctx: Context, archive: ArchiveRow): Promise<HardshipLevel> {
  return hardshipLevelOf(archive, await ctx.loaders.lineInForceByRootId.load(rootIdOf(archive.orgPath)));
}

@Resolver(() => HardshipArchive)
export class HardshipArchiveResolver {
  @Query(() => [HardshipLine], { description: 'The hardship lines of the municipality the org belongs to, newest first.' })
  hardshipLines(@Ctx() ctx: Context, @Arg('orgId', () => ID) orgId: string): Promise<HardshipLine[]> {
    return new HardshipService(ctx.db).lines(requireCaller(ctx), orgId);
  }

  @Mutation(() => HardshipLine, { description: "Set a municipality's hardship and extreme lines from a date (municipal ADMIN)." })
  setHardshipLines(@Ctx() ctx: Context, @Arg('input', () => SetHardshipLinesInput) input: SetHardshipLinesInput): Promise<HardshipLine> {
    return new HardshipService(ctx.db).setLines(requireCaller(ctx), input);
  }

  @Mutation(() => HardshipArchive, { description: '建档: open a hardship archive for a worker; one open at a time (ADMIN, STAFF).' })
  openHardshipArchive(
    @Ctx() ctx: Context,
    @Arg('input', () => OpenHardshipArchiveInput) input: OpenHardshipArchiveInput,
  ): Promise<ArchiveRow> {
    return new HardshipService(ctx.db).open(requireCaller(ctx), input);
  }

  @Mutation(() => HardshipArchive, { description: 'Change an open archive (ADMIN, STAFF).' })
  updateHardshipArchive(
    @Ctx() ctx: Context,
    @Arg('input', () => UpdateHardshipArchiveInput) input: UpdateHardshipArchiveInput,
  ): Promise<ArchiveRow> {
    return new HardshipService(ctx.db).update(requireCaller(ctx), input);
  }

  @Mutation(() => HardshipArchive, { description: '脱困: lift the worker out of hardship, closing the archive (ADMIN, STAFF).' })
  liftHardshipArchive(
    @Ctx() ctx: Context,
    @Arg('input', () => LiftHardshipArchiveInput) input: LiftHardshipArchiveInput,
  ): Promise<ArchiveRow> {
    return new HardshipService(ctx.db).lift(requireCaller(ctx), input);
  }

  @FieldResolver(() => Worker)
  async worker(@Root() archive: ArchiveRow, @Ctx() ctx: Context): Promise<Worker> {
    const worker = await ctx.loaders.workerById.load(archive.workerId);
    if (!worker) throw new Error(`archive ${archive.id} belongs to a worker the caller cannot read`);
    return worker;
  }

  @FieldResolver(() => HardshipLevel, { description: 'Against the lines in force today; NONE once lifted.' })
  level(@Root() archive: ArchiveRow, @Ctx() ctx: Context): Promise<HardshipLevel> {
    return levelOf(ctx, archive);
  }

  @FieldResolver(() => MoneyScalar, { nullable: true, description: 'Personal data: null unless the caller may read it (ADMIN, STAFF).' })
  householdMonthlyIncome(@Root() archive: ArchiveRow, @Ctx() ctx: Context): string | null {
    return personal(ctx, archive, 'householdIncome', archive.householdMonthlyIncomeFen);
  }

  @FieldResolver(() => MoneyScalar, {
    nullable: true,
    description: 'Household income per person per month, rounded down to the fen; personal data.',
  })
  perCapitaMonthlyIncome(@Root() archive: ArchiveRow, @Ctx() ctx: Context): bigint | null {
    const income = personal(ctx, archive, 'householdIncome', archive.householdMonthlyIncomeFen);
    return income === null ? null : BigInt(income) / BigInt(archive.householdSize);
  }

  @FieldResolver(() => String, { nullable: true, description: 'Personal data: null unless the caller may read it (ADMIN, STAFF).' })
  illness(@Root() archive: ArchiveRow, @Ctx() ctx: Context): string | null {
    return personal(ctx, archive, 'illness', archive.illness);
  }

  @FieldResolver(() => String, { nullable: true, description: 'Personal data: null unless the caller may read it (ADMIN, STAFF).' })
  incomeSources(@Root() archive: ArchiveRow, @Ctx() ctx: Context): string | null {
    return personal(ctx, archive, 'incomeSources', archive.incomeSources);
  }
}

@Resolver(() => Worker)
export class WorkerHardshipResolver {
  @FieldResolver(() => HardshipLevel, { description: 'From the open archive against the lines in force today.' })
  async hardshipLevel(@Root() worker: WorkerRow, @Ctx() ctx: Context): Promise<HardshipLevel> {
    const open = (await ctx.loaders.archivesByWorkerId.load(worker.id)).find((archive) => archive.liftedOn === null);
    return open ? levelOf(ctx, open) : HardshipLevel.NONE;
  }

  @FieldResolver(() => HardshipArchive, { nullable: true, description: 'The open archive, if any.' })
  async hardshipArchive(@Root() worker: WorkerRow, @Ctx() ctx: Context): Promise<ArchiveRow | null> {
    return (await ctx.loaders.archivesByWorkerId.load(worker.id)).find((archive) => archive.liftedOn === null) ?? null;
  }

  @FieldResolver(() => [HardshipArchive], { description: 'Every archive, newest first: the history.' })
  hardshipArchives(@Root() worker: WorkerRow, @Ctx() ctx: Context): Promise<ArchiveRow[]> {
    return ctx.loaders.archivesByWorkerId.load(worker.id);
  }
}
