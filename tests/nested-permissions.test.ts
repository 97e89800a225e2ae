import { beforeAll, describe, expect, it } from 'vitest';
import {
  getNamedType,
  isObjectType,
  Kind,
  parse,
  print,
  TypeInfo,
  visit,
  visitWithTypeInfo,
  type FieldNode,
  type GraphQLNamedType,
  type GraphQLSchema,
} from 'graphql';
import {
  AllocateFundsDocument,
  ApplyAssistanceDocument,
  ApproveAssistanceDocument,
  AssessHarmoniousParticipationDocument,
  CreatePairingDocument,
  DisburseAssistanceDocument,
  MoveOrgDocument,
  NameHarmoniousEnterpriseDocument,
  RecordHarmoniousParticipationDocument,
  RecordIncomeDocument,
  ReverseLedgerEntryDocument,
  SetEnterpriseProfileDocument,
  type HarmoniousCriterion,
} from '../client/sdk';
import { buildAppSchema } from '../server/schema';
import { insertArchive, insertOrg, insertUser, insertWorker, makeCreditCode, makeIdNumber, type FixtureOrg } from './support/fixture';
import { usePermissionTree } from './support/env';
import { postRaw, TEST_PASSWORD } from './support/server';
import { Criterion } from '../server/harmonious/harmonious-enums';

// Probes through nested fields: from what a caller may see (its own org, the lists of its own org,
// itself) along every field that leads to an org, a worker, a case, an entry or another record of
// an org, over data whose references cross into other subtrees: money from ancestors, cases paid
// from above, a cadre from a sibling township, a township moved to another county with its
// history. Each answer must be the municipal ADMIN's answer to the same document less what the
// caller may not see (the positive control): records and orgs outside its subtree absent or null,
// and of the orgs above it the breadcrumbs alone (code, name and level).

const env = usePermissionTree();

/** The record types that belong to one org, and the figures of one org's subtree. */
const ORG_BOUND = new Set([
  'Org',
  'OrgSummary',
  'Worker',
  'HardshipArchive',
  'AssistanceCase',
  'LedgerEntry',
  'Pairing',
  'HarmoniousParticipation',
  'HarmoniousNaming',
  'EnterpriseProfile',
  'AuditEntry',
  'RoleAssignment',
  'Rollup',
]);

/** A connection stands for its nodes (`XConnection.edges.node`). */
function boundTypeOf(type: GraphQLNamedType): string {
  if (!isObjectType(type) || !type.name.endsWith('Connection')) return type.name;
  const edge = getNamedType(type.getFields().edges?.type);
  return isObjectType(edge) ? getNamedType(edge.getFields().node!.type).name : type.name;
}

/** Every field beside the root fields that leads to an org-bound type, as `Type.field`. */
function nestedPaths(schema: GraphQLSchema): string[] {
  const roots = new Set([schema.getQueryType()?.name, schema.getMutationType()?.name]);
  const paths: string[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__') || roots.has(type.name)) continue;
    // A connection's and an edge's fields are walked through the field that returns the connection.
    if (type.name.endsWith('Connection') || type.name.endsWith('Edge')) continue;
    for (const field of Object.values(type.getFields()))
      if (ORG_BOUND.has(boundTypeOf(getNamedType(field.type)))) paths.push(`${type.name}.${field.name}`);
  }
  return paths.sort();
}

interface NestedProbe {
  /** `$own` stands for the id of the reader's own org; `$username` and `$password` for the reader's. */
  document: string;
  /** Readers the root field admits; the permission matrix checks that it refuses the others. */
  admits?: (role: string) => boolean;
  /** The reader reads itself (`me`, or logs in): no one else's answer to compare with. */
  self?: 'me' | 'login';
}

// A cursor of another county's page of children, given where the reader pages its own.
const FOREIGN_CURSOR = Buffer.from('c:C2', 'utf8').toString('base64url');
/** A page of one of the reader's own org's lists, with `fields` of each record (the cost limit counts the page's size). */
const page = (list: string, fields: string, first = 10) =>
  `{ ${list}(orgId: $own, first: ${first}) { totalCount edges { node { id ${fields} } } } }`;

const probes: Record<string, NestedProbe> = {
  'Org.parent': {
    document: `{ org(id: $own) { id code parent { id code } children(first: 10) { edges { node { id code parent { id code } } } } } }`,
  },
  'Org.ancestors': {
    document: `{ org(id: $own) { id code ancestors { code name level } children(first: 10) { edges { node { id code ancestors { code } } } } } }`,
  },
  'Org.children': {
    document: `{ org(id: $own) { id code children(first: 10) { totalCount edges { node { id code } } }
      afterForeignCursor: children(first: 10, after: "${FOREIGN_CURSOR}") { totalCount edges { node { id code } } } } }`,
  },
  // Down the rollup's children, which take no page size (the cost limit counts a page's size).
  'Org.enterpriseProfile': {
    document: `{ org(id: $own) { id code enterpriseProfile { creditCode } rollup { org { id code } byChild { org { id code enterpriseProfile { creditCode } }
      byChild { org { id code enterpriseProfile { creditCode } } } } } } }`,
  },
  'Org.rollup': {
    document: `{ org(id: $own) { id code fundBalance rollup { org { id code } orgCount workers { total members hardship { total } extremeHardship { total } }
      funds { income disbursed balance byProgramme { programme amount personTimes beneficiaries } } pairings { total active lifted }
      harmonious { participatingEnterprises participatingWorkers named county municipal } reemployed } } }`,
  },
  'Rollup.org': { document: `{ org(id: $own) { id code rollup { org { id code parent { id code } } byChild { org { id code } } } } }` },
  'Rollup.byChild': {
    document: `{ org(id: $own) { id code rollup { org { id code } byChild { org { id code } orgCount workers { total } funds { income balance }
      byChild { org { id code } orgCount } } } } }`,
  },
  'Worker.org': { document: page('workers', 'org { id code parent { id code } }') },
  'Worker.assistanceCases': { document: page('workers', 'assistanceCases(first: 3) { id status payingOrg { id code } }') },
  'Worker.hardshipArchive': { document: page('workers', 'hardshipArchive { id openedOn }') },
  'Worker.hardshipArchives': { document: page('workers', 'hardshipArchives { id openedOn liftedOn }') },
  'HardshipArchive.worker': { document: page('workers', 'hardshipArchives { id worker { id org { id code } } }') },
  'AssistanceCase.worker': { document: page('assistanceCases', 'status worker { id org { id code } }') },
  'AssistanceCase.payingOrg': { document: page('assistanceCases', 'status payingOrg { id code ancestors { code } }') },
  'LedgerEntry.fromOrg': { document: page('ledgerEntries', 'kind amount fromOrg { code name level }') },
  'LedgerEntry.toOrg': { document: page('ledgerEntries', 'kind amount toOrg { code name level }') },
  'LedgerEntry.worker': { document: page('ledgerEntries', 'kind worker { id org { id code } }') },
  'LedgerEntry.assistanceCase': { document: page('ledgerEntries', 'kind assistanceCase { id payingOrg { id code } worker { id } }') },
  'Pairing.worker': { document: page('pairings', 'worker { id org { id code } }') },
  'Pairing.cadreOrg': { document: page('pairings', 'cadreName cadreOrg { code name level }') },
  'HarmoniousParticipation.org': { document: page('harmoniousParticipations', 'year org { id code parent { id code } }') },
  'HarmoniousParticipation.namings': {
    document: page('harmoniousParticipations', 'year namings { id level namedBy { code } org { id code } }'),
  },
  'HarmoniousNaming.org': { document: page('harmoniousNamings', 'level org { id code enterpriseProfile { creditCode } }') },
  'HarmoniousNaming.namedBy': { document: page('harmoniousNamings', 'level namedBy { code name level }') },
  'AuditEntry.org': {
    document: page('auditTrail', 'action subjectType org { code name level }', 30),
    admits: (role) => role === 'ADMIN' || role === 'VIEWER',
  },
  'Viewer.assignments': {
    document: `{ me { id username assignments { id role org { id code parent { id code } ancestors { code } } } } }`,
    self: 'me',
  },
  // At login there is no caller yet: the roles' orgs are shown to whoever knows the password.
  'RoleAssignment.org': {
    document: `mutation { login(username: $username, password: $password) { viewer { id assignments { id role
      org { id code parent { id code } ancestors { code } children(first: 10) { totalCount edges { node { id code } } } enterpriseProfile { creditCode } } } } } }`,
    self: 'login',
  },
};

/** Adds `__typename` to every selection, so that each object of an answer says what it is. */
function typed(document: string): string {
  const typename: FieldNode = { kind: Kind.FIELD, name: { kind: Kind.NAME, value: '__typename' } };
  return print(
    visit(parse(document), {
      SelectionSet: (node) =>
        node.selections.some((selection) => selection.kind === Kind.FIELD && selection.name.value === '__typename')
          ? undefined
          : { ...node, selections: [...node.selections, typename] },
    }),
  );
}

/** The fields a document selects, as `Type.field`. */
function coordinatesOf(schema: GraphQLSchema, document: string): Set<string> {
  const typeInfo = new TypeInfo(schema);
  const found = new Set<string>();
  visit(
    parse(document),
    visitWithTypeInfo(typeInfo, {
      Field: (node) => {
        const parent = typeInfo.getParentType();
        if (parent) found.add(`${parent.name}.${node.name.value}`);
      },
    }),
  );
  return found;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };
const isObject = (value: Json): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Codes of the orgs a user's roles reach (its subtrees) and of those it sees as breadcrumbs (the ones above). */
interface Reach {
  subtree: Set<string>;
  breadcrumbs: Set<string>;
}

async function reachOf(username: string): Promise<Reach> {
  const rows = (await env.server.db.query(
    `SELECT o.code, bool_or(o.path <@ a.path) AS inside FROM users u JOIN role_assignments ra ON ra.user_id = u.id
     JOIN orgs a ON a.id = ra.org_id JOIN orgs o ON o.path <@ a.path OR o.path @> a.path
     WHERE u.username = $1 GROUP BY o.code`,
    [username],
  )) as { code: string; inside: boolean }[];
  return { subtree: new Set(rows.filter((row) => row.inside).map((row) => row.code)), breadcrumbs: new Set(rows.map((row) => row.code)) };
}

/** For each record type, the orgs a row belongs to (a ledger entry: the funds at either end), by its key. */
const OWNERS: Record<string, { key: string; sql: string }> = {
  Worker: { key: 'id', sql: 'SELECT w.id::text AS key, array[o.code] AS codes FROM workers w JOIN orgs o ON o.id = w.org_id' },
  HardshipArchive: {
    key: 'id',
    sql: 'SELECT a.id::text AS key, array[o.code] AS codes FROM hardship_archives a JOIN workers w ON w.id = a.worker_id JOIN orgs o ON o.id = w.org_id',
  },
  AssistanceCase: {
    key: 'id',
    sql: 'SELECT c.id::text AS key, array[o.code] AS codes FROM assistance_cases c JOIN workers w ON w.id = c.worker_id JOIN orgs o ON o.id = w.org_id',
  },
  Pairing: {
    key: 'id',
    sql: 'SELECT p.id::text AS key, array[o.code] AS codes FROM pairings p JOIN workers w ON w.id = p.worker_id JOIN orgs o ON o.id = w.org_id',
  },
  LedgerEntry: {
    key: 'id',
    sql: `SELECT e.id::text AS key, array_remove(array[f.code, t.code], NULL) AS codes FROM ledger_entries e
          LEFT JOIN orgs f ON f.id = e.from_org_id LEFT JOIN orgs t ON t.id = e.to_org_id`,
  },
  HarmoniousParticipation: {
    key: 'id',
    sql: 'SELECT p.id::text AS key, array[o.code] AS codes FROM harmonious_participations p JOIN orgs o ON o.id = p.org_id',
  },
  HarmoniousNaming: {
    key: 'id',
    sql: 'SELECT n.id::text AS key, array[o.code] AS codes FROM harmonious_namings n JOIN orgs o ON o.id = n.org_id',
  },
  AuditEntry: { key: 'id', sql: 'SELECT a.id::text AS key, array[o.code] AS codes FROM audit_entries a JOIN orgs o ON o.id = a.org_id' },
  RoleAssignment: {
    key: 'id',
    sql: 'SELECT r.id::text AS key, array[o.code] AS codes FROM role_assignments r JOIN orgs o ON o.id = r.org_id',
  },
  EnterpriseProfile: {
    key: 'creditCode',
    sql: 'SELECT p.credit_code AS key, array[o.code] AS codes FROM enterprise_profiles p JOIN orgs o ON o.id = p.org_id',
  },
};

/** Every org-bound record of the database, by `Type:key` (read once the data is in place). */
const owners = new Map<string, string[]>();

async function loadOwners(): Promise<void> {
  for (const [type, { sql }] of Object.entries(OWNERS)) {
    const rows = (await env.server.db.query(sql)) as { key: string; codes: string[] }[];
    for (const row of rows) owners.set(`${type}:${row.key}`, row.codes);
  }
}

// Documented as null outside the reader's subtree, ancestors included (not a breadcrumb).
const SUBTREE_ONLY = new Set(['Pairing.cadreOrg']);

/** Whether the reader may see the object found at `at` (`Type.field` of its parent). */
function maySee(object: JsonObject, at: string, reach: Reach): boolean {
  const type = object.__typename as string;
  if (type === 'Org') return reach.subtree.has(object.code as string);
  if (type === 'OrgSummary') return (SUBTREE_ONLY.has(at) ? reach.subtree : reach.breadcrumbs).has(object.code as string);
  if (type === 'Rollup') {
    if (!isObject(object.org ?? null)) throw new Error(`a Rollup at ${at} without its org: select org { code } so the probe can check it`);
    return reach.subtree.has((object.org as JsonObject).code as string);
  }
  const owner = OWNERS[type];
  if (!owner) return true;
  const key = object[owner.key];
  if (typeof key !== 'string') throw new Error(`a ${type} at ${at} without its ${owner.key}: select it so the probe can check it`);
  const codes = owners.get(`${type}:${key}`);
  if (!codes) throw new Error(`${type} ${key} is not in the database`);
  // An entry belongs to the funds at both ends: visible when either is.
  return type === 'LedgerEntry' ? codes.some((code) => reach.subtree.has(code)) : codes.every((code) => reach.subtree.has(code));
}

/** The answer less what the reader may not see: such objects are null, or left out of their list. */
function within(value: Json, reach: Reach, hidden: Map<string, number>, at = ''): Json {
  const hide = () => hidden.set(at, (hidden.get(at) ?? 0) + 1);
  if (Array.isArray(value)) {
    return value.flatMap((item) => {
      if (isObject(item) && '__typename' in item && !maySee(item, at, reach)) {
        hide();
        return [];
      }
      return [within(item, reach, hidden, at)];
    });
  }
  if (!isObject(value)) return value;
  if ('__typename' in value && !maySee(value, at, reach)) {
    hide();
    return null;
  }
  const type = value.__typename as string | undefined;
  return Object.fromEntries(
    Object.entries(value).map(([field, inner]) => [field, within(inner, reach, hidden, type ? `${type}.${field}` : field)]),
  );
}

interface Reader {
  username: string;
  role: string;
  /** The code of the org its reads start from. */
  own: string;
}

const orgIds = new Map<string, number>();
const readers: Reader[] = [];
const reaches = new Map<string, Reach>();
let probesRun = 0;

/** Posts the document as the user (anonymously for a login); the data, or the test fails. */
async function read(username: string | null, document: string): Promise<JsonObject> {
  probesRun++;
  const headers: Record<string, string> = username ? { authorization: `Bearer ${await env.server.token(username)}` } : {};
  const { body } = await postRaw(env.server.url, document, headers);
  expect(body.errors, `${username ?? 'anonymous'}: ${document}`).toBeUndefined();
  return body.data as JsonObject;
}

/** A worker of the other county (E2), whose ID number the readers of C1 look for. */
const FOREIGN_WORKER = { serial: 301, birthDate: '1975-06-01' };

// Every criterion of the scorecard, in the server's order.
const CRITERIA = Object.values(Criterion) as HarmoniousCriterion[];

beforeAll(async () => {
  const db = env.server.db;
  const { orgs, workers } = env.tree;
  for (const org of Object.values(orgs)) orgIds.set(org.code, org.id);
  // A county whose township moves to another county once it has a history: money from the county,
  // a case the county paid, a cadre of the county, the county's naming of the enterprise.
  const C3 = await insertOrg(db, orgs.M, 'C3', 'COUNTY');
  const T3 = await insertOrg(db, C3, 'T3', 'TOWNSHIP');
  const E3 = await insertOrg(db, T3, 'E3', 'ENTERPRISE');
  const C4 = await insertOrg(db, orgs.M, 'C4', 'COUNTY');
  for (const org of [C3, T3, E3, C4]) orgIds.set(org.code, org.id);
  for (const [username, role, org] of [
    ['admin.c3', 'ADMIN', C3],
    ['staff.c3', 'STAFF', C3],
    ['finance.c3', 'FINANCE', C3],
    ['viewer.c3', 'VIEWER', C3],
    ['viewer.t3', 'VIEWER', T3],
    ['viewer.e3', 'VIEWER', E3],
    ['viewer.c4', 'VIEWER', C4],
  ] as const)
    await insertUser(db, username, [[role, org]]);
  // Two roles in two subtrees: a cadre from the second shows where a reader of one would see null.
  await insertUser(db, 'viewer.e1-t1b', [
    ['VIEWER', orgs.E1],
    ['VIEWER', orgs.T1b],
  ]);
  const workerE3 = await insertWorker(db, E3, { serial: 300, birthDate: '1975-06-01' });
  await insertArchive(db, workerE3, { householdSize: 3, incomeFen: 30000 });
  await insertWorker(db, orgs.E2, FOREIGN_WORKER);

  const as = (username: string) => env.server.as(username);
  const id = (org: FixtureOrg) => String(org.id);
  let keys = 0;
  const key = () => `nested-${keys++}`;
  const allocate = async (username: string, from: FixtureOrg, to: FixtureOrg, amount: string) =>
    (await as(username)).request(AllocateFundsDocument, { input: { fromOrgId: id(from), toOrgId: id(to), amount, idempotencyKey: key() } });
  const pay = async (applicant: string, workerId: string, treasurer: string, paying: FixtureOrg, amount: string) => {
    const { applyAssistance } = await (
      await as(applicant)
    ).request(ApplyAssistanceDocument, { input: { workerId, programme: 'LIVING', amount, idempotencyKey: key() } });
    const finance = await as(treasurer);
    await finance.request(ApproveAssistanceDocument, { caseId: applyAssistance.id, payingOrgId: id(paying) });
    await finance.request(DisburseAssistanceDocument, { caseId: applyAssistance.id, idempotencyKey: key() });
  };
  const pair = async (username: string, workerId: string, cadreOrg: FixtureOrg) =>
    (await as(username)).request(CreatePairingDocument, {
      input: { workerId, cadreName: '张伟', cadrePost: '副主席', cadreOrgId: id(cadreOrg) },
    });
  const name = async (enterpriseAdmin: string, enterprise: FixtureOrg, namers: [string, 'COUNTY' | 'MUNICIPAL'][]) => {
    const admin = await as(enterpriseAdmin);
    const { recordHarmoniousParticipation: participation } = await admin.request(RecordHarmoniousParticipationDocument, {
      input: { orgId: id(enterprise), year: 2024, participatingWorkers: 10 },
    });
    await admin.request(AssessHarmoniousParticipationDocument, {
      input: { participationId: participation.id, criteria: CRITERIA.map((criterion) => ({ criterion, met: true })) },
    });
    for (const [namer, level] of namers)
      await (await as(namer)).request(NameHarmoniousEnterpriseDocument, { input: { participationId: participation.id, level } });
  };

  // Money down the tree, one allocation corrected back up, and payments from the funds above the worker.
  await (
    await as('admin.m')
  ).request(RecordIncomeDocument, { input: { orgId: id(orgs.M), source: 'OTHER', amount: '1000.00', idempotencyKey: key() } });
  await allocate('admin.m', orgs.M, orgs.C1, '300.00');
  await allocate('admin.m', orgs.M, C3, '300.00');
  await allocate('finance.c1', orgs.C1, orgs.T1, '100.00');
  const { allocateFunds: toE1 } = await allocate('finance.t1', orgs.T1, orgs.E1, '10.00');
  await allocate('finance.t1', orgs.T1, orgs.E1b, '10.00');
  await (
    await as('finance.t1')
  ).request(ReverseLedgerEntryDocument, { input: { entryId: toE1.id, reason: '下拨有误', idempotencyKey: key() } });
  await allocate('finance.c3', C3, T3, '10.00');
  await pay('staff.e1', workers.E1!, 'finance.t1', orgs.T1, '1.00');
  await pay('staff.e1', workers.E1!, 'finance.m', orgs.M, '2.00');
  await pay('staff.c3', workerE3, 'finance.c3', C3, '3.00');

  // Cadres from a sibling township and from the county above the worker.
  await pair('staff.c1', workers.E1!, orgs.T1b);
  await pair('staff.c1', workers.T1!, orgs.C1);
  await pair('staff.c3', workerE3, C3);

  // Profiles on both enterprises of T1; namings by the county and by the municipality.
  for (const [serial, [admin, enterprise]] of (
    [
      ['admin.e1', orgs.E1],
      ['admin.t1', orgs.E1b],
      ['admin.c3', E3],
    ] as const
  ).entries()) {
    await (
      await as(admin)
    ).request(SetEnterpriseProfileDocument, {
      input: { orgId: id(enterprise), creditCode: makeCreditCode(serial + 1), ownership: 'PRIVATE', industry: '机械制造', employees: 100 },
    });
  }
  await name('admin.e1', orgs.E1, [
    ['admin.c1', 'COUNTY'],
    ['admin.m', 'MUNICIPAL'],
  ]);
  await name('admin.c3', E3, [['admin.c3', 'COUNTY']]);

  // 区划调整: T3 and its enterprise go to C4, their history stays.
  await (await as('admin.m')).request(MoveOrgDocument, { input: { id: id(T3), newParentId: id(C4) } });

  await loadOwners();
  for (const role of ['ADMIN', 'STAFF', 'FINANCE', 'VIEWER'])
    for (const level of ['C1', 'T1', 'E1']) readers.push({ username: `${role.toLowerCase()}.${level.toLowerCase()}`, role, own: level });
  readers.push({ username: 'viewer.e1-t1b', role: 'VIEWER', own: 'E1' });
  for (const own of ['C3', 'T3', 'E3', 'C4']) readers.push({ username: `viewer.${own.toLowerCase()}`, role: 'VIEWER', own });
  for (const { username } of readers) reaches.set(username, await reachOf(username));
});

describe('nested fields', () => {
  it('has a probe for every field that leads to an org or a record of one, and each probe walks its field', async () => {
    const schema = await buildAppSchema();
    expect(Object.keys(probes).sort()).toEqual(nestedPaths(schema));
    for (const [path, probe] of Object.entries(probes)) {
      const document = probe.document.replaceAll('$own', '"0"').replaceAll('$username', '"x"').replaceAll('$password', '"x"');
      expect(coordinatesOf(schema, document), `the probe of ${path}`).toContain(path);
    }
  });

  it('never yield an org or a record outside the reader’s subtree, nor more than breadcrumbs of the orgs above it', async () => {
    // Where readers saw null or less than the municipal ADMIN, by field: each reference across
    // subtrees that the data sets up must be hidden from someone, or the probes prove nothing.
    const hidden = new Map<string, number>();
    const controls = new Map<string, JsonObject>();
    for (const [path, probe] of Object.entries(probes)) {
      for (const reader of readers) {
        if (probe.admits && !probe.admits(reader.role)) continue;
        const reach = reaches.get(reader.username)!;
        const document = typed(
          probe.document
            .replaceAll('$own', JSON.stringify(String(orgIds.get(reader.own))))
            .replaceAll('$username', JSON.stringify(reader.username))
            .replaceAll('$password', JSON.stringify(TEST_PASSWORD)),
        );
        const answer = await read(probe.self === 'login' ? null : reader.username, document);
        if (probe.self) {
          // Only the reader's own roles, each at an org of its own subtree: nothing to take away.
          const seen = new Map<string, number>();
          within(answer, reach, seen);
          expect(seen, `${reader.username} ${path}: what it should not have seen`).toEqual(new Map());
          const viewer = (probe.self === 'me' ? answer.me : (answer.login as JsonObject).viewer) as JsonObject;
          const [{ n }] = (await env.server.db.query(
            'SELECT count(*)::int AS n FROM role_assignments ra JOIN users u ON u.id = ra.user_id WHERE u.username = $1',
            [reader.username],
          )) as [{ n: number }];
          expect((viewer.assignments as Json[]).length, `${reader.username} ${path}`).toBe(n);
          continue;
        }
        let control = controls.get(document);
        if (!control) {
          control = await read('admin.m', document);
          controls.set(document, control);
        }
        expect.soft(answer, `${reader.username} ${path} from ${reader.own}`).toEqual(within(control, reach, hidden));
      }
    }
    // A list filter given the identifier of a record of another subtree finds nothing, as for one
    // that does not exist; the municipal ADMIN, whose subtree holds the worker, finds it. Masked
    // readers may not look up by ID number at all.
    const idNumber = makeIdNumber(FOREIGN_WORKER.birthDate, 'MALE', FOREIGN_WORKER.serial);
    const byIdNumber = (own: string) =>
      `{ workers(orgId: "${orgIds.get(own)}", idNumber: "${idNumber}") { totalCount edges { node { id } } } }`;
    for (const reader of readers) {
      const what = `${reader.username} looking for a worker of E2 by its ID number`;
      if (reader.role === 'FINANCE' || reader.role === 'VIEWER') {
        probesRun++;
        const headers = { authorization: `Bearer ${await env.server.token(reader.username)}` };
        const { body } = await postRaw(env.server.url, byIdNumber(reader.own), headers);
        expect.soft(body.errors?.[0]?.extensions?.code, what).toBe('FORBIDDEN');
        continue;
      }
      const { workers } = (await read(reader.username, byIdNumber(reader.own))) as { workers: { totalCount: number } };
      expect.soft(workers.totalCount, what).toBe(0);
    }
    expect(((await read('admin.m', byIdNumber('M'))) as { workers: { totalCount: number } }).workers.totalCount).toBe(1);
    console.log(`nested probes: ${probesRun}`);
    for (const path of [
      'Org.parent',
      'AssistanceCase.payingOrg',
      'LedgerEntry.fromOrg',
      'LedgerEntry.toOrg',
      'LedgerEntry.worker',
      'LedgerEntry.assistanceCase',
      'Pairing.cadreOrg',
      'HarmoniousNaming.namedBy',
    ])
      expect(hidden.get(path) ?? 0, `no reader had ${path} hidden: the data crosses no subtree there`).toBeGreaterThan(0);
  });
});
