import { Arg, Args, Ctx, Field, FieldResolver, ID, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { connectionTypes, PageArgs, readPage, type ConnectionResult } from '../common/connection';
import { requireCaller, type Context } from '../context';
import { OrgLevel } from './org-level';
import { Org } from './org.entity';
import { CreateOrgInput, MoveOrgInput, UpdateOrgInput } from './org.inputs';
import type { OrgSummaryRow } from './org.loaders';
import { OrgService } from './org.service';

@ObjectType({ description: 'What anyone below an org may know of it: a breadcrumb.' })
export class OrgSummary {
  @Field(() => String)
  code!: string;

  @Field(() => String)
  name!: string;

  @Field(() => OrgLevel)
  level!: OrgLevel;
}

export const OrgConnection = connectionTypes('Org', Org);

@Resolver(() => Org)
export class OrgResolver {
  @Query(() => Org, {
    nullable: true,
    description: "An organisation by id or by code; null when there is none or it is outside the caller's scope.",
  })
  org(
    @Ctx() ctx: Context,
    @Arg('id', () => ID, { nullable: true }) id?: string | null,
    @Arg('code', () => String, { nullable: true }) code?: string | null,
  ): Promise<Org | null> {
    return new OrgService(ctx.db).findVisible(requireCaller(ctx), { id, code });
  }

  @Mutation(() => Org, { description: 'Add an org under a parent in your scope (ADMIN).' })
  createOrg(@Ctx() ctx: Context, @Arg('input', () => CreateOrgInput) input: CreateOrgInput): Promise<Org> {
    return new OrgService(ctx.db).createOrg(requireCaller(ctx), input);
  }

  @Mutation(() => Org, { description: "Change an org's code or name (ADMIN)." })
  updateOrg(@Ctx() ctx: Context, @Arg('input', () => UpdateOrgInput) input: UpdateOrgInput): Promise<Org> {
    return new OrgService(ctx.db).updateOrg(requireCaller(ctx), input);
  }

  @Mutation(() => Org, { description: '区划调整: move an org with its whole subtree to a new parent, both in your scope (ADMIN).' })
  moveOrg(@Ctx() ctx: Context, @Arg('input', () => MoveOrgInput) input: MoveOrgInput): Promise<Org> {
    return new OrgService(ctx.db).moveOrg(requireCaller(ctx), input);
  }

  @FieldResolver(() => Org, { nullable: true, description: 'The parent, when the caller may see it; otherwise null.' })
  parent(@Root() org: Org, @Ctx() ctx: Context): Promise<Org | null> | null {
    return org.parentId === null ? null : ctx.loaders.orgById.load(org.parentId);
  }

  @FieldResolver(() => [OrgSummary], { description: 'Code, name and level of every ancestor, root first.' })
  async ancestors(@Root() org: Org, @Ctx() ctx: Context): Promise<OrgSummary[]> {
    const ids = org.path.split('.').slice(0, -1).map(Number);
    const rows = await ctx.loaders.orgSummaryById.loadMany(ids);
    return rows.filter((row): row is OrgSummaryRow => row !== null && !(row instanceof Error));
  }

  @FieldResolver(() => OrgConnection)
  children(@Root() org: Org, @Ctx() ctx: Context, @Args(() => PageArgs) args: PageArgs): Promise<ConnectionResult<Org>> {
    return ctx.loaders.childrenPage.load({ parentId: org.id, page: readPage(args) });
  }
}
