import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { connectionTypes, PageArgs, readPage, type ConnectionResult } from '../common/connection';
import { DateScalar } from '../common/scalars';
import { requireCaller, type Context } from '../context';
import { Org } from '../org/org.entity';
import { maskIdNumber, maskPhone } from './id-number';
import { Worker } from './worker.entity';
import { RegisterWorkerInput, UpdateWorkerInput } from './worker.inputs';
import { workerSubject, WorkerService, type WorkerRow } from './worker.service';

export const WorkerConnection = connectionTypes('Worker', Worker);

@Resolver(() => Worker)
export class WorkerResolver {
  @Query(() => WorkerConnection, { description: 'Workers registered at the org or anywhere beneath it.' })
  workers(
    @Ctx() ctx: Context,
    @Arg('orgId', () => ID) orgId: string,
    @Args(() => PageArgs) args: PageArgs,
  ): Promise<ConnectionResult<WorkerRow>> {
    return new WorkerService(ctx.db).list(requireCaller(ctx), orgId, readPage(args));
  }

  @Query(() => Worker, { nullable: true, description: 'A worker by id; null when there is none or it is outside your scope.' })
  worker(@Ctx() ctx: Context, @Arg('id', () => ID) id: string): Promise<WorkerRow | null> {
    return new WorkerService(ctx.db).findVisible(requireCaller(ctx), id);
  }

  @Mutation(() => Worker, { description: 'Register a worker at an org in your scope (ADMIN, STAFF).' })
  registerWorker(@Ctx() ctx: Context, @Arg('input', () => RegisterWorkerInput) input: RegisterWorkerInput): Promise<WorkerRow> {
    return new WorkerService(ctx.db).register(requireCaller(ctx), input);
  }

  @Mutation(() => Worker, { description: "Change a worker's record (ADMIN, STAFF)." })
  updateWorker(@Ctx() ctx: Context, @Arg('input', () => UpdateWorkerInput) input: UpdateWorkerInput): Promise<WorkerRow> {
    return new WorkerService(ctx.db).update(requireCaller(ctx), input);
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
    return requireCaller(ctx).ability.can('readPersonalData', workerSubject(worker)) ? worker.idNumber : maskIdNumber(worker.idNumber);
  }

  @FieldResolver(() => DateScalar, {
    nullable: true,
    description: 'The date the ID number encodes; null unless the caller may read personal data (it would unmask the ID number).',
  })
  birthDate(@Root() worker: WorkerRow, @Ctx() ctx: Context): string | null {
    return requireCaller(ctx).ability.can('readPersonalData', workerSubject(worker)) ? worker.birthDate : null;
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: 'Masked (first 3 and last 4 digits shown) unless the caller may read personal data.',
  })
  phone(@Root() worker: WorkerRow, @Ctx() ctx: Context): string | null {
    if (worker.phone === null) return null;
    return requireCaller(ctx).ability.can('readPersonalData', workerSubject(worker)) ? worker.phone : maskPhone(worker.phone);
  }
}
