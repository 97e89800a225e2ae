import { describe, expect, it } from 'vitest';
import { CreatePairingDocument, PairingsDocument } from '../client/sdk';
import { usePermissionTree } from './support/env';

const env = usePermissionTree();

describe('a pairing’s cadre org', () => {
  it('is shown to those who may read that org, and is null to the others', async () => {
    const { orgs, workers } = env.tree;
    const staff = await env.server.as('staff.m');
    // A municipal staff member pairs a family of T1 with a cadre of the other county.
    await staff.request(CreatePairingDocument, {
      input: { workerId: workers.T1!, cadreName: '王明', cadrePost: '区总工会干部', cadreOrgId: String(orgs.C2.id) },
    });
    const cadreOrgs = async (username: string) =>
      (await (await env.server.as(username)).request(PairingsDocument, { orgId: String(orgs.T1.id), first: 10 })).pairings.edges.map(
        (edge) => edge.node.cadreOrg?.code ?? null,
      );
    expect(await cadreOrgs('viewer.m')).toEqual([orgs.C2.code]);
    expect(await cadreOrgs('viewer.t1')).toEqual([null]);
  });
});
