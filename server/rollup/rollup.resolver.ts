import type { GraphQLResolveInfo } from 'graphql';
import { Ctx, FieldResolver, Info, Int, Resolver, Root } from 'type-graphql';
import { selectsPath } from '../common/selection';
import type { Context } from '../context';
import { Org } from '../org/org.entity';
import { Rollup, WorkerStats } from './rollup.types';

@Resolver(() => Org)
export class OrgRollupResolver {
  @FieldResolver(() => Rollup, { description: "The figures of this org's whole subtree." })
  rollup(@Root() org: Org, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo): Rollup {
    // The figures of the org and of its children then go in one statement: the cells wait for
    // the children, read at once with the context of the sums.
    if (selectsPath(info, 'byChild')) {
      ctx.loaders.cells.holdFor(ctx.loaders.childrenOf.load(org.id));
      void ctx.loaders.cells.context().catch(() => undefined);
    }
    return { subject: org };
  }
}

@Resolver(() => Rollup)
export class RollupResolver {
  @FieldResolver(() => Org)
  org(@Root() rollup: Rollup): Org {
    return rollup.subject;
  }

  @FieldResolver(() => Int, { description: 'Union organisations in the subtree, this one included.' })
  async orgCount(@Root() rollup: Rollup, @Ctx() ctx: Context): Promise<number> {
    return (await ctx.loaders.figuresByPath.load(rollup.subject.path)).orgCount;
  }

  @FieldResolver(() => WorkerStats)
  async workers(@Root() rollup: Rollup, @Ctx() ctx: Context): Promise<WorkerStats> {
    return (await ctx.loaders.figuresByPath.load(rollup.subject.path)).workers;
  }

  @FieldResolver(() => [Rollup], { description: 'The same figures for each direct child.' })
  async byChild(@Root() rollup: Rollup, @Ctx() ctx: Context): Promise<Rollup[]> {
    const children = await ctx.loaders.childrenOf.load(rollup.subject.id);
    return children.map((child) => ({ subject: child }));
  }
}
