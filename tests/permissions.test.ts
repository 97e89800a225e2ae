import { beforeAll, describe, expect, it } from 'vitest';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { getNamedType, isObjectType } from 'graphql';
import {
  AssignRoleDocument,
  CreateOrgDocument,
  CreateUserDocument,
  HardshipLinesDocument,
  LiftHardshipArchiveDocument,
  MeDocument,
  MoveOrgDocument,
  OpenHardshipArchiveDocument,
  OrgDocument,
  RegisterWorkerDocument,
  RevokeRoleDocument,
  SetHardshipLinesDocument,
  UpdateHardshipArchiveDocument,
  UpdateOrgDocument,
  UpdateWorkerDocument,
  WorkerDocument,
  WorkersDocument,
  type GonghuiClient,
} from '../client/sdk';
import { buildAppSchema } from '../server/schema';
import { insertArchive, insertUser, insertWorker, makeIdNumber, type FixtureOrg } from './support/fixture';
import { usePermissionTree } from './support/env';

const env = usePermissionTree();

// Who may do what, for a caller holding one role at org X, against a target org related to X.
// A change here changes who can reach an endpoint: review it as a permission change.
type Role = 'ADMIN' | 'STAFF' | 'FINANCE' | 'VIEWER';
type Relation = 'own' | 'descendant' | 'sibling subtree' | 'ancestor';
type Policy = { roles: Role[]; relations: Relation[] } | 'any signed-in user' | 'public';

const IN_SUBTREE: Relation[] = ['own', 'descendant'];
const ALL_ROLES: Role[] = ['ADMIN', 'STAFF', 'FINANCE', 'VIEWER'];
const KEEPERS: Role[] = ['ADMIN', 'STAFF'];

const POLICY: Record<string, Policy> = {
  'Query.me': 'any signed-in user',
  'Query.org': { roles: ALL_ROLES, relations: IN_SUBTREE },
  'Query.workers': { roles: ALL_ROLES, relations: IN_SUBTREE },
  'Query.worker': { roles: ALL_ROLES, relations: IN_SUBTREE },
  'Query.hardshipLines': { roles: ALL_ROLES, relations: IN_SUBTREE },
  'Mutation.login': 'public',
  'Mutation.createOrg': { roles: ['ADMIN'], relations: IN_SUBTREE },
  'Mutation.updateOrg': { roles: ['ADMIN'], relations: IN_SUBTREE },
  // Moving X itself would take it out of its holder's scope: only strictly below X.
  'Mutation.moveOrg': { roles: ['ADMIN'], relations: ['descendant'] },
  'Mutation.createUser': { roles: ['ADMIN'], relations: IN_SUBTREE },
  'Mutation.assignRole': { roles: ['ADMIN'], relations: IN_SUBTREE },
  'Mutation.revokeRole': { roles: ['ADMIN'], relations: IN_SUBTREE },
  'Mutation.registerWorker': { roles: KEEPERS, relations: IN_SUBTREE },
  'Mutation.updateWorker': { roles: KEEPERS, relations: IN_SUBTREE },
  'Mutation.openHardshipArchive': { roles: KEEPERS, relations: IN_SUBTREE },
  'Mutation.updateHardshipArchive': { roles: KEEPERS, relations: IN_SUBTREE },
  'Mutation.liftHardshipArchive': { roles: KEEPERS, relations: IN_SUBTREE },
  // Lines are per municipality: only its ADMIN, only at the root (probed where the target is the root).
  'Mutation.setHardshipLines': { roles: ['ADMIN'], relations: ['own'] },
};

let serial = 100;
const pawns = new Map<string, number>();

beforeAll(async () => {
  // A user at every org for the ADMINs to change.
  for (const [name, org] of Object.entries(env.tree.orgs))
    pawns.set(name, await insertUser(env.server.db, `pawn.${name.toLowerCase()}`, [['VIEWER', org]]));
});

type Outcome = 'allowed' | 'denied';

/** What a probe returned: allowed, or denied as FORBIDDEN / NOT_FOUND / null. Anything else fails the test. */
async function outcome<TData, TVars>(
  client: GonghuiClient,
  document: TypedDocumentNode<TData, TVars>,
  variables: TVars,
  isNull?: (data: TData) => boolean,
): Promise<Outcome> {
  const result = await client.execute(document, variables);
  if (result.errors?.length) {
    const code = result.errors[0]?.extensions?.code;
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
};

const LEVELS = ['M', 'C1', 'T1', 'E1'] as const;
const RELATED: Record<(typeof LEVELS)[number], Partial<Record<Relation, string>>> = {
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
    const probed = [...Object.keys(probes), 'Query.me', 'Mutation.login'];
    expect(probed.sort()).toEqual(Object.keys(POLICY).sort());
  });

  it('refuses every root field to an anonymous caller, but login', async () => {
    expect((await env.server.client.execute(MeDocument, {})).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await env.server.client.execute(OrgDocument, { code: 'M' })).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(
      (
        await env.server.client.execute(CreateOrgDocument, {
          input: { parentId: String(env.tree.orgs.M.id), code: 'ANON', name: 'x', level: 'COUNTY' },
        })
      ).errors?.[0]?.extensions?.code,
    ).toBe('UNAUTHENTICATED');
  });

  it('gives each role at each level what the policy says, with a positive control for every denial', async () => {
    const lines: string[] = [];
    let probesRun = 0;
    const control = await env.server.as('admin.m');
    for (const role of ALL_ROLES) {
      for (const level of LEVELS) {
        const username = `${role.toLowerCase()}.${level.toLowerCase()}`;
        const client = await env.server.as(username);
        expect((await client.request(MeDocument, {})).me.username).toBe(username);
        probesRun++;
        for (const [field, probe] of Object.entries(probes)) {
          const policy = POLICY[field] as Exclude<Policy, string>;
          for (const [relation, targetName] of Object.entries(RELATED[level]) as [Relation, string][]) {
            const target = env.tree.orgs[targetName as keyof typeof env.tree.orgs];
            // Lines exist only at a root; a root has nowhere to move.
            if (field === 'Mutation.setHardshipLines' && target.level !== 'MUNICIPAL') continue;
            if (field === 'Mutation.moveOrg' && target.level === 'MUNICIPAL') continue;
            // An enterprise union has no child orgs.
            if (field === 'Mutation.createOrg' && target.level === 'ENTERPRISE') continue;
            const expected: Outcome = policy.roles.includes(role) && policy.relations.includes(relation) ? 'allowed' : 'denied';
            const actual = await probe(client, targetName, target);
            probesRun++;
            lines.push(`${username.padEnd(12)} ${field.padEnd(30)} ${relation.padEnd(16)} ${actual}`);
            expect(actual, `${username} ${field} on ${relation} (${targetName})`).toBe(expected);
            if (actual === 'denied') {
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
    expect(probesRun).toBeGreaterThan(500);
  });
});
