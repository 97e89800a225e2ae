import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { getNamedType, isObjectType, Kind } from 'graphql';
import type { DataSource, QueryRunner } from 'typeorm';
import {
  AllocateFundsDocument,
  AssessHarmoniousParticipationDocument,
  HarmoniousNamingsDocument,
  HarmoniousParticipationsDocument,
  HarmoniousScoringDocument,
  NameHarmoniousEnterpriseDocument,
  RecordHarmoniousParticipationDocument,
  RevokeHarmoniousNamingDocument,
  SetEnterpriseProfileDocument,
  SetHarmoniousScoringDocument,
  ApplyAssistanceDocument,
  ApproveAssistanceDocument,
  AssistanceCaseDocument,
  AssistanceCasesDocument,
  AuditTrailDocument,
  CreatePairingDocument,
  DisburseAssistanceDocument,
  EndPairingDocument,
  LedgerEntriesDocument,
  PairingsDocument,
  RecordAssistanceOutcomeDocument,
  RecordIncomeDocument,
  RejectAssistanceDocument,
  ReverseLedgerEntryDocument,
  AssignRoleDocument,
  ChangePasswordDocument,
  CreateOrgDocument,
  CreateUserDocument,
  DisableUserDocument,
  EnableUserDocument,
  HardshipLinesDocument,
  LiftHardshipArchiveDocument,
  LoginDocument,
  MeDocument,
  MoveOrgDocument,
  OpenHardshipArchiveDocument,
  OrgDocument,
  RegisterWorkerDocument,
  ResetPasswordDocument,
  RevokeRoleDocument,
  SetHardshipLinesDocument,
  UpdateHardshipArchiveDocument,
  UpdateOrgDocument,
  UpdateWorkerDocument,
  WorkerDocument,
  WorkersDocument,
  type GonghuiClient,
  type HarmoniousCriterion,
} from '../client/sdk';
import { buildAppSchema } from '../server/schema';
import { insertArchive, insertUser, insertWorker, makeCreditCode, makeIdNumber, type FixtureOrg } from './support/fixture';
import { usePermissionTree } from './support/env';
import { TEST_PASSWORD } from './support/server';
import { Criterion } from '../server/harmonious/harmonious-enums';

const env = usePermissionTree();

// Who may do what lives in tests/permission-matrix.json, one row per root field: for a caller holding
// one role at org X, the relations to X of the target orgs where the call succeeds. A change there
// changes who can reach an endpoint: review it as a permission change.
const ROLES = ['ADMIN', 'STAFF', 'FINANCE', 'VIEWER'] as const;
type Role = (typeof ROLES)[number];
const RELATIONS = ['own', 'descendant', 'sibling subtree', 'ancestor'] as const;
type Relation = (typeof RELATIONS)[number];
const LEVELS = ['M', 'C1', 'T1', 'E1'] as const;
type Level = (typeof LEVELS)[number];
const ACCESS = ['any signed-in user', 'public'] as const;
type Access = (typeof ACCESS)[number];
// `atLevels`: only callers holding the role at orgs of these levels (a naming's level is its namer's).
type Policy = { allowed: Record<Role, Relation[]>; atLevels?: Level[]; note?: string } | { access: Access; note?: string };

/**
 * The matrix file's rows, refused whole on any unknown role, relation, level or key: a misspelt
 * name must fail the test, not grant or refuse a call without anyone noticing.
 */
function parsePolicy(document: unknown): Record<string, Policy> {
  const problems: string[] = [];
  const isList = (value: unknown, known: readonly string[]): value is string[] =>
    Array.isArray(value) && value.every((item) => typeof item === 'string' && known.includes(item)) && new Set(value).size === value.length;
  const fields = (document as { fields?: unknown } | null)?.fields;
  if (typeof fields !== 'object' || fields === null || Array.isArray(fields)) throw new Error('the matrix has no "fields" object');
  const policy: Record<string, Policy> = {};
  for (const [field, row] of Object.entries(fields as Record<string, unknown>)) {
    const problem = (what: string) => problems.push(`${field}: ${what}`);
    if (!/^(Query|Mutation)\.\w+$/.test(field)) problem('not a root field (Query.x or Mutation.x)');
    if (typeof row !== 'object' || row === null || Array.isArray(row)) {
      problem('a row is an object');
      continue;
    }
    const { note, access, atLevels, ...rest } = row as Record<string, unknown>;
    if (note !== undefined && (typeof note !== 'string' || note.trim() === '')) problem('note is a sentence');
    if (access !== undefined) {
      if (!ACCESS.includes(access as never)) problem(`access is one of ${ACCESS.join(', ')}`);
      if (atLevels !== undefined || Object.keys(rest).length > 0) problem('a row with access names no roles or levels');
      policy[field] = { access: access as Access, ...(note ? { note: note as string } : {}) };
      continue;
    }
    for (const key of Object.keys(rest)) if (!ROLES.includes(key as Role)) problem(`"${key}" is not a role (${ROLES.join(', ')})`);
    for (const role of ROLES) {
      if (!(role in rest)) problem(`no decision for ${role} (give [] to refuse it everywhere)`);
      else if (!isList(rest[role], RELATIONS)) problem(`${role} lists relations once each, out of ${RELATIONS.join(', ')}`);
    }
    if (atLevels !== undefined && (!isList(atLevels, LEVELS) || atLevels.length === 0))
      problem(`atLevels lists levels out of ${LEVELS.join(', ')}`);
    policy[field] = {
      allowed: Object.fromEntries(ROLES.map((role) => [role, rest[role] as Relation[]])) as Record<Role, Relation[]>,
      ...(atLevels ? { atLevels: atLevels as Level[] } : {}),
      ...(note ? { note: note as string } : {}),
    };
  }
  if (problems.length) throw new Error(`tests/permission-matrix.json:\n  ${problems.join('\n  ')}`);
  return policy;
}

const POLICY = parsePolicy(JSON.parse(readFileSync(path.join(__dirname, 'permission-matrix.json'), 'utf8')));

const ENTERPRISE_ONLY = new Set([
  'Mutation.setEnterpriseProfile',
  'Mutation.recordHarmoniousParticipation',
  'Mutation.assessHarmoniousParticipation',
  'Mutation.nameHarmoniousEnterprise',
  'Mutation.revokeHarmoniousNaming',
]);
/** The enterprise that stands for a county or township target: one in its subtree. */
const ENTERPRISE_BELOW: Record<string, string> = { M: 'E1', C1: 'E1', C2: 'E2', T1: 'E1', T1b: 'E1c' };

let serial = 100;
let keys = 0;
let campaignYear = 1000;
let hardshipSerial = 0;
const pawns = new Map<string, number>();
const cases = new Map<string, string>();

beforeAll(async () => {
  await refusals.start(env.server.db);
  // A user at every org for the ADMINs to change.
  for (const [name, org] of Object.entries(env.tree.orgs))
    pawns.set(name, await insertUser(env.server.db, `pawn.${name.toLowerCase()}`, [['VIEWER', org]]));
  // Allocations are made only by roles held at the giving org: the positive control holds FINANCE at every org.
  await insertUser(
    env.server.db,
    'treasurer',
    Object.values(env.tree.orgs).map((org) => ['FINANCE', org]),
  );
  // Changes its own password in the probe of changePassword (which ends its other sign-ins).
  await insertUser(env.server.db, 'pawn.password', [['VIEWER', env.tree.orgs.E2]]);
  // County namings are made by county ADMINs: the positive control holds ADMIN at both counties.
  await insertUser(env.server.db, 'county.admins', [
    ['ADMIN', env.tree.orgs.C1],
    ['ADMIN', env.tree.orgs.C2],
  ]);
  // Money in every fund, a case at every org, and a little history for the audit trail.
  for (const [name, org] of Object.entries(env.tree.orgs)) {
    await seedIncome(org, 1_000_000);
    cases.set(name, await seedCase(name, 'APPLIED'));
  }
});

afterAll(() => refusals.stop());

/** A participation of the enterprise that passed, and optionally its COUNTY naming by the enterprise's county. */
async function seedParticipation(org: FixtureOrg, named: boolean): Promise<{ participationId: string; namingId: string | null }> {
  const db = env.server.db;
  const [{ id }] = (await db.query(
    `INSERT INTO harmonious_participations (org_id, year, participating_workers, score, passed, assessed_by, assessed_at)
     VALUES ($1, $2, 1, 100, true, $3, now()) RETURNING id::text AS id`,
    [org.id, campaignYear++, pawns.get('M')],
  )) as [{ id: string }];
  if (!named) return { participationId: id, namingId: null };
  const [{ namingId }] = (await db.query(
    `INSERT INTO harmonious_namings (participation_id, org_id, year, level, named_by_org_id, named_by, named_on)
     SELECT p.id, p.org_id, p.year, 'COUNTY', $2, $3, '2020-01-01' FROM harmonious_participations p WHERE p.id = $1 RETURNING id::text AS "namingId"`,
    [id, Number(org.path.split('.')[1]), pawns.get('M')],
  )) as [{ namingId: string }];
  return { participationId: id, namingId };
}

/** An income entry and the balance it gives, as recordIncome writes them. */
async function seedIncome(org: FixtureOrg, fen: number): Promise<string> {
  const db = env.server.db;
  await db.query(
    `INSERT INTO fund_accounts (org_id, balance_fen) VALUES ($1, $2) ON CONFLICT (org_id) DO UPDATE SET balance_fen = fund_accounts.balance_fen + $2`,
    [org.id, fen],
  );
  const [{ id }] = (await db.query(
    `INSERT INTO ledger_entries (kind, to_org_id, source, amount_fen, recorded_by) VALUES ('INCOME', $1, 'OTHER', $2, $3) RETURNING id::text AS id`,
    [org.id, fen, pawns.get('M')],
  )) as [{ id: string }];
  await db.query(
    `INSERT INTO audit_entries (org_id, actor_id, action, subject_type, subject_id, after) VALUES ($1, $2, 'ledger.income', 'LedgerEntry', $3, '{}')`,
    [org.id, pawns.get('M'), id],
  );
  return id;
}

/** A LIVING case (or a SKILLS case once disbursed) of the org's worker, applied by a pawn, paid from the org's fund. */
async function seedCase(target: string, status: 'APPLIED' | 'APPROVED' | 'DISBURSED'): Promise<string> {
  const org = env.tree.orgs[target as keyof typeof env.tree.orgs];
  // Applied by the org's pawn, decided by another: nobody decides their own application.
  const pawn = pawns.get('E2');
  const [{ id }] = (await env.server.db.query(
    `INSERT INTO assistance_cases (worker_id, programme, status, amount_fen, course, applied_by, paying_org_id, approved_by, approved_at,
       disbursed_by, disbursed_at, disbursed_on)
     VALUES ($1, $2, $3, 100, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id::text AS id`,
    [
      env.tree.workers[target],
      status === 'DISBURSED' ? 'SKILLS' : 'LIVING',
      status,
      status === 'DISBURSED' ? '电工' : null,
      pawns.get(target),
      status === 'APPLIED' ? null : org.id,
      status === 'APPLIED' ? null : pawn,
      status === 'APPLIED' ? null : new Date(),
      status === 'DISBURSED' ? pawn : null,
      status === 'DISBURSED' ? new Date() : null,
      status === 'DISBURSED' ? '2025-01-01' : null,
    ],
  )) as [{ id: string }];
  return id;
}

/** A worker with an open archive, and optionally a running pairing, at the org. */
async function seedHardshipWorker(org: FixtureOrg, paired: boolean): Promise<{ workerId: string; pairingId: string | null }> {
  const n = hardshipSerial++;
  const birthDate = `1977-07-${String(1 + Math.floor(n / 500)).padStart(2, '0')}`;
  const workerId = await insertWorker(env.server.db, org, { serial: n % 500, birthDate });
  await insertArchive(env.server.db, workerId, { householdSize: 2, incomeFen: 30000 });
  if (!paired) return { workerId, pairingId: null };
  const [{ id }] = (await env.server.db.query(
    `INSERT INTO pairings (worker_id, cadre_name, cadre_post, cadre_org_id, started_on, created_by) VALUES ($1, '张伟', '主席', $2, '2021-01-01', $3)
     RETURNING id::text AS id`,
    [workerId, org.id, pawns.get('M')],
  )) as [{ id: string }];
  return { workerId, pairingId: id };
}

type Outcome = 'allowed' | 'denied' | 'unauthenticated';

/** Per table: its row count and the newest transaction that wrote one of its rows. */
type Fingerprint = Map<string, { rows: number; newest: number }>;

/**
 * Watches the database around mutations that are expected to be refused: a refusal must leave
 * every table as it was. A fingerprint covers every table of the public schema but TypeORM's
 * migrations, in one statement built once from the catalog: per table, its row count and the
 * newest xmin among its rows. Every insert or update writes a row version stamped with its
 * transaction's id, which is above every id stamped before, and a delete lowers the count, so any
 * committed write shows, even one that rewrites a row with its own values (which an md5 of the
 * rows would miss); a rolled-back write shows nowhere, as it should. It reads no row's contents:
 * 2 ms a fingerprint at the end of this file, where an md5 of every table's rows takes 17.
 * Sequences are no tables: a refused insert may advance one. The rollup folder, which moves deltas into the totals every 50 ms, is paused
 * meanwhile by holding the totals' lock (7005, server/rollup/maintenance.ts: a fold that finds it
 * taken skips its turn), so the rollup's tables are checked as strictly as the records.
 */
class RefusalWatch {
  private runner: QueryRunner | undefined;
  private statement = '';
  /** Refusals checked, and the seconds the checks took. */
  checked = 0;
  seconds = 0;

  async start(db: DataSource): Promise<void> {
    this.runner = db.createQueryRunner();
    await this.runner.connect();
    const [{ statement }] = (await this.runner.query(
      `SELECT string_agg(format('SELECT %L AS name, count(*)::int AS rows, coalesce(max(t.xmin::text::bigint), 0) AS newest FROM public.%I t',
         c.relname, c.relname), ' UNION ALL ' ORDER BY c.relname) AS statement
       FROM pg_class c JOIN pg_namespace s ON s.oid = c.relnamespace
       WHERE s.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition AND c.relname <> 'migrations'`,
    )) as [{ statement: string }];
    this.statement = statement;
  }

  async stop(): Promise<void> {
    await this.runner?.release();
  }

  /** Sends the mutation between two fingerprints; when it was refused, they must be equal. */
  async around<T>(label: string, send: () => Promise<T>, refused: (result: T) => boolean): Promise<T> {
    const runner = this.runner!;
    let started = performance.now();
    // Waits for a fold under way to commit; the folds after it skip their turns until the unlock.
    await runner.query('SELECT pg_advisory_lock(7005, 0)');
    try {
      const before = await this.fingerprint();
      this.seconds += (performance.now() - started) / 1000;
      const result = await send();
      started = performance.now();
      if (refused(result)) {
        this.checked++;
        expect(await this.changes(before), `${label} was refused, but it wrote`).toEqual([]);
      }
      return result;
    } finally {
      await runner.query('SELECT pg_advisory_unlock(7005, 0)');
      this.seconds += (performance.now() - started) / 1000;
    }
  }

  private async fingerprint(): Promise<Fingerprint> {
    const rows = (await this.runner!.query(this.statement)) as { name: string; rows: number; newest: string }[];
    return new Map(rows.map((row) => [row.name, { rows: row.rows, newest: Number(row.newest) }]));
  }

  /** The tables that differ from `before`, each with a few of the row versions written since. */
  private async changes(before: Fingerprint): Promise<string[]> {
    const found: string[] = [];
    for (const [table, now] of await this.fingerprint()) {
      const then = before.get(table);
      if (then && then.rows === now.rows && then.newest === now.newest) continue;
      const written = (await this.runner!.query(`SELECT t::text AS row FROM public."${table}" t WHERE t.xmin::text::bigint > $1 LIMIT 3`, [
        then?.newest ?? 0,
      ])) as { row: string }[];
      found.push(`${table}: ${then?.rows ?? 'no'} rows -> ${now.rows}${written.map(({ row }) => `; wrote ${row}`).join('')}`);
    }
    return found;
  }
}

const refusals = new RefusalWatch();
/** Set by the matrix while the probe it runs is expected to be refused. */
let watchedProbe: string | null = null;

function isMutation(document: TypedDocumentNode<unknown, never>): boolean {
  return document.definitions.some((definition) => definition.kind === Kind.OPERATION_DEFINITION && definition.operation === 'mutation');
}

/** What a probe returned: allowed, denied as FORBIDDEN / NOT_FOUND / null, or unauthenticated. Anything else fails the test. */
async function outcome<TData, TVars>(
  client: GonghuiClient,
  document: TypedDocumentNode<TData, TVars>,
  variables: TVars,
  isNull?: (data: TData) => boolean,
): Promise<Outcome> {
  const send = () => client.execute(document, variables);
  const result =
    watchedProbe !== null && isMutation(document as TypedDocumentNode<unknown, never>)
      ? await refusals.around(watchedProbe, send, (answer) => !!answer.errors?.length)
      : await send();
  if (result.errors?.length) {
    const code = result.errors[0]?.extensions?.code;
    if (code === 'UNAUTHENTICATED') return 'unauthenticated';
    if (code !== 'FORBIDDEN' && code !== 'NOT_FOUND') throw new Error(`unexpected error ${code}: ${result.errors[0]?.message}`);
    return 'denied';
  }
  return isNull?.(result.data as TData) ? 'denied' : 'allowed';
}

const CHILD_LEVEL: Record<string, 'COUNTY' | 'TOWNSHIP' | 'ENTERPRISE' | undefined> = {
  MUNICIPAL: 'COUNTY',
  COUNTY: 'TOWNSHIP',
  TOWNSHIP: 'ENTERPRISE',
};

type Probe = (client: GonghuiClient, target: string, org: FixtureOrg) => Promise<Outcome>;

const probes: Record<string, Probe> = {
  'Query.org': (c, _t, org) => outcome(c, OrgDocument, { id: String(org.id) }, (d) => d.org === null),
  'Query.workers': (c, _t, org) => outcome(c, WorkersDocument, { orgId: String(org.id), first: 1 }),
  'Query.worker': (c, t) => outcome(c, WorkerDocument, { id: env.tree.workers[t]! }, (d) => d.worker === null),
  'Query.hardshipLines': (c, _t, org) => outcome(c, HardshipLinesDocument, { orgId: String(org.id) }),
  'Mutation.createOrg': (c, _t, org) =>
    outcome(c, CreateOrgDocument, {
      input: { parentId: String(org.id), code: `N${serial++}`, name: '新工会', level: CHILD_LEVEL[org.level]! },
    }),
  'Mutation.updateOrg': (c, t, org) => outcome(c, UpdateOrgDocument, { input: { id: String(org.id), name: `${t} 工会` } }),
  'Mutation.moveOrg': (c, t, org) => {
    const parentId = org.path.split('.').at(-2);
    if (!parentId) throw new Error(`${t} has no parent to stay under`);
    return outcome(c, MoveOrgDocument, { input: { id: String(org.id), newParentId: parentId } });
  },
  'Mutation.createUser': (c, _t, org) =>
    outcome(c, CreateUserDocument, {
      input: {
        username: `u${serial++}`,
        displayName: '新用户',
        password: 'long-enough-pw',
        assignments: [{ role: 'VIEWER', orgId: String(org.id) }],
      },
    }),
  'Mutation.assignRole': (c, t, org) =>
    outcome(c, AssignRoleDocument, { input: { userId: String(pawns.get(t)), role: 'VIEWER', orgId: String(org.id) } }),
  'Mutation.resetPassword': (c, t) =>
    outcome(c, ResetPasswordDocument, { input: { userId: String(pawns.get(t)), newPassword: 'another-long-password' } }),
  'Mutation.disableUser': (c, t) => outcome(c, DisableUserDocument, { userId: String(pawns.get(t)) }),
  'Mutation.enableUser': (c, t) => outcome(c, EnableUserDocument, { userId: String(pawns.get(t)) }),
  'Mutation.revokeRole': async (c, t, org) => {
    const [{ id }] = (await env.server.db.query(
      `INSERT INTO role_assignments (user_id, org_id, role) VALUES ($1, $2, 'STAFF') ON CONFLICT (user_id, org_id, role) DO UPDATE SET role = 'STAFF' RETURNING id`,
      [pawns.get(t), org.id],
    )) as [{ id: number }];
    return outcome(c, RevokeRoleDocument, { id: String(id) });
  },
  'Mutation.registerWorker': (c, _t, org) =>
    outcome(c, RegisterWorkerDocument, {
      input: {
        orgId: String(org.id),
        name: '新职工',
        idNumber: makeIdNumber('1985-01-02', 'FEMALE', serial++ % 500, '110101'),
        education: 'HIGH_SCHOOL',
      },
    }),
  'Mutation.updateWorker': (c, t) => outcome(c, UpdateWorkerDocument, { input: { id: env.tree.workers[t]!, isMember: true } }),
  'Mutation.openHardshipArchive': async (c, _t, org) => {
    const workerId = await insertWorker(env.server.db, org, { serial: serial++ % 500, birthDate: '1975-03-04' });
    return outcome(c, OpenHardshipArchiveDocument, {
      input: { workerId, householdSize: 2, householdMonthlyIncome: '400.00', causes: ['LAID_OFF'] },
    });
  },
  'Mutation.updateHardshipArchive': (c, t) =>
    outcome(c, UpdateHardshipArchiveDocument, { input: { id: env.tree.archives[t]!, householdSize: 3 } }),
  'Mutation.liftHardshipArchive': async (c, _t, org) => {
    const workerId = await insertWorker(env.server.db, org, { serial: serial++ % 500, birthDate: '1976-03-04' });
    const archiveId = await insertArchive(env.server.db, workerId, { householdSize: 2, incomeFen: 30000 });
    return outcome(c, LiftHardshipArchiveDocument, { input: { id: archiveId, reason: '再就业' } });
  },
  'Mutation.setHardshipLines': (c, _t, org) =>
    outcome(c, SetHardshipLinesDocument, {
      input: { orgId: String(org.id), hardshipLine: '280.00', extremeLine: '245.00', effectiveFrom: '2010-01-01' },
    }),
  'Query.ledgerEntries': (c, _t, org) => outcome(c, LedgerEntriesDocument, { orgId: String(org.id), first: 1 }),
  'Query.assistanceCase': (c, t) => outcome(c, AssistanceCaseDocument, { id: cases.get(t)! }, (d) => d.assistanceCase === null),
  'Query.assistanceCases': (c, _t, org) => outcome(c, AssistanceCasesDocument, { orgId: String(org.id), first: 1 }),
  'Query.pairings': (c, _t, org) => outcome(c, PairingsDocument, { orgId: String(org.id), first: 1 }),
  'Query.auditTrail': (c, _t, org) => outcome(c, AuditTrailDocument, { orgId: String(org.id), first: 1 }),
  'Mutation.recordIncome': (c, _t, org) =>
    outcome(c, RecordIncomeDocument, { input: { orgId: String(org.id), source: 'OTHER', amount: '1.00', idempotencyKey: `p${keys++}` } }),
  'Mutation.allocateFunds': async (c, _t, org) => {
    const [child] = (await env.server.db.query('SELECT id FROM orgs WHERE parent_id = $1 ORDER BY id LIMIT 1', [org.id])) as {
      id: number;
    }[];
    return outcome(c, AllocateFundsDocument, {
      input: { fromOrgId: String(org.id), toOrgId: String(child!.id), amount: '0.01', idempotencyKey: `p${keys++}` },
    });
  },
  'Mutation.reverseLedgerEntry': async (c, _t, org) =>
    outcome(c, ReverseLedgerEntryDocument, {
      input: { entryId: await seedIncome(org, 100), reason: '更正', idempotencyKey: `p${keys++}` },
    }),
  'Mutation.applyAssistance': (c, t) =>
    outcome(c, ApplyAssistanceDocument, {
      input: { workerId: env.tree.workers[t]!, programme: 'LIVING', amount: '1.00', idempotencyKey: `p${keys++}` },
    }),
  'Mutation.approveAssistance': async (c, t, org) =>
    outcome(c, ApproveAssistanceDocument, { caseId: await seedCase(t, 'APPLIED'), payingOrgId: String(org.id) }),
  'Mutation.rejectAssistance': async (c, t) =>
    outcome(c, RejectAssistanceDocument, { caseId: await seedCase(t, 'APPLIED'), reason: '不符合条件' }),
  'Mutation.disburseAssistance': async (c, t) =>
    outcome(c, DisburseAssistanceDocument, { caseId: await seedCase(t, 'APPROVED'), idempotencyKey: `p${keys++}` }),
  'Mutation.recordAssistanceOutcome': async (c, t) =>
    outcome(c, RecordAssistanceOutcomeDocument, { input: { caseId: await seedCase(t, 'DISBURSED'), reemployed: true } }),
  'Mutation.createPairing': async (c, _t, org) =>
    outcome(c, CreatePairingDocument, {
      input: {
        workerId: (await seedHardshipWorker(org, false)).workerId,
        cadreName: '张伟',
        cadrePost: '主席',
        cadreOrgId: String(org.id),
      },
    }),
  'Query.harmoniousScoring': (c, _t, org) => outcome(c, HarmoniousScoringDocument, { orgId: String(org.id) }),
  'Query.harmoniousParticipations': (c, _t, org) => outcome(c, HarmoniousParticipationsDocument, { orgId: String(org.id), first: 1 }),
  'Query.harmoniousNamings': (c, _t, org) => outcome(c, HarmoniousNamingsDocument, { orgId: String(org.id), first: 1 }),
  'Mutation.setEnterpriseProfile': (c, _t, org) => {
    return outcome(c, SetEnterpriseProfileDocument, {
      input: {
        orgId: String(org.id),
        creditCode: makeCreditCode(org.id),
        ownership: 'PRIVATE',
        industry: '制造',
        employees: 10,
      },
    });
  },
  'Mutation.recordHarmoniousParticipation': (c, _t, org) =>
    outcome(c, RecordHarmoniousParticipationDocument, { input: { orgId: String(org.id), year: 2020, participatingWorkers: 1 } }),
  'Mutation.assessHarmoniousParticipation': async (c, _t, org) =>
    outcome(c, AssessHarmoniousParticipationDocument, {
      input: {
        participationId: (await seedParticipation(org, false)).participationId,
        criteria: (Object.values(Criterion) as HarmoniousCriterion[]).map((criterion) => ({ criterion, met: true })),
      },
    }),
  'Mutation.setHarmoniousScoring': (c, _t, org) =>
    outcome(c, SetHarmoniousScoringDocument, {
      input: {
        orgId: String(org.id),
        passMark: 90,
        weights: [
          { criterion: 'COLLECTIVE_CONTRACT', weight: 20 },
          { criterion: 'WAGE_BARGAINING', weight: 20 },
          { criterion: 'WORKERS_CONGRESS', weight: 15 },
          { criterion: 'FACTORY_AFFAIRS_OPENNESS', weight: 10 },
          { criterion: 'NO_WAGE_ARREARS', weight: 20 },
          { criterion: 'SAFE_PRODUCTION', weight: 15 },
        ],
      },
    }),
  'Mutation.nameHarmoniousEnterprise': async (c, _t, org) =>
    outcome(c, NameHarmoniousEnterpriseDocument, {
      input: { participationId: (await seedParticipation(org, false)).participationId, level: 'COUNTY' },
    }),
  'Mutation.revokeHarmoniousNaming': async (c, _t, org) =>
    outcome(c, RevokeHarmoniousNamingDocument, { input: { id: (await seedParticipation(org, true)).namingId!, reason: '复查不合格' } }),
  'Mutation.endPairing': async (c, _t, org) =>
    outcome(c, EndPairingDocument, { input: { id: (await seedHardshipWorker(org, true)).pairingId!, note: '干部调离' } }),
};

/** The rows no role decides (`access`), each probed as a signed-in user and as an anonymous caller. */
const openProbes: Record<string, (client: GonghuiClient) => Promise<Outcome>> = {
  'Query.me': (c) => outcome(c, MeDocument, {}),
  'Mutation.login': (c) => outcome(c, LoginDocument, { username: 'pawn.m', password: TEST_PASSWORD }),
  // The same password again: what is probed is who may change it.
  'Mutation.changePassword': (c) =>
    outcome(c, ChangePasswordDocument, { input: { currentPassword: TEST_PASSWORD, newPassword: TEST_PASSWORD } }),
};

const RELATED: Record<Level, Partial<Record<Relation, string>>> = {
  M: { own: 'M', descendant: 'C1' },
  C1: { own: 'C1', descendant: 'T1', 'sibling subtree': 'C2', ancestor: 'M' },
  T1: { own: 'T1', descendant: 'E1', 'sibling subtree': 'T1b', ancestor: 'C1' },
  E1: { own: 'E1', 'sibling subtree': 'E1b', ancestor: 'T1' },
};

describe('the permission matrix', () => {
  it('has an entry for every query and mutation of the schema', async () => {
    const schema = await buildAppSchema();
    const fields = ['Query', 'Mutation'].flatMap((type) => {
      const object = schema.getType(type);
      return isObjectType(getNamedType(object)) && object && 'getFields' in object
        ? Object.keys(object.getFields()).map((f) => `${type}.${f}`)
        : [];
    });
    expect(fields.sort()).toEqual(Object.keys(POLICY).sort());
    // The rows no role decides are probed signed in and anonymously; every other row, by role and relation.
    const byAccess = Object.keys(POLICY).filter((field) => 'access' in POLICY[field]!);
    expect(byAccess.sort()).toEqual(Object.keys(openProbes).sort());
    expect([...Object.keys(probes), ...byAccess].sort()).toEqual(Object.keys(POLICY).sort());
  });

  it('refuses a matrix file that names an unknown role, relation, level or key', () => {
    const row = { ADMIN: ['own'], STAFF: [], FINANCE: [], VIEWER: ['own', 'descendant'] };
    expect(parsePolicy({ fields: { 'Query.org': { ...row, note: 'why', atLevels: ['C1'] } } })['Query.org']).toEqual({
      allowed: row,
      note: 'why',
      atLevels: ['C1'],
    });
    const wrong: [unknown, RegExp][] = [
      [{ ...row, STAF: [] }, /"STAF" is not a role/],
      [{ ...row, notes: 'why' }, /"notes" is not a role/],
      [{ ...row, ADMIN: ['sibling'] }, /ADMIN lists relations/],
      [{ ...row, ADMIN: ['own', 'own'] }, /ADMIN lists relations once each/],
      [{ ADMIN: ['own'], STAFF: [], FINANCE: [] }, /no decision for VIEWER/],
      [{ ...row, atLevels: ['C3'] }, /atLevels lists levels/],
      [{ access: 'everyone' }, /access is one of/],
      [{ access: 'public', ADMIN: [] }, /names no roles/],
    ];
    for (const [bad, problem] of wrong) expect(() => parsePolicy({ fields: { 'Query.org': bad } })).toThrow(problem);
    expect(() => parsePolicy({ fields: { 'Subscription.org': row } })).toThrow(/not a root field/);
  });

  it('refuses every root field to an anonymous caller but the public ones, writing nothing', async () => {
    for (const [field, probe] of Object.entries(probes)) {
      const targetName = ENTERPRISE_ONLY.has(field) ? 'E1' : 'C1';
      watchedProbe = `anonymous ${field}`;
      try {
        expect(await probe(env.server.client, targetName, env.tree.orgs[targetName]), `anonymous ${field}`).toBe('unauthenticated');
      } finally {
        watchedProbe = null;
      }
    }
    for (const [field, probe] of Object.entries(openProbes)) {
      const policy = POLICY[field]!;
      if (!('access' in policy)) throw new Error(`${field} has an open probe, but its row decides by role`);
      // Signed in afresh each time: changing a password ends the user's earlier sign-ins.
      const { login } = await env.server.client.request(LoginDocument, { username: 'pawn.password', password: TEST_PASSWORD });
      expect(await probe(env.server.client.withToken(login.token)), `${field} signed in`).toBe('allowed');
      expect(await probe(env.server.client), `${field} anonymous`).toBe(policy.access === 'public' ? 'allowed' : 'unauthenticated');
    }
  });

  // Some 3,000 requests, a thousand of them between fingerprints: minutes on a loaded machine.
  it('gives each role at each level what the policy says, with a positive control for every denial', { timeout: 240_000 }, async () => {
    const lines: string[] = [];
    let probesRun = 0;
    const admin = await env.server.as('admin.m');
    const treasurer = await env.server.as('treasurer');
    const countyAdmins = await env.server.as('county.admins');
    for (const role of ROLES) {
      for (const level of LEVELS) {
        const username = `${role.toLowerCase()}.${level.toLowerCase()}`;
        const client = await env.server.as(username);
        expect((await client.request(MeDocument, {})).me.username).toBe(username);
        probesRun++;
        for (const [field, probe] of Object.entries(probes)) {
          const policy = POLICY[field]!;
          if ('access' in policy) throw new Error(`${field} is probed, but its row decides no role`);
          for (const [relation, relatedName] of Object.entries(RELATED[level]) as [Relation, string][]) {
            let targetName = relatedName;
            if (ENTERPRISE_ONLY.has(field) && env.tree.orgs[relatedName as keyof typeof env.tree.orgs].level !== 'ENTERPRISE') {
              if (relation === 'own' || relation === 'ancestor') continue;
              targetName = ENTERPRISE_BELOW[relatedName]!;
            }
            const target = env.tree.orgs[targetName as keyof typeof env.tree.orgs];
            // Lines exist only at a root; a root has nowhere to move.
            if ((field === 'Mutation.setHardshipLines' || field === 'Mutation.setHarmoniousScoring') && target.level !== 'MUNICIPAL')
              continue;
            if (field === 'Mutation.moveOrg' && target.level === 'MUNICIPAL') continue;
            // An enterprise union has no child orgs.
            if ((field === 'Mutation.createOrg' || field === 'Mutation.allocateFunds') && target.level === 'ENTERPRISE') continue;
            const mayAct = policy.allowed[role].includes(relation) && (policy.atLevels ?? [level]).includes(level);
            const expected: Outcome = mayAct ? 'allowed' : 'denied';
            const label = `${username} ${field} on ${relation} (${targetName})`;
            // A mutation expected to be refused is sent between two fingerprints of the database.
            watchedProbe = expected === 'denied' ? label : null;
            let actual: Outcome;
            try {
              actual = await probe(client, targetName, target);
            } finally {
              watchedProbe = null;
            }
            probesRun++;
            lines.push(`${username.padEnd(12)} ${field.padEnd(30)} ${relation.padEnd(16)} ${actual}`);
            expect(actual, label).toBe(expected);
            if (actual === 'denied') {
              const control = field === 'Mutation.allocateFunds' ? treasurer : policy.atLevels?.includes('C1') ? countyAdmins : admin;
              expect(await probe(control, targetName, target), `positive control for ${username} ${field} on ${targetName}`).toBe(
                'allowed',
              );
              probesRun++;
            }
          }
        }
      }
    }
    await expect(`${lines.join('\n')}\n`).toMatchFileSnapshot('__snapshots__/permission-matrix.txt');
    console.log(`permission matrix: ${probesRun} probes`);
    console.log(`refused mutations: ${refusals.checked}, each left every table as it was (fingerprints: ${refusals.seconds.toFixed(1)} s)`);
    expect(probesRun).toBeGreaterThan(500);
    expect(refusals.checked).toBeGreaterThan(300);
  });
});
