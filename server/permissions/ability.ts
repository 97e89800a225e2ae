import {
  AbilityBuilder,
  buildMongoQueryMatcher,
  createMongoAbility,
  ForbiddenError,
  subject as asSubject,
  type MongoAbility,
  type MongoQuery,
} from '@casl/ability';
import type { FieldCondition } from '@ucast/core';
import { OrgLevel } from '../org/org-level';
import { Role } from '../user/role';
import { isUnder } from './paths';
import { orgRules } from '../org/org.rules';
import { userRules } from '../user/user.rules';
import { workerRules } from '../worker/worker.rules';
import { hardshipRules } from '../hardship/hardship.rules';
import { fundRules } from '../funds/funds.rules';
import { assistanceRules } from '../assistance/assistance.rules';
import { pairingRules } from '../pairing/pairing.rules';
import { auditRules } from '../audit/audit.rules';
import { harmoniousRules } from '../harmonious/harmonious.rules';
import { importRules } from '../imports/import.rules';

export type Action =
  'read' | 'create' | 'update' | 'move' | 'readPersonalData' | 'readAccessLog' | 'assign' | 'allocate' | 'approve' | 'disburse';
export type SubjectName =
  | 'Org'
  | 'Worker'
  | 'HardshipArchive'
  | 'HardshipLine'
  | 'RoleAssignment'
  | 'Fund'
  | 'AssistanceCase'
  | 'Pairing'
  | 'AuditEntry'
  | 'EnterpriseProfile'
  | 'HarmoniousParticipation'
  | 'HarmoniousNaming'
  | 'HarmoniousScoring'
  | 'Import';

/**
 * What every scoped record looks like to the rules: the materialised path of the org it belongs
 * to, and the id of its municipal root. Services build these from rows; SQL reads the same
 * names through a column map.
 */
export interface ScopedRecord {
  orgPath: string;
  rootId: number;
  /** For a harmonious naming: its level, which decides whose ADMIN makes it. */
  namingLevel?: string;
}

// Conditions are checked by our own matcher (with `$under`) and translated by scope-sql.ts.
export type AppAbility = MongoAbility<
  [Action, SubjectName | (ScopedRecord & { __caslSubjectType__: SubjectName })],
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  MongoQuery<Record<string, any>>
>;

/** One held role, with the path of the org it is held at. */
export interface Assignment {
  role: Role;
  orgId: number;
  orgPath: string;
  orgLevel: OrgLevel;
}

export type RuleBuilder = AbilityBuilder<AppAbility>;
/** Conditions every rule uses: "in the subtree of the assignment's org". */
export type Scope = { orgPath: { $under: string } };
export type ModuleRules = (builder: RuleBuilder, assignment: Assignment, scope: Scope) => void;

// `$under`: the record's path lies in the subtree rooted at the given path (ltree's `<@`).
const conditionsMatcher = buildMongoQueryMatcher(
  {
    $under: {
      type: 'field',
      validate: (_instruction: unknown, value: unknown) => {
        if (typeof value !== 'string') throw new Error('$under takes a path');
      },
    },
  },
  {
    under: (condition: FieldCondition<string>, object: unknown, { get }: { get: (o: unknown, f: string) => unknown }) => {
      const path = get(object, condition.field);
      return typeof path === 'string' && isUnder(path, condition.value);
    },
  },
);

const moduleRules: ModuleRules[] = [
  orgRules,
  userRules,
  workerRules,
  hardshipRules,
  fundRules,
  assistanceRules,
  pairingRules,
  auditRules,
  harmoniousRules,
  importRules,
];

export function defineAbilityFor(assignments: readonly Assignment[]): AppAbility {
  const builder = new AbilityBuilder<AppAbility>(createMongoAbility);
  for (const assignment of assignments) {
    if (!Object.values(Role).includes(assignment.role)) throw new Error(`unknown role ${String(assignment.role)}`);
    const scope: Scope = { orgPath: { $under: assignment.orgPath } };
    for (const rules of moduleRules) rules(builder, assignment, scope);
  }
  return builder.build({ conditionsMatcher: conditionsMatcher as never });
}

export function subjectOf(type: SubjectName, record: ScopedRecord): ScopedRecord & { __caslSubjectType__: SubjectName } {
  return asSubject(type, { ...record }) as ScopedRecord & { __caslSubjectType__: SubjectName };
}

export { ForbiddenError };
