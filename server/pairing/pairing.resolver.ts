import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { connectionTypes, PageArgs, readPage, type ConnectionResult } from '../common/connection';
import { requireCaller, type Context } from '../context';
import type { OrgSummaryRow } from '../org/org.loaders';
import { OrgSummary } from '../org/org.resolver';
import { Rollup } from '../rollup/rollup.types';
import { Worker } from '../worker/worker.entity';
import type { WorkerRow } from '../worker/worker.service';
import { PairingStats } from './pairing-stats';
import { Pairing } from './pairing.entity';
import { CreatePairingInput, EndPairingInput } from './pairing.inputs';
import { PairingService, type PairingRow } from './pairing.service';

export const PairingConnection = connectionTypes('Pairing', Pairing);

@Resolver(() => Pairing)
export class PairingResolver {
  @Query(() => PairingConnection, { description: '一帮一: pairings of the workers at the org or beneath it, newest first.' })
  pairings(
    @Ctx() ctx: Context,
    @Arg('orgId', () => ID) orgId: string,
    @Args(() => PageArgs) args: PageArgs,
  ): Promise<ConnectionResult<PairingRow>> {
    return new PairingService(ctx.db).list(requireCaller(ctx), orgId, readPage(args));
  }

  @Mutation(() => Pairing, { description: '结对帮扶: pair a cadre with a hardship worker’s family (ADMIN, STAFF).' })
  createPairing(@Ctx() ctx: Context, @Arg('input', () => CreatePairingInput) input: CreatePairingInput): Promise<PairingRow> {
    return new PairingService(ctx.db).create(requireCaller(ctx), input);
  }

  @Mutation(() => Pairing, { description: 'End a pairing for another reason; lifting the family ends it by itself (ADMIN, STAFF).' })
  endPairing(@Ctx() ctx: Context, @Arg('input', () => EndPairingInput) input: EndPairingInput): Promise<PairingRow> {
    return new PairingService(ctx.db).end(requireCaller(ctx), input);
  }

  @FieldResolver(() => Worker)
  async worker(@Root() row: PairingRow, @Ctx() ctx: Context): Promise<WorkerRow> {
    const worker = await ctx.loaders.workerById.load(row.workerId);
    if (!worker) throw new Error(`pairing ${row.id} belongs to a worker the caller cannot read`);
    return worker;
  }

  @FieldResolver(() => OrgSummary, {
    nullable: true,
    description: 'Where the cadre works; null when that org is outside what the caller may read.',
  })
  cadreOrg(@Root() row: PairingRow, @Ctx() ctx: Context): Promise<OrgSummaryRow | null> {
    // The cadre may work anywhere its creator could see, not only above the worker: read it in
    // the reader's scope, unlike the breadcrumbs of an org's own ancestors.
    return ctx.loaders.orgById.load(row.cadreOrgId);
  }
}

@Resolver(() => Rollup)
export class PairingRollupResolver {
  @FieldResolver(() => PairingStats)
  pairings(@Root() rollup: Rollup, @Ctx() ctx: Context): Promise<PairingStats> {
    return ctx.loaders.pairingStatsByPath.load(rollup.subject.path);
  }
}
