import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { connectionTypes, PageArgs, readPage, type ConnectionResult } from '../common/connection';
import type { PersonalDataField } from '../audit/personal-reads';
import { DateScalar } from '../common/scalars';
import { requireCaller, type Context } from '../context';
import { Org } from '../org/org.entity';
import { maskIdNumber, maskPhone } from './id-number';
import { Worker } from './worker.entity';
import { RegisterWorkerInput, UpdateWorkerInput } from './worker.inputs';
import { workerSubject, WorkerService, type WorkerRow } from './worker.service';

export const WorkerConnection = connectionTypes('Worker', Worker);

/** Whether the caller sees the worker's personal data unmasked; each time they do, it is audited. */
function mayReadPersonal(ctx: Context, worker: WorkerRow, field: PersonalDataField): boolean {
  const may = requireCaller(ctx).ability.can('readPersonalData', workerSubject(worker));
  if (may) ctx.personalReads.record(worker.id, worker.orgId, field);
  return may;
}

@Resolver(() => Worker)
export class WorkerResolver {
  @Query(() => WorkerConnection, { description: 'Workers registered at the org or anywhere beneath it.' })
  async workers(
    @Ctx() ctx: Context,
    @Arg('orgId', () => ID) orgId: string,
    @Args(() => PageArgs) args: PageArgs,
    @Arg('idNumber', () => String, {
      nullable: true,
      description: 'Only the worker with exactly this resident ID number (18 characters), if registered in the subtree.',
    })
    idNumber?: string | null,
  ): Promise<ConnectionResult<WorkerRow>> {
    const found = await new WorkerService(ctx.db, ctx.personalData).list(requireCaller(ctx), orgId, readPage(args), idNumber);
    // Finding someone by number tells whose number it is: a read of it, whatever is selected.
    if (idNumber != null) for (const { node } of found.edges) ctx.personalReads.record(node.id, node.orgId, 'idNumber');
    return found;
  }

  @Query(() => Worker, { nullable: true, description: 'A worker by id; null when there is none or it is outside your scope.' })
  worker(@Ctx() ctx: Context, @Arg('id', () => ID) id: string): Promise<WorkerRow | null> {
    return new WorkerService(ctx.db, ctx.personalData).findVisible(requireCaller(ctx), id);
  }

  @Mutation(() => Worker, { description: 'Register a worker at an org in your scope (ADMIN, STAFF).' })
  registerWorker(@Ctx() ctx: Context, @Arg('input', () => RegisterWorkerInput) input: RegisterWorkerInput): Promise<WorkerRow> {
    return new WorkerService(ctx.db, ctx.personalData).register(requireCaller(ctx), input);
  }

  @Mutation(() => Worker, { description: "Change a worker's record (ADMIN, STAFF)." })
  updateWorker(@Ctx() ctx: Context, @Arg('input', () => UpdateWorkerInput) input: UpdateWorkerInput): Promise<WorkerRow> {
    return new WorkerService(ctx.db, ctx.personalData).update(requireCaller(ctx), input);
  }

  @FieldResolver(() => Org)
  async org(@Root() worker: WorkerRow, @Ctx() ctx: Context): Promise<Org> {
    const org = await ctx.loaders.orgById.load(worker.orgId);
    if (!org) throw new Error(`worker ${worker.id} is at an org the caller cannot read`);
    return org;
  }

  @FieldResolver(() => String, {
    description: 'The resident ID number, masked (first 6 and last 4 digits shown) unless the caller may read personal data.',
  })
  idNumber(@Root() worker: WorkerRow, @Ctx() ctx: Context): string {
    const idNumber = ctx.personalData.open('id_number', worker.idNumberCipher);
    return mayReadPersonal(ctx, worker, 'idNumber') ? idNumber : maskIdNumber(idNumber);
  }

  @FieldResolver(() => DateScalar, {
    nullable: true,
    description: 'The date the ID number encodes; null unless the caller may read personal data (it would unmask the ID number).',
  })
  birthDate(@Root() worker: WorkerRow, @Ctx() ctx: Context): string | null {
    return mayReadPersonal(ctx, worker, 'birthDate') ? worker.birthDate : null;
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: 'Masked (first 3 and last 4 digits shown) unless the caller may read personal data.',
  })
  phone(@Root() worker: WorkerRow, @Ctx() ctx: Context): string | null {
    if (worker.phoneCipher === null) return null;
    const phone = ctx.personalData.open('phone', worker.phoneCipher);
    return mayReadPersonal(ctx, worker, 'phone') ? phone : maskPhone(phone);
  }
}
