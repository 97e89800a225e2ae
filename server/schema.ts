import 'reflect-metadata';
import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { getMetadataStorage, validateOrReject, type ValidatorOptions } from 'class-validator';
import { ArgumentValidationError, buildSchema, type ValidatorFn } from 'type-graphql';
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

const VALIDATOR_OPTIONS: ValidatorOptions = { skipMissingProperties: true, forbidUnknownValues: false };

/** Per argument class, whether class-validator has a constraint to check on it. */
const constrained = new Map<unknown, boolean>();

function hasConstraints(type: unknown): boolean {
  let known = constrained.get(type);
  if (known === undefined) {
    known =
      typeof type === 'function' &&
      getMetadataStorage()
        .getTargetValidationMetadatas(type, '', false, false)
        .some((metadata) => metadata.type !== 'conditionalValidation');
    constrained.set(type, known);
  }
  return known;
}

/**
 * type-graphql's own validation with class-validator, less its cost on every field: it runs only
 * for argument classes that carry a constraint (a rollup's period has none; its scalars check
 * the dates), and class-validator is imported once rather than on every call.
 */
export const validateArgument: ValidatorFn = async (value, type) => {
  if (value === null || typeof value !== 'object' || !hasConstraints(type)) return;
  try {
    if (Array.isArray(value)) {
      await Promise.all(
        value.filter((item) => item !== null && typeof item === 'object').map((item) => validateOrReject(item, VALIDATOR_OPTIONS)),
      );
    } else {
      await validateOrReject(value, VALIDATOR_OPTIONS);
    }
  } catch (errors) {
    throw new ArgumentValidationError(errors as ConstructorParameters<typeof ArgumentValidationError>[0]);
  }
};

let built: Promise<GraphQLSchema> | undefined;

export function buildAppSchema(): Promise<GraphQLSchema> {
  built ??= buildSchema({ resolvers, validateFn: validateArgument });
  return built;
}

/** The schema as committed in schema/schema.graphql: sorted, so diffs show only real changes. */
export async function printAppSchema(): Promise<string> {
  return `${printSchema(lexicographicSortSchema(await buildAppSchema()))}\n`;
}
