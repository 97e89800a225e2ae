import { GraphQLJSONObject } from 'graphql-scalars';
import { Arg, Args, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { connectionTypes, PageArgs, readPage, type ConnectionResult } from '../common/connection';
import { requireCaller, type Context } from '../context';
import type { OrgSummaryRow } from '../org/org.loaders';
import { OrgSummary } from '../org/org.resolver';
import { AuditEntry } from './audit-entry.entity';
import { auditTrail, type AuditRow } from './audit.service';

export const AuditEntryConnection = connectionTypes('AuditEntry', AuditEntry);

@Resolver(() => AuditEntry)
export class AuditEntryResolver {
  @Query(() => AuditEntryConnection, {
    description:
      'Changes to money, cases and pairings in the subtree, newest first (ADMIN, VIEWER); reads of personal data unmasked (ADMIN only).',
  })
  auditTrail(
    @Ctx() ctx: Context,
    @Arg('orgId', () => ID) orgId: string,
    @Args(() => PageArgs) args: PageArgs,
  ): Promise<ConnectionResult<AuditRow>> {
    return auditTrail(ctx.db, requireCaller(ctx), orgId, readPage(args));
  }

  @FieldResolver(() => String, { description: 'Username of whoever made the change.' })
  actor(@Root() row: AuditRow): string {
    return row.actorName;
  }

  @FieldResolver(() => OrgSummary, { description: 'The org the change belongs to.' })
  async org(@Root() row: AuditRow, @Ctx() ctx: Context): Promise<OrgSummaryRow> {
    return (await ctx.loaders.orgSummaryById.load(row.orgId))!;
  }

  @FieldResolver(() => GraphQLJSONObject, { nullable: true, description: 'The state before; null for a new record.' })
  before(@Root() row: AuditRow): Record<string, unknown> | null {
    return row.before;
  }

  @FieldResolver(() => GraphQLJSONObject, { nullable: true, description: 'The state after.' })
  after(@Root() row: AuditRow): Record<string, unknown> | null {
    return row.after;
  }
}
