import { Arg, Args, Ctx, Field, FieldResolver, ID, Int, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { connectionTypes, PageArgs, readPage, type ConnectionResult } from '../common/connection';
import { requireCaller, type Context } from '../context';
import { badInput } from '../errors';
import { OrgLevel } from '../org/org-level';
import { Org } from '../org/org.entity';
import type { OrgSummaryRow } from '../org/org.loaders';
import { OrgSummary } from '../org/org.resolver';
import { Rollup } from '../rollup/rollup.types';
import { CriterionResult } from './criterion-result.entity';
import { EnterpriseProfile } from './enterprise-profile.entity';
import { Criterion } from './harmonious-enums';
import { HarmoniousStats } from './harmonious-stats';
import {
  AssessParticipationInput,
  NameEnterpriseInput,
  RecordParticipationInput,
  RevokeNamingInput,
  SetEnterpriseProfileInput,
  SetHarmoniousScoringInput,
} from './harmonious.inputs';
import { HarmoniousService, type NamingRow, type ParticipationRow, type ScoringRow } from './harmonious.service';
import { HarmoniousNaming } from './naming.entity';
import { HarmoniousParticipation } from './participation.entity';

@ObjectType()
export class CriterionWeight {
  @Field(() => Criterion)
  criterion!: Criterion;

  @Field(() => Int)
  weight!: number;
}

@ObjectType({ description: 'A municipality’s scorecard for the campaign.' })
export class HarmoniousScoringView {
  @Field(() => [CriterionWeight], { description: 'Out of 100 in all.' })
  weights!: CriterionWeight[];

  @Field(() => Int, { description: 'A score at or above it passes.' })
  passMark!: number;

  @Field(() => Boolean, { description: 'True while the municipality uses the defaults.' })
  isDefault!: boolean;
}

const ParticipationConnection = connectionTypes('HarmoniousParticipation', HarmoniousParticipation);
const NamingConnection = connectionTypes('HarmoniousNaming', HarmoniousNaming);

function view(row: ScoringRow): HarmoniousScoringView {
  return {
    weights: Object.values(Criterion).map((criterion) => ({ criterion, weight: row.weights[criterion] ?? 0 })),
    passMark: row.passMark,
    isDefault: row.isDefault,
  };
}

function readYear(year: number | null | undefined): number | null {
  if (year === null || year === undefined) return null;
  if (year < 1900 || year > 2200) throw badInput('YEAR_RANGE', 'year must be a calendar year, e.g. 2025.', 'year');
  return year;
}

@Resolver(() => HarmoniousParticipation)
export class HarmoniousResolver {
  @Query(() => HarmoniousScoringView, { description: 'The scorecard of the municipality the org belongs to.' })
  async harmoniousScoring(@Ctx() ctx: Context, @Arg('orgId', () => ID) orgId: string): Promise<HarmoniousScoringView> {
    return view(await new HarmoniousService(ctx.db).scoring(requireCaller(ctx), orgId));
  }

  @Query(() => ParticipationConnection, {
    description: '创建活动: participations of the enterprises at the org or beneath it, newest first.',
  })
  harmoniousParticipations(
    @Ctx() ctx: Context,
    @Arg('orgId', () => ID) orgId: string,
    @Args(() => PageArgs) args: PageArgs,
    @Arg('year', () => Int, { nullable: true }) year?: number | null,
  ): Promise<ConnectionResult<ParticipationRow>> {
    return new HarmoniousService(ctx.db).participations(requireCaller(ctx), orgId, readYear(year), readPage(args));
  }

  @Query(() => NamingConnection, {
    description: '命名: namings of the enterprises at the org or beneath it, revoked ones included, newest first.',
  })
  harmoniousNamings(
    @Ctx() ctx: Context,
    @Arg('orgId', () => ID) orgId: string,
    @Args(() => PageArgs) args: PageArgs,
    @Arg('year', () => Int, { nullable: true }) year?: number | null,
  ): Promise<ConnectionResult<NamingRow>> {
    return new HarmoniousService(ctx.db).namings(requireCaller(ctx), orgId, readYear(year), readPage(args));
  }

  @Mutation(() => EnterpriseProfile, { description: "Set an enterprise's profile (ADMIN of the enterprise or above)." })
  setEnterpriseProfile(
    @Ctx() ctx: Context,
    @Arg('input', () => SetEnterpriseProfileInput) input: SetEnterpriseProfileInput,
  ): Promise<EnterpriseProfile> {
    return new HarmoniousService(ctx.db).setProfile(requireCaller(ctx), input);
  }

  @Mutation(() => HarmoniousParticipation, { description: 'Record that an enterprise takes part in a year’s campaign (ADMIN).' })
  recordHarmoniousParticipation(
    @Ctx() ctx: Context,
    @Arg('input', () => RecordParticipationInput) input: RecordParticipationInput,
  ): Promise<ParticipationRow> {
    return new HarmoniousService(ctx.db).recordParticipation(requireCaller(ctx), input);
  }

  @Mutation(() => HarmoniousParticipation, { description: 'Score a participation against the criteria (ADMIN).' })
  assessHarmoniousParticipation(
    @Ctx() ctx: Context,
    @Arg('input', () => AssessParticipationInput) input: AssessParticipationInput,
  ): Promise<ParticipationRow> {
    return new HarmoniousService(ctx.db).assess(requireCaller(ctx), input);
  }

  @Mutation(() => HarmoniousScoringView, { description: "Set a municipality's criteria weights and pass mark (municipal ADMIN)." })
  async setHarmoniousScoring(
    @Ctx() ctx: Context,
    @Arg('input', () => SetHarmoniousScoringInput) input: SetHarmoniousScoringInput,
  ): Promise<HarmoniousScoringView> {
    return view(await new HarmoniousService(ctx.db).setScoring(requireCaller(ctx), input));
  }

  @Mutation(() => HarmoniousNaming, {
    description: '命名: name an enterprise that passed; COUNTY by the county ADMIN, the other levels by the municipal ADMIN.',
  })
  nameHarmoniousEnterprise(@Ctx() ctx: Context, @Arg('input', () => NameEnterpriseInput) input: NameEnterpriseInput): Promise<NamingRow> {
    return new HarmoniousService(ctx.db).name(requireCaller(ctx), input);
  }

  @Mutation(() => HarmoniousNaming, {
    description: 'Revoke a naming with a reason; it stops counting from revokedOn (who may name may revoke).',
  })
  revokeHarmoniousNaming(@Ctx() ctx: Context, @Arg('input', () => RevokeNamingInput) input: RevokeNamingInput): Promise<NamingRow> {
    return new HarmoniousService(ctx.db).revoke(requireCaller(ctx), input);
  }

  @FieldResolver(() => Org)
  async org(@Root() row: ParticipationRow, @Ctx() ctx: Context): Promise<Org> {
    return (await ctx.loaders.orgById.load(row.orgId))!;
  }

  @FieldResolver(() => [CriterionResult], { description: 'The scorecard; empty until assessed.' })
  criteria(@Root() row: ParticipationRow, @Ctx() ctx: Context): Promise<CriterionResult[]> {
    return ctx.loaders.criteriaByParticipationId.load(row.id);
  }

  @FieldResolver(() => [HarmoniousNaming])
  namings(@Root() row: ParticipationRow, @Ctx() ctx: Context): Promise<NamingRow[]> {
    return ctx.loaders.namingsByParticipationId.load(row.id);
  }
}

@Resolver(() => HarmoniousNaming)
export class HarmoniousNamingResolver {
  @FieldResolver(() => Org)
  async org(@Root() row: NamingRow, @Ctx() ctx: Context): Promise<Org> {
    return (await ctx.loaders.orgById.load(row.orgId))!;
  }

  @FieldResolver(() => OrgSummary, {
    nullable: true,
    description:
      'The federation whose ADMIN made the naming; null when it is neither in your scope nor above it (the enterprise moved away).',
  })
  namedBy(@Root() row: NamingRow, @Ctx() ctx: Context): Promise<OrgSummaryRow | null> {
    return ctx.loaders.breadcrumbById.load(row.namedByOrgId);
  }
}

@Resolver(() => Org)
export class OrgEnterpriseResolver {
  @FieldResolver(() => EnterpriseProfile, { nullable: true, description: 'For an enterprise union: its enterprise, when recorded.' })
  enterpriseProfile(@Root() org: Org, @Ctx() ctx: Context): Promise<EnterpriseProfile | null> | null {
    return org.level === OrgLevel.ENTERPRISE ? ctx.loaders.profileByOrgId.load(org.id) : null;
  }
}

@Resolver(() => Rollup)
export class HarmoniousRollupResolver {
  @FieldResolver(() => HarmoniousStats, { description: 'The campaign and namings; all years when year is absent.' })
  harmonious(
    @Root() rollup: Rollup,
    @Ctx() ctx: Context,
    @Arg('year', () => Int, { nullable: true }) year?: number | null,
  ): Promise<HarmoniousStats> {
    return ctx.loaders.harmoniousByYearPath.load({ path: rollup.subject.path, arg: readYear(year) });
  }
}
