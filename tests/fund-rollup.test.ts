import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import fc from 'fast-check';
import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import {
  AllocateFundsDocument,
  ApplyAssistanceDocument,
  ApproveAssistanceDocument,
  CreatePairingDocument,
  DisburseAssistanceDocument,
  EndPairingDocument,
  FundRollupDocument,
  LiftHardshipArchiveDocument,
  PairingsDocument,
  RecordAssistanceOutcomeDocument,
  RecordIncomeDocument,
  ReverseLedgerEntryDocument,
  type AssistanceProgramme,
  type FundFiguresFragment,
  type GonghuiClient,
} from '../client/sdk';
import { usePermissionTree } from './support/env';
import { errorOf } from './support/errors';
import { insertArchive, insertOrg, insertUser, insertWorker, type FixtureOrg } from './support/fixture';

const env = usePermissionTree();
const SinceWithBeneficiaries = parse(
  `query ($code: String!) { org(code: $code) { rollup { funds(from: "2000-01-01") { byProgramme { programme amount personTimes beneficiaries } } } } }`,
) as TypedDocumentNode<
  { org: { rollup: { funds: { byProgramme: FundFiguresFragment['funds']['byProgramme'] } } } | null },
  { code: string }
>;
const SinceWithoutBeneficiaries = parse(
  `query ($code: String!) { org(code: $code) { rollup { funds(from: "2000-01-01") { byProgramme { programme amount personTimes } } } } }`,
) as TypedDocumentNode<
  { org: { rollup: { funds: { byProgramme: Omit<FundFiguresFragment['funds']['byProgramme'][number], 'beneficiaries'>[] } } } | null },
  { code: string }
>;
const PROGRAMMES: AssistanceProgramme[] = ['WARMTH', 'LIVING', 'EDUCATION', 'MEDICAL', 'SKILLS', 'EMPLOYMENT', 'LEGAL'];
const fen = (yuan: string) => Math.round(Number(yuan) * 100);
const yuan = (value: number) => (value / 100).toFixed(2);

// ---------------------------------------------------------------------------------------------
// The model: a county K ─ Ta ─ Ea1, Ea2 / Tb ─ Eb1 with one hardship worker at each org, and the
// money moved through the API, kept in TypeScript as plain entries.

const NAMES = ['K', 'Ta', 'Tb', 'Ea1', 'Ea2', 'Eb1'] as const;
type Name = (typeof NAMES)[number];
const PARENT: Record<Name, Name | null> = { K: null, Ta: 'K', Tb: 'K', Ea1: 'Ta', Ea2: 'Ta', Eb1: 'Tb' };
const ancestorsOrSelf = (name: Name): Name[] => (PARENT[name] ? [name, ...ancestorsOrSelf(PARENT[name])] : [name]);
const inSubtree = (name: Name, root: Name) => ancestorsOrSelf(name).includes(root);

type Op =
  | { kind: 'income'; org: Name; amount: number }
  | { kind: 'allocate'; to: Name; amount: number }
  | { kind: 'pay'; worker: Name; payer: number; programme: AssistanceProgramme; amount: number }
  | { kind: 'reverse'; pick: number };

interface Moved {
  id: string;
  kind: 'INCOME' | 'ALLOCATION' | 'PAYMENT' | 'INCOME_REVERSAL' | 'ALLOCATION_REVERSAL';
  from: Name | null;
  to: Name | null;
  amount: number;
  programme?: AssistanceProgramme;
  worker?: Name;
}

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('income' as const), org: fc.constantFrom(...NAMES), amount: fc.integer({ min: 1, max: 50_000 }) }),
  fc.record({
    kind: fc.constant('allocate' as const),
    to: fc.constantFrom<Name>('Ta', 'Tb', 'Ea1', 'Ea2', 'Eb1'),
    amount: fc.integer({ min: 1, max: 30_000 }),
  }),
  fc.record({
    kind: fc.constant('pay' as const),
    worker: fc.constantFrom(...NAMES),
    payer: fc.nat(),
    programme: fc.constantFrom<AssistanceProgramme>('LIVING', 'MEDICAL', 'SKILLS', 'LEGAL'),
    amount: fc.integer({ min: 0, max: 20_000 }),
  }),
  fc.record({ kind: fc.constant('reverse' as const), pick: fc.nat() }),
);

function expectedFigures(moves: Moved[], root: Name) {
  let income = 0;
  let disbursed = 0;
  for (const move of moves) {
    const fromIn = move.from !== null && inSubtree(move.from, root);
    const toIn = move.to !== null && inSubtree(move.to, root);
    if (move.kind === 'PAYMENT') {
      if (fromIn) disbursed += move.amount;
    } else if (toIn && !fromIn) income += move.amount;
    else if (fromIn && !toIn) income -= move.amount;
  }
  const balance = NAMES.filter((name) => inSubtree(name, root)).reduce((sum, name) => sum + balanceOf(moves, name), 0);
  return { income, disbursed, balance };
}

function balanceOf(moves: Moved[], name: Name): number {
  return moves.reduce((sum, move) => sum + (move.to === name ? move.amount : 0) - (move.from === name ? move.amount : 0), 0);
}

let run = 0;

async function buildCounty() {
  run++;
  const db = env.server.db;
  const orgs = {} as Record<Name, FixtureOrg>;
  for (const name of NAMES) {
    const parent = PARENT[name] ? orgs[PARENT[name]] : env.tree.orgs.M;
    const level = name === 'K' ? 'COUNTY' : name.startsWith('T') ? 'TOWNSHIP' : 'ENTERPRISE';
    orgs[name] = await insertOrg(db, parent, `R${run}${name.toUpperCase()}`, level);
  }
  const workers = {} as Record<Name, string>;
  for (const [i, name] of NAMES.entries()) {
    workers[name] = await insertWorker(db, orgs[name], { serial: (run * 7 + i) % 500, birthDate: `1970-0${1 + (run % 9)}-1${i}` });
    await insertArchive(db, workers[name], { householdSize: 3, incomeFen: 50_000 });
  }
  // One FINANCE user held at every org of the county, so it may allocate from each of them.
  await insertUser(
    db,
    `fin.r${run}`,
    NAMES.map((name) => ['FINANCE', orgs[name]]),
  );
  return { orgs, workers, finance: await env.server.as(`fin.r${run}`) };
}

async function replay(ops: Op[], county: Awaited<ReturnType<typeof buildCounty>>, staff: GonghuiClient, approver: GonghuiClient) {
  const { orgs, workers, finance } = county;
  const moves: Moved[] = [];
  const reversed = new Set<string>();
  let n = 0;
  const key = () => `r${run}-${n++}`;
  for (const op of ops) {
    if (op.kind === 'income') {
      const { recordIncome } = await finance.request(RecordIncomeDocument, {
        input: { orgId: String(orgs[op.org].id), source: 'UNION_DUES', amount: yuan(op.amount), idempotencyKey: key() },
      });
      moves.push({ id: recordIncome.id, kind: 'INCOME', from: null, to: op.org, amount: op.amount });
    } else if (op.kind === 'allocate') {
      const from = PARENT[op.to]!;
      const variables = {
        input: { fromOrgId: String(orgs[from].id), toOrgId: String(orgs[op.to].id), amount: yuan(op.amount), idempotencyKey: key() },
      };
      if (balanceOf(moves, from) >= op.amount) {
        const { allocateFunds } = await finance.request(AllocateFundsDocument, variables);
        moves.push({ id: allocateFunds.id, kind: 'ALLOCATION', from, to: op.to, amount: op.amount });
      } else
        expect((await errorOf(finance.request(AllocateFundsDocument, variables))).errors[0]!.extensions?.reason).toBe('INSUFFICIENT_FUNDS');
    } else if (op.kind === 'pay') {
      const chain = ancestorsOrSelf(op.worker);
      const payer = chain[op.payer % chain.length]!;
      const amount = op.programme === 'LIVING' || op.programme === 'MEDICAL' ? Math.max(op.amount, 1) : op.amount;
      const made = await staff.request(ApplyAssistanceDocument, {
        input: {
          workerId: workers[op.worker],
          programme: op.programme,
          amount: yuan(amount),
          idempotencyKey: key(),
          ...(op.programme === 'MEDICAL' ? { medical: { illness: '肾病' } } : {}),
          ...(op.programme === 'SKILLS' ? { training: { course: '焊工' } } : {}),
        },
      });
      await approver.request(ApproveAssistanceDocument, { caseId: made.applyAssistance.id, payingOrgId: String(orgs[payer].id) });
      const variables = { caseId: made.applyAssistance.id, idempotencyKey: key() };
      if (balanceOf(moves, payer) >= amount) {
        await approver.request(DisburseAssistanceDocument, variables);
        moves.push({
          id: made.applyAssistance.id,
          kind: 'PAYMENT',
          from: payer,
          to: null,
          amount,
          programme: op.programme,
          worker: op.worker,
        });
      } else
        expect((await errorOf(approver.request(DisburseAssistanceDocument, variables))).errors[0]!.extensions?.reason).toBe(
          'INSUFFICIENT_FUNDS',
        );
    } else {
      const candidates = moves.filter((m) => (m.kind === 'INCOME' || m.kind === 'ALLOCATION') && !reversed.has(m.id));
      const entry = candidates[op.pick % Math.max(candidates.length, 1)];
      if (!entry) continue;
      const variables = { input: { entryId: entry.id, reason: '更正', idempotencyKey: key() } };
      const holder = entry.to!;
      if (balanceOf(moves, holder) >= entry.amount) {
        const { reverseLedgerEntry } = await finance.request(ReverseLedgerEntryDocument, variables);
        moves.push(
          entry.kind === 'INCOME'
            ? { id: reverseLedgerEntry.id, kind: 'INCOME_REVERSAL', from: holder, to: null, amount: entry.amount }
            : { id: reverseLedgerEntry.id, kind: 'ALLOCATION_REVERSAL', from: holder, to: entry.from, amount: entry.amount },
        );
        reversed.add(entry.id);
      } else
        expect((await errorOf(finance.request(ReverseLedgerEntryDocument, variables))).errors[0]!.extensions?.reason).toBe(
          'INSUFFICIENT_FUNDS',
        );
    }
  }
  return moves;
}

function checkFigures(figures: FundFiguresFragment, moves: Moved[], root: Name) {
  const expected = expectedFigures(moves, root);
  expect({ income: fen(figures.funds.income), disbursed: fen(figures.funds.disbursed), balance: fen(figures.funds.balance) }, root).toEqual(
    expected,
  );
  expect(fen(figures.funds.income) - fen(figures.funds.disbursed)).toBe(fen(figures.funds.balance));
  for (const programme of PROGRAMMES) {
    const paid = moves.filter((m) => m.kind === 'PAYMENT' && m.programme === programme && inSubtree(m.from!, root));
    expect(
      figures.funds.byProgramme.find((p) => p.programme === programme),
      `${root} ${programme}`,
    ).toEqual({
      programme,
      amount: yuan(paid.reduce((sum, m) => sum + m.amount, 0)),
      personTimes: paid.length,
      beneficiaries: new Set(paid.map((m) => m.worker)).size,
    });
  }
}

describe('the fund rollup', () => {
  it('equals what the entries say for every subtree, income less disbursed being the balance', async () => {
    const staff = await env.server.as('staff.m');
    const approver = await env.server.as('finance.m');
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 4, maxLength: 14 }), async (ops) => {
        const county = await buildCounty();
        const moves = await replay(ops, county, staff, approver);
        const { org } = await approver.request(FundRollupDocument, { code: county.orgs.K.code });
        checkFigures(org!.rollup, moves, 'K');
        for (const child of org!.rollup.byChild) {
          const name = NAMES.find((n) => county.orgs[n].code === child.org.code)!;
          checkFigures(child, moves, name);
        }
        for (const name of ['Ta', 'Ea1'] as const) {
          const sub = await county.finance.request(FundRollupDocument, { code: county.orgs[name].code });
          checkFigures(sub.org!.rollup, moves, name);
        }
        // A period with a start counts distinct beneficiaries only when asked: the other figures are the same either way.
        const code = county.orgs.K.code;
        const [withCount, without] = await Promise.all([
          approver.request(SinceWithBeneficiaries, { code }),
          approver.request(SinceWithoutBeneficiaries, { code }),
        ]);
        expect(without.org!.rollup.funds.byProgramme).toEqual(
          withCount.org!.rollup.funds.byProgramme.map(({ beneficiaries: _counted, ...figures }) => figures),
        );
        expect(withCount.org!.rollup.funds.byProgramme).toEqual(org!.rollup.funds.byProgramme);
      }),
      { numRuns: 8, seed: 20261124 },
    );
  });

  it('counts money in the period only, and the balance as it is now', async () => {
    const county = await buildCounty();
    await county.finance.request(RecordIncomeDocument, {
      input: { orgId: String(county.orgs.K.id), source: 'GOVERNMENT', amount: '900.00', idempotencyKey: 'period' },
    });
    const finance = county.finance;
    const today = (await env.server.db.query(`SELECT current_date::text AS d`))[0].d as string;
    const now = (await finance.request(FundRollupDocument, { code: county.orgs.K.code, from: today, to: today })).org!.rollup.funds;
    expect(now).toMatchObject({ income: '900.00', disbursed: '0.00', balance: '900.00' });
    const before = (await finance.request(FundRollupDocument, { code: county.orgs.K.code, to: '2000-12-31' })).org!.rollup.funds;
    expect(before).toMatchObject({ income: '0.00', disbursed: '0.00', balance: '900.00' });
    const wrong = await errorOf(finance.request(FundRollupDocument, { code: county.orgs.K.code, from: '2025-02-01', to: '2025-01-01' }));
    expect(wrong.errors[0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'PERIOD_ORDER', field: 'from' });
  });
});

describe('pairings and re-employment in the rollup', () => {
  it('pairs a cadre with a hardship family until it is lifted, and counts both', async () => {
    const county = await buildCounty();
    const staff = await env.server.as('staff.m');
    const pair = (name: Name) =>
      staff.request(CreatePairingDocument, {
        input: { workerId: county.workers[name], cadreName: '李建国', cadrePost: '区总工会副主席', cadreOrgId: String(county.orgs.K.id) },
      });
    const first = (await pair('Ea1')).createPairing;
    expect(first).toMatchObject({ cadreName: '李建国', cadreOrg: { code: county.orgs.K.code }, endedOn: null, endReason: null });
    const twice = await errorOf(pair('Ea1'));
    expect(twice.errors[0]!.extensions).toMatchObject({ code: 'CONFLICT', reason: 'ALREADY_PAIRED', field: 'workerId' });
    const second = (await pair('Eb1')).createPairing;

    // Lifting the family ends its pairing in the same step.
    const [{ id: archiveId }] = (await env.server.db.query(`SELECT id::text AS id FROM hardship_archives WHERE worker_id = $1`, [
      county.workers.Ea1,
    ])) as [{ id: string }];
    await staff.request(LiftHardshipArchiveDocument, { input: { id: archiveId, reason: '再就业' } });
    await staff.request(EndPairingDocument, { input: { id: second.id, note: '干部调离' } });
    const lifted = await errorOf(pair('Ea1'));
    expect(lifted.errors[0]!.extensions).toMatchObject({ code: 'CONFLICT', reason: 'NOT_IN_HARDSHIP' });
    await pair('Ta');

    const { pairings } = await staff.request(PairingsDocument, { orgId: String(county.orgs.K.id), first: 10 });
    expect(pairings.edges.map((edge) => [edge.node.worker.id, edge.node.endReason, edge.node.endNote])).toEqual([
      [county.workers.Ta, null, null],
      [county.workers.Eb1, 'OTHER', '干部调离'],
      [county.workers.Ea1, 'LIFTED', null],
    ]);
    const { org } = await staff.request(FundRollupDocument, { code: county.orgs.K.code });
    expect(org!.rollup.pairings).toEqual({ total: 3, lifted: 1, active: 1 });
    const ta = org!.rollup.byChild.find((child) => child.org.code === county.orgs.Ta.code)!;
    expect(ta.pairings).toEqual({ total: 2, lifted: 1, active: 1 });
  });

  it('counts each worker re-employed once, by the day the outcome was known', async () => {
    const county = await buildCounty();
    const staff = await env.server.as('staff.m');
    const approver = await env.server.as('finance.m');
    const serve = async (name: Name, programme: 'SKILLS' | 'EMPLOYMENT', reemployed: boolean) => {
      const made = await staff.request(ApplyAssistanceDocument, {
        input: {
          workerId: county.workers[name],
          programme,
          amount: '0.00',
          idempotencyKey: `re-${name}-${Math.random()}`,
          training: { course: '家政' },
        },
      });
      const id = made.applyAssistance.id;
      await approver.request(ApproveAssistanceDocument, { caseId: id, payingOrgId: String(county.orgs.K.id) });
      await approver.request(DisburseAssistanceDocument, { caseId: id, idempotencyKey: `re-${id}` });
      await staff.request(RecordAssistanceOutcomeDocument, { input: { caseId: id, reemployed } });
    };
    await serve('Ea1', 'SKILLS', true);
    await serve('Ea1', 'EMPLOYMENT', true);
    await serve('Ea2', 'EMPLOYMENT', false);
    await serve('Eb1', 'EMPLOYMENT', true);
    const { org } = await staff.request(FundRollupDocument, { code: county.orgs.K.code });
    expect(org!.rollup.reemployed).toBe(2);
    expect(org!.rollup.byChild.map((child) => child.reemployed).sort()).toEqual([1, 1]);
    expect(org!.rollup.funds.byProgramme.find((p) => p.programme === 'EMPLOYMENT')).toEqual({
      programme: 'EMPLOYMENT',
      amount: '0.00',
      personTimes: 3,
      beneficiaries: 3,
    });
    const past = await staff.request(FundRollupDocument, { code: county.orgs.K.code, to: '2000-01-01' });
    expect(past.org!.rollup.reemployed).toBe(0);
  });
});
