import 'reflect-metadata';
import { migrations } from '../../migrations';
import { DataSource, type Logger } from 'typeorm';
import { HardshipArchive } from '../hardship/hardship-archive.entity';
import { HardshipLine } from '../hardship/hardship-line.entity';
import { Org } from '../org/org.entity';
import { RoleAssignment } from '../user/role-assignment.entity';
import { User } from '../user/user.entity';
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
];

export function createDataSource(url: string, options: { poolSize?: number; logger?: Logger } = {}): DataSource {
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
    extra: { max: options.poolSize ?? 10, application_name: 'gonghui' },
  });
}
