import { describe, expect, it } from 'vitest';
import {
  GonghuiError,
  AllocateFundsDocument,
  AuditTrailDocument,
  FundBalanceDocument,
  LedgerEntriesDocument,
  RecordIncomeDocument,
  ReverseLedgerEntryDocument,
  type GonghuiClient,
} from '../client/sdk';
import { usePermissionTree } from './support/env';
import { errorOf } from './support/errors';

const env = usePermissionTree();
let serial = 0;
const key = (label: string) => `${label}-${serial++}`;

async function balanceOf(client: GonghuiClient, orgId: number): Promise<string> {
  const { org } = await client.request(FundBalanceDocument, { id: String(orgId) });
  return org!.fundBalance;
}

/** Each org's stored balance beside what its entries add up to, for every org with a fund. */
async function unbalancedFunds(): Promise<unknown[]> {
  return env.server.db.query(`
    SELECT f.org_id, f.balance_fen, coalesce(net.fen, 0) AS net FROM fund_accounts f
    LEFT JOIN (
      SELECT org_id, sum(fen) AS fen FROM (
        SELECT to_org_id AS org_id, amount_fen AS fen FROM ledger_entries WHERE to_org_id IS NOT NULL
        UNION ALL SELECT from_org_id, -amount_fen FROM ledger_entries WHERE from_org_id IS NOT NULL
      ) moves GROUP BY org_id
    ) net ON net.org_id = f.org_id
    WHERE f.balance_fen <> coalesce(net.fen, 0)`);
}

describe('income and allocations', () => {
  it('records income into an org of the subtree, as FINANCE of an ancestor', async () => {
    const { orgs } = env.tree;
    const finance = await env.server.as('finance.c1');
    const before = await balanceOf(finance, orgs.T1.id);
    const { recordIncome } = await finance.request(RecordIncomeDocument, {
      input: { orgId: String(orgs.T1.id), source: 'UNION_DUES', amount: '1200.50', idempotencyKey: key('dues'), note: '2025 年第四季度' },
    });
    expect(recordIncome).toMatchObject({
      kind: 'INCOME',
      amount: '1200.50',
      source: 'UNION_DUES',
      fromOrg: null,
      toOrg: { code: 'T1' },
      recordedBy: 'finance.c1',
      note: '2025 年第四季度',
    });
    expect(Number(await balanceOf(finance, orgs.T1.id)) - Number(before)).toBeCloseTo(1200.5, 2);
  });

  it('allocates to a direct child only, by FINANCE of the giving org itself', async () => {
    const { orgs } = env.tree;
    const finance = await env.server.as('finance.c1');
    await finance.request(RecordIncomeDocument, {
      input: { orgId: String(orgs.C1.id), source: 'GOVERNMENT', amount: '10000.00', idempotencyKey: key('gov') },
    });
    const { allocateFunds } = await finance.request(AllocateFundsDocument, {
      input: { fromOrgId: String(orgs.C1.id), toOrgId: String(orgs.T1.id), amount: '2500.00', idempotencyKey: key('alloc') },
    });
    expect(allocateFunds).toMatchObject({ kind: 'ALLOCATION', amount: '2500.00', fromOrg: { code: 'C1' }, toOrg: { code: 'T1' } });

    const grandchild = await errorOf(
      finance.request(AllocateFundsDocument, {
        input: { fromOrgId: String(orgs.C1.id), toOrgId: String(orgs.E1.id), amount: '1.00', idempotencyKey: key('alloc') },
      }),
    );
    expect(grandchild.errors[0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'NOT_A_DIRECT_CHILD', field: 'toOrgId' });

    // FINANCE at the municipality records income anywhere below it, but allocates only from its own fund.
    const above = await errorOf(
      (await env.server.as('finance.m')).request(AllocateFundsDocument, {
        input: { fromOrgId: String(orgs.C1.id), toOrgId: String(orgs.T1.id), amount: '1.00', idempotencyKey: key('alloc') },
      }),
    );
    expect(above.code).toBe('FORBIDDEN');
  });

  it('refuses an allocation that would overdraw the fund, and moves nothing', async () => {
    const { orgs } = env.tree;
    const finance = await env.server.as('finance.t1');
    const held = await balanceOf(finance, orgs.T1.id);
    const entriesBefore = (await finance.request(LedgerEntriesDocument, { orgId: String(orgs.T1.id), first: 1 })).ledgerEntries.totalCount;
    const tooMuch = (Number(held) + 0.01).toFixed(2);
    const error = await errorOf(
      finance.request(AllocateFundsDocument, {
        input: { fromOrgId: String(orgs.T1.id), toOrgId: String(orgs.E1.id), amount: tooMuch, idempotencyKey: key('alloc') },
      }),
    );
    expect(error.errors[0]!.extensions).toMatchObject({ code: 'CONFLICT', reason: 'INSUFFICIENT_FUNDS', field: 'amount' });
    expect(error.message).toContain(held);
    expect(await balanceOf(finance, orgs.T1.id)).toBe(held);
    expect(await balanceOf(finance, orgs.E1.id)).toBe('0.00');
    expect((await finance.request(LedgerEntriesDocument, { orgId: String(orgs.T1.id), first: 1 })).ledgerEntries.totalCount).toBe(
      entriesBefore,
    );
    // The whole balance, to the fen, may go.
    await finance.request(AllocateFundsDocument, {
      input: { fromOrgId: String(orgs.T1.id), toOrgId: String(orgs.E1.id), amount: held, idempotencyKey: key('alloc') },
    });
    expect(await balanceOf(finance, orgs.T1.id)).toBe('0.00');
    expect(await balanceOf(finance, orgs.E1.id)).toBe(held);
  });

  it('refuses amounts that are not above zero, naming the field', async () => {
    const finance = await env.server.as('finance.c1');
    for (const amount of ['0.00', '-5.00']) {
      const error = await errorOf(
        finance.request(RecordIncomeDocument, {
          input: { orgId: String(env.tree.orgs.C1.id), source: 'OTHER', amount, idempotencyKey: key('zero') },
        }),
      );
      expect(error.errors[0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'AMOUNT_NOT_POSITIVE', field: 'amount' });
    }
  });
});

describe('idempotency keys', () => {
  it('returns the first result for a repeat and moves the money once', async () => {
    const { orgs } = env.tree;
    const finance = await env.server.as('finance.c1');
    const before = await balanceOf(finance, orgs.C1.id);
    const input = { orgId: String(orgs.C1.id), source: 'SOCIAL_DONATION' as const, amount: '300.00', idempotencyKey: key('donation') };
    const first = (await finance.request(RecordIncomeDocument, { input })).recordIncome;
    const again = (await finance.request(RecordIncomeDocument, { input })).recordIncome;
    expect(again.id).toBe(first.id);
    expect(Number(await balanceOf(finance, orgs.C1.id)) - Number(before)).toBeCloseTo(300, 2);

    const other = await errorOf(finance.request(RecordIncomeDocument, { input: { ...input, amount: '301.00' } }));
    expect(other.errors[0]!.extensions).toMatchObject({ code: 'CONFLICT', reason: 'IDEMPOTENCY_KEY_REUSED', field: 'idempotencyKey' });
    // Keys belong to the org the call acts for: the same key at another org is a new call.
    const elsewhere = await finance.request(RecordIncomeDocument, { input: { ...input, orgId: String(orgs.T1b.id) } });
    expect(elsewhere.recordIncome.id).not.toBe(first.id);
  });

  it('answers a repeat of a failed call with the same failure, even once the fund could pay', async () => {
    const { orgs } = env.tree;
    const finance = await env.server.as('finance.c1');
    await finance.request(RecordIncomeDocument, {
      input: { orgId: String(orgs.T1b.id), source: 'OTHER', amount: '5.00', idempotencyKey: key('t1b') },
    });
    const held = Number(await balanceOf(finance, orgs.T1b.id));
    const input = { fromOrgId: String(orgs.C1.id), toOrgId: String(orgs.T1b.id), amount: '1.00', idempotencyKey: key('c1') };
    const drained = await balanceOf(finance, orgs.C1.id);
    await finance.request(AllocateFundsDocument, { input: { ...input, amount: drained, idempotencyKey: key('drain') } });
    const first = await errorOf(finance.request(AllocateFundsDocument, { input }));
    expect(first.errors[0]!.extensions?.reason).toBe('INSUFFICIENT_FUNDS');
    await finance.request(RecordIncomeDocument, {
      input: { orgId: String(orgs.C1.id), source: 'OTHER', amount: '50.00', idempotencyKey: key('refill') },
    });
    const repeat = await errorOf(finance.request(AllocateFundsDocument, { input }));
    expect(repeat.errors[0]!.extensions?.reason).toBe('INSUFFICIENT_FUNDS');
    expect(repeat.message).toBe(first.message);
    const fresh = await finance.request(AllocateFundsDocument, { input: { ...input, idempotencyKey: key('c1') } });
    expect(fresh.allocateFunds.amount).toBe('1.00');
    expect(Number(await balanceOf(finance, orgs.T1b.id))).toBeCloseTo(held + Number(drained) + 1, 2);
  });
});

describe('corrections', () => {
  it('reverses an entry once when several reversals of it arrive at once', async () => {
    const { orgs } = env.tree;
    const finance = await env.server.as('finance.c1');
    const { recordIncome } = await finance.request(RecordIncomeDocument, {
      input: { orgId: String(orgs.C1.id), source: 'ENTERPRISE_DONATION', amount: '12.00', idempotencyKey: key('race') },
    });
    const reverse = (n: number) =>
      finance.request(ReverseLedgerEntryDocument, {
        input: { entryId: recordIncome.id, reason: `race ${n}`, idempotencyKey: key(`race-${n}`) },
      });
    const attempts = await Promise.allSettled([1, 2, 3, 4].map(reverse));
    expect(attempts.filter((attempt) => attempt.status === 'fulfilled')).toHaveLength(1);
    const refused = attempts.flatMap((attempt) => (attempt.status === 'rejected' ? [attempt.reason as GonghuiError] : []));
    expect(refused.map((error) => error.errors[0]!.extensions)).toEqual(
      Array(3).fill(expect.objectContaining({ code: 'CONFLICT', reason: 'ALREADY_REVERSED' })),
    );
  });

  it('reverses an income by a new entry and never twice; the entries themselves cannot change', async () => {
    const { orgs } = env.tree;
    const finance = await env.server.as('finance.c1');
    const before = await balanceOf(finance, orgs.C1.id);
    const { recordIncome } = await finance.request(RecordIncomeDocument, {
      input: { orgId: String(orgs.C1.id), source: 'ENTERPRISE_DONATION', amount: '88.00', idempotencyKey: key('typo') },
    });
    const { reverseLedgerEntry } = await finance.request(ReverseLedgerEntryDocument, {
      input: { entryId: recordIncome.id, reason: '金额录错', idempotencyKey: key('fix') },
    });
    expect(reverseLedgerEntry).toMatchObject({
      kind: 'INCOME_REVERSAL',
      amount: '88.00',
      source: 'ENTERPRISE_DONATION',
      reversesEntryId: recordIncome.id,
      fromOrg: { code: 'C1' },
      toOrg: null,
      note: '金额录错',
    });
    expect(await balanceOf(finance, orgs.C1.id)).toBe(before);

    const twice = await errorOf(
      finance.request(ReverseLedgerEntryDocument, { input: { entryId: recordIncome.id, reason: 'again', idempotencyKey: key('fix') } }),
    );
    expect(twice.errors[0]!.extensions).toMatchObject({ code: 'CONFLICT', reason: 'ALREADY_REVERSED' });
    const ofCorrection = await errorOf(
      finance.request(ReverseLedgerEntryDocument, { input: { entryId: reverseLedgerEntry.id, reason: 'x', idempotencyKey: key('fix') } }),
    );
    expect(ofCorrection.errors[0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'NOT_REVERSIBLE', field: 'entryId' });

    await expect(env.server.db.query('UPDATE ledger_entries SET amount_fen = 1 WHERE id = $1', [recordIncome.id])).rejects.toThrow(
      /never changed or deleted/,
    );
    await expect(env.server.db.query('DELETE FROM ledger_entries WHERE id = $1', [recordIncome.id])).rejects.toThrow(/never changed/);
  });

  it('takes an allocation back from the child, unless the child has spent it', async () => {
    const { orgs } = env.tree;
    const finance = await env.server.as('finance.t1');
    await (
      await env.server.as('finance.c1')
    ).request(RecordIncomeDocument, {
      input: { orgId: String(orgs.T1.id), source: 'OTHER', amount: '40.00', idempotencyKey: key('t1') },
    });
    const { allocateFunds } = await finance.request(AllocateFundsDocument, {
      input: { fromOrgId: String(orgs.T1.id), toOrgId: String(orgs.E1b.id), amount: '40.00', idempotencyKey: key('e1b') },
    });
    const { reverseLedgerEntry } = await finance.request(ReverseLedgerEntryDocument, {
      input: { entryId: allocateFunds.id, reason: '拨错单位', idempotencyKey: key('back') },
    });
    expect(reverseLedgerEntry).toMatchObject({ kind: 'ALLOCATION_REVERSAL', fromOrg: { code: 'E1B' }, toOrg: { code: 'T1' } });
    expect(await balanceOf(finance, orgs.E1b.id)).toBe('0.00');

    const again = await finance.request(AllocateFundsDocument, {
      input: { fromOrgId: String(orgs.T1.id), toOrgId: String(orgs.E1b.id), amount: '40.00', idempotencyKey: key('e1b') },
    });
    await env.server.db.query(`UPDATE fund_accounts SET balance_fen = balance_fen - 1 WHERE org_id = $1`, [orgs.E1b.id]);
    const spent = await errorOf(
      finance.request(ReverseLedgerEntryDocument, { input: { entryId: again.allocateFunds.id, reason: 'x', idempotencyKey: key('back') } }),
    );
    expect(spent.errors[0]!.extensions).toMatchObject({ code: 'CONFLICT', reason: 'INSUFFICIENT_FUNDS' });
    await env.server.db.query(`UPDATE fund_accounts SET balance_fen = balance_fen + 1 WHERE org_id = $1`, [orgs.E1b.id]);
  });

  it('keeps every balance equal to what its entries add up to', async () => {
    expect(await unbalancedFunds()).toEqual([]);
  });
});

describe('the ledger and its audit trail', () => {
  it("lists an org's entries newest first, in pages", async () => {
    const finance = await env.server.as('finance.c1');
    const first = await finance.request(LedgerEntriesDocument, { orgId: String(env.tree.orgs.C1.id), first: 2 });
    expect(first.ledgerEntries.totalCount).toBeGreaterThan(3);
    const second = await finance.request(LedgerEntriesDocument, {
      orgId: String(env.tree.orgs.C1.id),
      first: 2,
      after: first.ledgerEntries.pageInfo.endCursor,
    });
    const ids = [...first.ledgerEntries.edges, ...second.ledgerEntries.edges].map((edge) => Number(edge.node.id));
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    expect(new Set(ids).size).toBe(4);
  });

  it('writes who moved what, newest first, for ADMIN and VIEWER of the subtree only', async () => {
    const { orgs } = env.tree;
    const finance = await env.server.as('finance.c1');
    const { recordIncome } = await finance.request(RecordIncomeDocument, {
      input: { orgId: String(orgs.C1.id), source: 'GOVERNMENT', amount: '7.00', idempotencyKey: key('audit') },
    });
    for (const username of ['admin.c1', 'viewer.c1', 'viewer.m']) {
      const { auditTrail } = await (await env.server.as(username)).request(AuditTrailDocument, { orgId: String(orgs.C1.id), first: 1 });
      expect(auditTrail.edges[0]!.node).toMatchObject({
        actor: 'finance.c1',
        action: 'ledger.income',
        subjectType: 'LedgerEntry',
        subjectId: recordIncome.id,
        org: { code: 'C1' },
        before: null,
        after: { kind: 'INCOME', amount: '7.00', toOrgId: orgs.C1.id },
      });
    }
    for (const username of ['finance.c1', 'staff.c1']) {
      const denied = await errorOf((await env.server.as(username)).request(AuditTrailDocument, { orgId: String(orgs.C1.id) }));
      expect(denied.code).toBe('FORBIDDEN');
    }
    // The audit entry is as permanent as the entry.
    await expect(env.server.db.query('DELETE FROM audit_entries')).rejects.toThrow(/never changed/);
  });

  it('shows an allocation in the audit trail of the receiving org as well as the giving one', async () => {
    const { orgs } = env.tree;
    const finance = await env.server.as('finance.c1');
    await finance.request(RecordIncomeDocument, {
      input: { orgId: String(orgs.C1.id), source: 'OTHER', amount: '3.00', idempotencyKey: key('a') },
    });
    const { allocateFunds } = await finance.request(AllocateFundsDocument, {
      input: { fromOrgId: String(orgs.C1.id), toOrgId: String(orgs.T1.id), amount: '3.00', idempotencyKey: key('a') },
    });
    for (const username of ['admin.t1', 'admin.c1']) {
      const { auditTrail } = await (await env.server.as(username)).request(AuditTrailDocument, { orgId: String(orgs.T1.id), first: 1 });
      expect(auditTrail.edges[0]!.node).toMatchObject({ action: 'ledger.allocation', subjectId: allocateFunds.id, org: { code: 'T1' } });
    }
  });
});
