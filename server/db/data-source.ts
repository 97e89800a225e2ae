import 'reflect-metadata';
import { migrations } from '../../migrations';
import { DataSource, type Logger } from 'typeorm';
import { HardshipArchive } from '../hardship/hardship-archive.entity';
import { HardshipLine } from '../hardship/hardship-line.entity';
import { Org } from '../org/org.entity';
import { RoleAssignment } from '../user/role-assignment.entity';
import { User } from '../user/user.entity';
import { SignInThrottle } from '../auth/sign-in-throttle.entity';
import { Import, ImportProblem } from '../imports/import.entity';
import { Worker } from '../worker/worker.entity';
import { AssistanceCase } from '../assistance/assistance-case.entity';
import { AuditEntry } from '../audit/audit-entry.entity';
import { FundAccount } from '../funds/fund-account.entity';
import { IdempotencyKey } from '../funds/idempotency-key.entity';
import { LedgerEntry } from '../funds/ledger-entry.entity';
import { Pairing } from '../pairing/pairing.entity';
import { EnterpriseProfile } from '../harmonious/enterprise-profile.entity';
import { HarmoniousScoring } from '../harmonious/harmonious-scoring.entity';
import { HarmoniousParticipation } from '../harmonious/participation.entity';
import { CriterionResult } from '../harmonious/criterion-result.entity';
import { HarmoniousNaming } from '../harmonious/naming.entity';

export const entities = [
  Org,
  User,
  RoleAssignment,
  Worker,
  HardshipArchive,
  HardshipLine,
  FundAccount,
  LedgerEntry,
  IdempotencyKey,
  AssistanceCase,
  Pairing,
  AuditEntry,
  EnterpriseProfile,
  HarmoniousScoring,
  HarmoniousParticipation,
  CriterionResult,
  HarmoniousNaming,
  SignInThrottle,
  Import,
  ImportProblem,
];

/**
 * Bounds on what one request can hold (issue 6): PostgreSQL stops a statement that runs longer,
 * a lock wait that lasts longer, and a transaction left idle; a request waits this long at most
 * for a pooled connection. Only the API's connections carry them: migrations, the demo load and
 * the rebuilds run on a connection of their own without them.
 */
export interface ConnectionLimits {
  statementTimeoutMs: number;
  lockTimeoutMs: number;
  idleInTransactionMs: number;
  acquireTimeoutMs: number;
}

export const API_CONNECTION_LIMITS: ConnectionLimits = {
  statementTimeoutMs: 15_000,
  lockTimeoutMs: 5_000,
  idleInTransactionMs: 30_000,
  acquireTimeoutMs: 5_000,
};

export function createDataSource(url: string, options: { poolSize?: number; logger?: Logger; limits?: ConnectionLimits } = {}): DataSource {
  const { limits } = options;
  return new DataSource({
    type: 'postgres',
    url,
    entities,
    migrations,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    logging: options.logger ? ['query'] : false,
    ...(options.logger ? { logger: options.logger } : {}),
    extra: {
      max: options.poolSize ?? 10,
      application_name: 'gonghui',
      // node-postgres sends these as the session's settings when it connects.
      ...(limits && {
        statement_timeout: limits.statementTimeoutMs,
        lock_timeout: limits.lockTimeoutMs,
        idle_in_transaction_session_timeout: limits.idleInTransactionMs,
        connectionTimeoutMillis: limits.acquireTimeoutMs,
      }),
    },
  });
}
