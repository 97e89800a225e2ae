import { describe, expect, it } from 'vitest';
import { CreatePairingDocument, LiftHardshipArchiveDocument, PairingsDocument } from '../client/sdk';
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

describe('lifting a family', () => {
  it('waits for a pairing or a case being made for the worker, so none is left open on a lifted archive', async () => {
    const { workers, archives } = env.tree;
    const staff = await env.server.as('staff.m');
    const runner = env.server.db.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    try {
      // As createPairing and applyAssistance do: the worker's row locked, then the archive read.
      await runner.query('SELECT 1 FROM workers WHERE id = $1 FOR SHARE', [workers.E1]);
      let lifted = false;
      const lifting = staff.request(LiftHardshipArchiveDocument, { input: { id: archives.E1!, reason: '再就业' } }).then(() => {
        lifted = true;
      });
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(lifted).toBe(false);
      await runner.commitTransaction();
      await lifting;
      expect(lifted).toBe(true);
    } finally {
      if (runner.isTransactionActive) await runner.rollbackTransaction();
      await runner.release();
    }
  });
});
