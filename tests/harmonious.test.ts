import { beforeAll, describe, expect, it } from 'vitest';
import {
  AssessHarmoniousParticipationDocument,
  AuditTrailDocument,
  EnterpriseProfileDocument,
  HarmoniousNamingsDocument,
  HarmoniousRollupDocument,
  HarmoniousScoringDocument,
  NameHarmoniousEnterpriseDocument,
  RecordHarmoniousParticipationDocument,
  RevokeHarmoniousNamingDocument,
  SetEnterpriseProfileDocument,
  SetHarmoniousScoringDocument,
  type CriterionInput,
  type GonghuiClient,
  type HarmoniousCriterion,
} from '../client/sdk';
import { usePermissionTree } from './support/env';
import { errorOf } from './support/errors';
import { Criterion } from '../server/harmonious/harmonious-enums';
import { makeCreditCode } from './support/fixture';

const env = usePermissionTree();
// Every criterion of the scorecard, in the server's order.
const CRITERIA = Object.values(Criterion) as HarmoniousCriterion[];
const code = makeCreditCode;
const card = (missed: HarmoniousCriterion[] = []): CriterionInput[] =>
  CRITERIA.map((criterion) => ({ criterion, met: !missed.includes(criterion), note: missed.includes(criterion) ? '未达标' : null }));

let adminM: GonghuiClient;
let adminC1: GonghuiClient;
const id = (name: keyof typeof env.tree.orgs) => String(env.tree.orgs[name].id);

beforeAll(async () => {
  adminM = await env.server.as('admin.m');
  adminC1 = await env.server.as('admin.c1');
  for (const [i, name] of (['E1', 'E1b', 'E1c', 'E2'] as const).entries()) {
    await adminM.request(SetEnterpriseProfileDocument, {
      input: {
        orgId: id(name),
        creditCode: code(i + 1),
        ownership: i === 3 ? 'STATE_OWNED' : 'PRIVATE',
        industry: '机械制造',
        employees: 120,
      },
    });
  }
});

async function participate(name: 'E1' | 'E1b' | 'E1c' | 'E2', year: number, workers: number, missed?: HarmoniousCriterion[]) {
  const { recordHarmoniousParticipation: made } = await adminM.request(RecordHarmoniousParticipationDocument, {
    input: { orgId: id(name), year, participatingWorkers: workers },
  });
  if (!missed) return made;
  return (await adminM.request(AssessHarmoniousParticipationDocument, { input: { participationId: made.id, criteria: card(missed) } }))
    .assessHarmoniousParticipation;
}

describe('enterprise profiles', () => {
  it('keeps a profile with a checked credit code, for enterprises only', async () => {
    const admin = await env.server.as('admin.e1');
    const { setEnterpriseProfile } = await admin.request(SetEnterpriseProfileDocument, {
      input: { orgId: id('E1'), creditCode: ` ${code(1).toLowerCase()} `, ownership: 'PRIVATE', industry: '机械制造', employees: 150 },
    });
    expect(setEnterpriseProfile).toEqual({ creditCode: code(1), ownership: 'PRIVATE', industry: '机械制造', employees: 150 });
    const viewer = await env.server.as('viewer.t1');
    expect((await viewer.request(EnterpriseProfileDocument, { id: id('E1') })).org?.enterpriseProfile?.creditCode).toBe(code(1));

    const wrong = code(1).slice(0, 17) + (code(1).endsWith('0') ? '1' : '0');
    const cases: [string, string, string][] = [
      [wrong, 'CREDIT_CODE_INVALID', 'check character'],
      ['91230102MA00000I1X', 'CREDIT_CODE_INVALID', '"I"'],
      ['9123010', 'CREDIT_CODE_INVALID', '18 characters'],
    ];
    for (const [creditCode, reason, words] of cases) {
      const error = await errorOf(
        admin.request(SetEnterpriseProfileDocument, {
          input: { orgId: id('E1'), creditCode, ownership: 'PRIVATE', industry: 'x', employees: 1 },
        }),
      );
      expect(error.errors[0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason, field: 'creditCode' });
      expect(error.message).toContain(words);
    }
    const taken = await errorOf(
      adminM.request(SetEnterpriseProfileDocument, {
        input: { orgId: id('E1b'), creditCode: code(1), ownership: 'PRIVATE', industry: 'x', employees: 1 },
      }),
    );
    expect(taken.errors[0]!.extensions).toMatchObject({ code: 'CONFLICT', reason: 'CREDIT_CODE_TAKEN', field: 'creditCode' });
    const township = await errorOf(
      adminM.request(SetEnterpriseProfileDocument, {
        input: { orgId: id('T1'), creditCode: code(9), ownership: 'PRIVATE', industry: 'x', employees: 1 },
      }),
    );
    expect(township.errors[0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'NOT_AN_ENTERPRISE', field: 'orgId' });
    const staff = await errorOf(
      (await env.server.as('staff.e1')).request(SetEnterpriseProfileDocument, {
        input: { orgId: id('E1'), creditCode: code(1), ownership: 'PRIVATE', industry: 'x', employees: 1 },
      }),
    );
    expect(staff.code).toBe('FORBIDDEN');
  });
});

describe('the campaign and its scorecard', () => {
  it('records one participation per enterprise and year, a repeat correcting the workers', async () => {
    const first = await participate('E1c', 2023, 60);
    const again = await participate('E1c', 2023, 70);
    expect(again).toMatchObject({ id: first.id, participatingWorkers: 70, score: null, passed: null, criteria: [] });
    const tooMany = await errorOf(
      adminM.request(RecordHarmoniousParticipationDocument, { input: { orgId: id('E1c'), year: 2024, participatingWorkers: 121 } }),
    );
    expect(tooMany.errors[0]!.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'WORKERS_ABOVE_EMPLOYEES',
      field: 'participatingWorkers',
    });
    const future = await errorOf(
      adminM.request(RecordHarmoniousParticipationDocument, { input: { orgId: id('E1c'), year: 2099, participatingWorkers: 1 } }),
    );
    expect(future.errors[0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'YEAR_IN_FUTURE', field: 'year' });
  });

  it('scores by the weights, passing at 90 by default, and by the municipality’s own once set', async () => {
    const scoring = (await adminC1.request(HarmoniousScoringDocument, { orgId: id('C1') })).harmoniousScoring;
    expect(scoring).toMatchObject({ passMark: 90, isDefault: true });
    expect(scoring.weights.reduce((sum, w) => sum + w.weight, 0)).toBe(100);

    const all = await participate('E1b', 2023, 50, []);
    expect(all).toMatchObject({ score: 100, passed: true });
    expect(all.criteria).toHaveLength(6);
    const openness = await participate('E1b', 2022, 50, ['FACTORY_AFFAIRS_OPENNESS']);
    expect(openness).toMatchObject({ score: 90, passed: true });
    const wages = await participate('E1c', 2022, 50, ['NO_WAGE_ARREARS']);
    expect(wages).toMatchObject({ score: 80, passed: false });

    const incomplete = await errorOf(
      adminM.request(AssessHarmoniousParticipationDocument, { input: { participationId: wages.id, criteria: card().slice(1) } }),
    );
    expect(incomplete.errors[0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'CRITERIA_INCOMPLETE', field: 'criteria' });
    const twice = await errorOf(
      adminM.request(AssessHarmoniousParticipationDocument, { input: { participationId: wages.id, criteria: [...card(), card()[0]!] } }),
    );
    expect(twice.errors[0]!.extensions?.reason).toBe('CRITERIA_INCOMPLETE');

    const weights = CRITERIA.map((criterion) => ({ criterion, weight: criterion === 'SAFE_PRODUCTION' ? 25 : 15 }));
    const notHundred = await errorOf(
      adminM.request(SetHarmoniousScoringDocument, {
        input: { orgId: id('M'), weights: weights.map((w) => ({ ...w, weight: 10 })), passMark: 90 },
      }),
    );
    expect(notHundred.errors[0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'WEIGHTS_SUM', field: 'weights' });
    const county = await errorOf(adminC1.request(SetHarmoniousScoringDocument, { input: { orgId: id('M'), weights, passMark: 80 } }));
    expect(county.code).toBe('NOT_FOUND');
    const set = (await adminM.request(SetHarmoniousScoringDocument, { input: { orgId: id('M'), weights, passMark: 85 } }))
      .setHarmoniousScoring;
    expect(set).toMatchObject({ passMark: 85, isDefault: false });
    const rescored = await adminM.request(AssessHarmoniousParticipationDocument, {
      input: { participationId: wages.id, criteria: card(['NO_WAGE_ARREARS']) },
    });
    expect(rescored.assessHarmoniousParticipation).toMatchObject({ score: 85, passed: true });
    await adminM.request(SetHarmoniousScoringDocument, {
      input: {
        orgId: id('M'),
        weights: scoring.weights.map(({ criterion, weight }) => ({ criterion, weight })),
        passMark: 90,
      },
    });
  });
});

describe('namings', () => {
  it('names at a level only by the ADMIN of an org of that level above the enterprise, and only after passing', async () => {
    const passed = await participate('E1', 2024, 80, []);
    const failed = await participate('E1', 2023, 80, ['COLLECTIVE_CONTRACT']);
    const name = (client: GonghuiClient, participationId: string, level: 'NATIONAL' | 'PROVINCIAL' | 'MUNICIPAL' | 'COUNTY') =>
      client.request(NameHarmoniousEnterpriseDocument, { input: { participationId, level } });

    const notPassed = await errorOf(name(adminC1, failed.id, 'COUNTY'));
    expect(notPassed.errors[0]!.extensions).toMatchObject({ code: 'CONFLICT', reason: 'NOT_PASSED', field: 'participationId' });
    const county = (await name(adminC1, passed.id, 'COUNTY')).nameHarmoniousEnterprise;
    expect(county).toMatchObject({ level: 'COUNTY', year: 2024, namedBy: { code: 'C1', level: 'COUNTY' }, revokedOn: null });
    const again = await errorOf(name(adminC1, passed.id, 'COUNTY'));
    expect(again.errors[0]!.extensions).toMatchObject({ code: 'CONFLICT', reason: 'ALREADY_NAMED' });

    for (const [client, level] of [
      [adminM, 'COUNTY'],
      [adminC1, 'MUNICIPAL'],
      [adminC1, 'NATIONAL'],
      [await env.server.as('admin.t1'), 'COUNTY'],
      [await env.server.as('admin.e1'), 'COUNTY'],
    ] as const) {
      const refused = await errorOf(name(client, passed.id, level));
      expect(refused.errors[0]!.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'NAMING_LEVEL' });
    }
    const municipal = (await name(adminM, passed.id, 'MUNICIPAL')).nameHarmoniousEnterprise;
    expect(municipal.namedBy).toEqual({ code: 'M', level: 'MUNICIPAL' });
    const national = (await name(adminM, passed.id, 'NATIONAL')).nameHarmoniousEnterprise;
    expect(national.level).toBe('NATIONAL');

    const reassess = await errorOf(
      adminM.request(AssessHarmoniousParticipationDocument, { input: { participationId: passed.id, criteria: card() } }),
    );
    expect(reassess.errors[0]!.extensions).toMatchObject({ code: 'CONFLICT', reason: 'ALREADY_NAMED' });

    // Revoked by who may name at that level; it stops counting from the day given.
    const byCounty = await errorOf(
      adminC1.request(RevokeHarmoniousNamingDocument, { input: { id: national.id, reason: '发生拖欠工资事件' } }),
    );
    expect(byCounty.errors[0]!.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'NAMING_LEVEL' });
    const revoked = (await adminM.request(RevokeHarmoniousNamingDocument, { input: { id: national.id, reason: '发生拖欠工资事件' } }))
      .revokeHarmoniousNaming;
    expect(revoked.revokeReason).toBe('发生拖欠工资事件');
    expect(revoked.revokedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const twice = await errorOf(adminM.request(RevokeHarmoniousNamingDocument, { input: { id: national.id, reason: 'x' } }));
    expect(twice.errors[0]!.extensions).toMatchObject({ code: 'CONFLICT', reason: 'ALREADY_REVOKED' });

    const { harmoniousNamings } = await (
      await env.server.as('viewer.m')
    ).request(HarmoniousNamingsDocument, { orgId: id('M'), year: 2024 });
    expect(harmoniousNamings.edges.map((edge) => [edge.node.level, edge.node.revokedOn !== null])).toEqual([
      ['NATIONAL', true],
      ['MUNICIPAL', false],
      ['COUNTY', false],
    ]);
  });

  it('rolls the campaign up: each enterprise once, its latest workers and its highest current naming', async () => {
    // E2 (state-owned, in C2): passed in 2024 and named county, with a municipal naming that ends in the future.
    const e2 = await participate('E2', 2024, 100, []);
    await adminM.request(NameHarmoniousEnterpriseDocument, { input: { participationId: e2.id, level: 'PROVINCIAL' } });
    const admin = await env.server.as('admin.m');
    const { nameHarmoniousEnterprise: municipal } = await admin.request(NameHarmoniousEnterpriseDocument, {
      input: { participationId: e2.id, level: 'MUNICIPAL' },
    });
    await admin.request(RevokeHarmoniousNamingDocument, { input: { id: municipal.id, reason: '到期', revokedOn: '2999-12-31' } });

    const { org } = await (await env.server.as('viewer.m')).request(HarmoniousRollupDocument, { code: 'M' });
    // Participations: E1 2023 (80), 2024 (80); E1b 2022, 2023 (50); E1c 2022 (50), 2023 (70); E2 2024 (100).
    expect(org!.rollup.harmonious).toMatchObject({
      participatingEnterprises: 4,
      participatingWorkers: 80 + 50 + 70 + 100,
      named: 2,
      national: 0,
      provincial: 1,
      municipal: 1,
      county: 0,
    });
    expect(org!.rollup.harmonious.byOwnership.filter((row) => row.participatingEnterprises > 0)).toEqual([
      { ownership: 'STATE_OWNED', participatingEnterprises: 1, named: 1 },
      { ownership: 'PRIVATE', participatingEnterprises: 3, named: 1 },
    ]);
    const c1 = org!.rollup.byChild.find((child) => child.org.code === 'C1')!.harmonious;
    expect(c1).toMatchObject({ participatingEnterprises: 3, participatingWorkers: 200, named: 1, municipal: 1 });

    const year2023 = (await (await env.server.as('viewer.m')).request(HarmoniousRollupDocument, { code: 'M', year: 2023 })).org!.rollup
      .harmonious;
    expect(year2023).toMatchObject({ participatingEnterprises: 3, participatingWorkers: 80 + 50 + 70, named: 0 });

    // A naming revoked from today stops counting now.
    const { harmoniousNamings } = await admin.request(HarmoniousNamingsDocument, { orgId: id('E2') });
    const provincial = harmoniousNamings.edges.find((edge) => edge.node.level === 'PROVINCIAL')!.node;
    await admin.request(RevokeHarmoniousNamingDocument, { input: { id: provincial.id, reason: '复查不合格' } });
    const after = (await admin.request(HarmoniousRollupDocument, { code: 'C2' })).org!.rollup.harmonious;
    expect(after).toMatchObject({ named: 1, provincial: 0, municipal: 1 });
  });

  it('audits profiles, participations, scorecards and namings', async () => {
    const { auditTrail } = await (await env.server.as('viewer.m')).request(AuditTrailDocument, { orgId: id('M'), first: 100 });
    const actions = new Set(auditTrail.edges.map((edge) => edge.node.action));
    for (const action of [
      'profile.set',
      'campaign.join',
      'campaign.update',
      'campaign.assess',
      'scoring.set',
      'naming.name',
      'naming.revoke',
    ])
      expect(actions, action).toContain(action);
  });
});
