import 'reflect-metadata';
import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { HardshipArchiveResolver, WorkerHardshipResolver } from './hardship/hardship.resolver';
import { OrgResolver } from './org/org.resolver';
import { OrgRollupResolver, RollupResolver } from './rollup/rollup.resolver';
import { RoleAssignmentResolver, UserResolver } from './user/user.resolver';
import { WorkerResolver } from './worker/worker.resolver';
import { FundsRollupResolver, LedgerEntryResolver, OrgFundResolver } from './funds/funds.resolver';
import { AssistanceCaseResolver, AssistanceRollupResolver, WorkerCasesResolver } from './assistance/assistance.resolver';
import { PairingResolver, PairingRollupResolver } from './pairing/pairing.resolver';
import { AuditEntryResolver } from './audit/audit.resolver';
import {
  HarmoniousNamingResolver,
  HarmoniousResolver,
  HarmoniousRollupResolver,
  OrgEnterpriseResolver,
} from './harmonious/harmonious.resolver';

export const resolvers = [
  OrgResolver,
  UserResolver,
  RoleAssignmentResolver,
  WorkerResolver,
  HardshipArchiveResolver,
  WorkerHardshipResolver,
  OrgRollupResolver,
  RollupResolver,
  LedgerEntryResolver,
  OrgFundResolver,
  FundsRollupResolver,
  AssistanceCaseResolver,
  AssistanceRollupResolver,
  WorkerCasesResolver,
  PairingResolver,
  PairingRollupResolver,
  AuditEntryResolver,
  HarmoniousResolver,
  HarmoniousNamingResolver,
  OrgEnterpriseResolver,
  HarmoniousRollupResolver,
] as const;

let built: Promise<GraphQLSchema> | undefined;

export function buildAppSchema(): Promise<GraphQLSchema> {
  built ??= buildSchema({ resolvers, validate: { forbidUnknownValues: false } });
  return built;
}

/** The schema as committed in schema/schema.graphql: sorted, so diffs show only real changes. */
export async function printAppSchema(): Promise<string> {
  return `${printSchema(lexicographicSortSchema(await buildAppSchema()))}\n`;
}
