import type { DataSource, EntityManager } from 'typeorm';
import { writeAudit } from '../audit/audit.service';
import { bigintId } from '../common/ids';
import { keysetPage, type ConnectionResult, type Page } from '../common/connection';
import { formatFen } from '../common/money';
import type { Caller } from '../context';
import { badInput, conflict, forbidden, notFound } from '../errors';
import type { Org } from '../org/org.entity';
import { requireVisibleOrg } from '../org/org.service';
import { subjectOf } from '../permissions/ability';
import { rootIdOf } from '../permissions/paths';
import { scopeSql } from '../permissions/scope-sql';
import { IncomeSource, LedgerEntryKind } from './funds-enums';
import type { AllocateFundsInput, RecordIncomeInput, ReverseLedgerEntryInput } from './funds.inputs';
import { checkIdempotencyKey, runIdempotent } from './idempotency';
import type { LedgerEntry } from './ledger-entry.entity';

/** An entry as the API handles it, with the username of whoever recorded it. */
export type EntryRow = LedgerEntry & { recorderName: string };

export const ENTRY_COLUMNS = `e.id::text AS id, e.kind, e.from_org_id AS "fromOrgId", e.to_org_id AS "toOrgId", e.source,
  e.case_id::text AS "caseId", e.worker_id::text AS "workerId", e.amount_fen::text AS "amountFen",
  to_char(e.entry_date, 'YYYY-MM-DD') AS "entryDate", e.reverses_entry_id::text AS "reversesEntryId", e.note,
  e.recorded_by AS "recordedBy", e.recorded_at AS "recordedAt", u.username AS "recorderName"`;

const ENTRY_FROM = `ledger_entries e JOIN users u ON u.id = e.recorded_by
  LEFT JOIN orgs fo ON fo.id = e.from_org_id LEFT JOIN orgs tor ON tor.id = e.to_org_id`;

/** The largest amount one call may move: 10 billion yuan, far above any real payment. */
const MAX_AMOUNT_FEN = 1_000_000_000_000n;

export function fundSubject(org: { path: string }) {
  return subjectOf('Fund', { orgPath: org.path, rootId: rootIdOf(org.path) });
}

/** An entry is visible when the fund at either end of it is. */
export function entryScopeSql(caller: Caller, params: unknown[]): string {
  const from = scopeSql(caller.ability, 'read', 'Fund', { orgPath: 'fo.path' }, params);
  const to = scopeSql(caller.ability, 'read', 'Fund', { orgPath: 'tor.path' }, params);
  return `((fo.id IS NOT NULL AND ${from}) OR (tor.id IS NOT NULL AND ${to}))`;
}

export function checkAmount(amount: bigint, field = 'amount', { zeroAllowed = false } = {}): bigint {
  if (amount < 0n || (amount === 0n && !zeroAllowed))
    throw badInput('AMOUNT_NOT_POSITIVE', `${field} must be above zero${zeroAllowed ? ' or zero' : ''}.`, field);
  if (amount > MAX_AMOUNT_FEN) throw badInput('AMOUNT_TOO_LARGE', `${field} is above ${formatFen(MAX_AMOUNT_FEN)} yuan.`, field);
  return amount;
}

/**
 * Takes money out of an org's fund, or fails with INSUFFICIENT_FUNDS and moves nothing. One
 * conditional UPDATE: concurrent debits of the same fund queue on its row and each sees the
 * balance the previous one left. The CHECK on the table backs it up.
 */
export async function debitFund(tx: EntityManager, org: Pick<Org, 'id' | 'name'>, amountFen: bigint, field = 'amount'): Promise<void> {
  const rows: unknown[] = await tx.query(
    // As a CTE, so the driver hands back the rows (an UPDATE answers [rows, count]).
    `WITH debited AS (
       UPDATE fund_accounts SET balance_fen = balance_fen - $2, updated_at = now() WHERE org_id = $1 AND balance_fen >= $2 RETURNING 1
     ) SELECT 1 FROM debited`,
    [org.id, amountFen.toString()],
  );
  if (rows.length === 0) {
    const [held] = (await tx.query('SELECT balance_fen::text AS fen FROM fund_accounts WHERE org_id = $1', [org.id])) as { fen: string }[];
    throw conflict(
      'INSUFFICIENT_FUNDS',
      `The fund of ${org.name} holds ${formatFen(held?.fen ?? 0)} yuan, less than ${formatFen(amountFen)}: nothing was moved.`,
      field,
    );
  }
}

export async function creditFund(tx: EntityManager, orgId: number, amountFen: bigint): Promise<void> {
  await tx.query(
    `INSERT INTO fund_accounts (org_id, balance_fen) VALUES ($1, $2)
     ON CONFLICT (org_id) DO UPDATE SET balance_fen = fund_accounts.balance_fen + EXCLUDED.balance_fen, updated_at = now()`,
    [orgId, amountFen.toString()],
  );
}

export interface NewEntry {
  kind: LedgerEntryKind;
  fromOrgId: number | null;
  toOrgId: number | null;
  amountFen: bigint;
  source?: IncomeSource | null;
  caseId?: string | null;
  workerId?: string | null;
  reversesEntryId?: string | null;
  note?: string | null;
}

/**
 * Writes the entry and its audit record; the balances are the caller's to move in the same
 * transaction. The audit record belongs to the lower of the two funds, so that both the giving
 * and the receiving org's overseers read it.
 */
export async function insertEntry(tx: EntityManager, caller: Caller, entry: NewEntry, auditOrgId: number): Promise<string> {
  const [{ id }] = (await tx.query(
    `INSERT INTO ledger_entries (kind, from_org_id, to_org_id, source, case_id, worker_id, amount_fen, reverses_entry_id, note, recorded_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id::text AS id`,
    [
      entry.kind,
      entry.fromOrgId,
      entry.toOrgId,
      entry.source ?? null,
      entry.caseId ?? null,
      entry.workerId ?? null,
      entry.amountFen.toString(),
      entry.reversesEntryId ?? null,
      entry.note ?? null,
      caller.userId,
    ],
  )) as [{ id: string }];
  await writeAudit(tx, caller, {
    orgId: auditOrgId,
    action: `ledger.${entry.kind.toLowerCase()}`,
    subjectType: 'LedgerEntry',
    subjectId: id,
    before: null,
    after: {
      kind: entry.kind,
      fromOrgId: entry.fromOrgId,
      toOrgId: entry.toOrgId,
      source: entry.source ?? null,
      caseId: entry.caseId ?? null,
      amount: formatFen(entry.amountFen),
      reversesEntryId: entry.reversesEntryId ?? null,
    },
  });
  return id;
}

export class FundsService {
  constructor(private readonly db: DataSource) {}

  /** Money from outside the tree into an org's fund (FINANCE or ADMIN of the org or above). */
  async recordIncome(caller: Caller, input: RecordIncomeInput): Promise<EntryRow> {
    const amount = checkAmount(input.amount);
    const key = checkIdempotencyKey(input.idempotencyKey);
    const note = input.note?.trim() || null;
    const { resultId } = await runIdempotent(
      this.db,
      (org: Org) => ({
        orgId: org.id,
        key,
        userId: caller.userId,
        operation: 'recordIncome',
        request: { orgId: org.id, source: input.source, amount: amount.toString(), note },
      }),
      async (tx) => {
        const org = await requireVisibleOrg(tx, caller, input.orgId, 'orgId');
        if (!caller.ability.can('create', fundSubject(org)))
          throw forbidden('Only FINANCE or ADMIN of this org or above record its income.');
        return org;
      },
      async (tx, org) => {
        await creditFund(tx, org.id, amount);
        return insertEntry(
          tx,
          caller,
          { kind: LedgerEntryKind.INCOME, fromOrgId: null, toOrgId: org.id, amountFen: amount, source: input.source, note },
          org.id,
        );
      },
    );
    return this.byId(resultId);
  }

  /** 下拨: from an org's fund to a direct child's (FINANCE or ADMIN of the giving org itself). */
  async allocate(caller: Caller, input: AllocateFundsInput): Promise<EntryRow> {
    const amount = checkAmount(input.amount);
    const key = checkIdempotencyKey(input.idempotencyKey);
    const note = input.note?.trim() || null;
    const { resultId } = await runIdempotent(
      this.db,
      ({ from, to }: { from: Org; to: Org }) => ({
        orgId: from.id,
        key,
        userId: caller.userId,
        operation: 'allocateFunds',
        request: { fromOrgId: from.id, toOrgId: to.id, amount: amount.toString(), note },
      }),
      async (tx) => {
        const from = await requireVisibleOrg(tx, caller, input.fromOrgId, 'fromOrgId');
        if (!caller.ability.can('allocate', fundSubject(from)))
          throw forbidden('Only FINANCE or ADMIN held at the giving org itself allocate its funds.');
        const to = await requireVisibleOrg(tx, caller, input.toOrgId, 'toOrgId');
        if (to.parentId !== from.id)
          throw badInput(
            'NOT_A_DIRECT_CHILD',
            'toOrgId must be a direct child of fromOrgId: funds flow down one level at a time.',
            'toOrgId',
          );
        return { from, to };
      },
      async (tx, { from, to }) => {
        // Giver first, always: the same order as a reversal takes, so the two never deadlock.
        await debitFund(tx, from, amount);
        await creditFund(tx, to.id, amount);
        return insertEntry(
          tx,
          caller,
          { kind: LedgerEntryKind.ALLOCATION, fromOrgId: from.id, toOrgId: to.id, amountFen: amount, note },
          to.id,
        );
      },
    );
    return this.byId(resultId);
  }

  /**
   * A correction: an INCOME leaves the fund it came into, an ALLOCATION returns to the giving
   * org. Fails with INSUFFICIENT_FUNDS when the money was already spent.
   */
  async reverse(caller: Caller, input: ReverseLedgerEntryInput): Promise<EntryRow> {
    const key = checkIdempotencyKey(input.idempotencyKey);
    const reason = input.reason.trim();
    const { resultId } = await runIdempotent(
      this.db,
      ({ entry, actingOrg }: { entry: EntryRow; actingOrg: Org; other: Org | null }) => ({
        orgId: actingOrg.id,
        key,
        userId: caller.userId,
        operation: 'reverseLedgerEntry',
        request: { entryId: entry.id, reason },
      }),
      async (tx) => {
        const entry = await this.requireVisibleEntry(tx, caller, input.entryId, 'entryId');
        if (entry.kind === LedgerEntryKind.INCOME) {
          const org = await requireVisibleOrg(tx, caller, String(entry.toOrgId), 'entryId');
          if (!caller.ability.can('create', fundSubject(org)))
            throw forbidden('Only FINANCE or ADMIN of the receiving org or above correct its income.');
          return { entry, actingOrg: org, other: null };
        }
        if (entry.kind === LedgerEntryKind.ALLOCATION) {
          const giver = await requireVisibleOrg(tx, caller, String(entry.fromOrgId), 'entryId');
          if (!caller.ability.can('allocate', fundSubject(giver)))
            throw forbidden('Only FINANCE or ADMIN held at the giving org correct its allocations.');
          const child = await requireVisibleOrg(tx, caller, String(entry.toOrgId), 'entryId');
          return { entry, actingOrg: giver, other: child };
        }
        throw badInput(
          'NOT_REVERSIBLE',
          'Only income and allocations are corrected this way; a payment went to a worker, and a correction is final.',
          'entryId',
        );
      },
      async (tx, { entry, actingOrg, other }) => {
        // Two reversals of one entry take turns on its row, so the second sees the first.
        await tx.query('SELECT 1 FROM ledger_entries WHERE id = $1 FOR UPDATE', [entry.id]);
        const already: unknown[] = await tx.query('SELECT 1 FROM ledger_entries WHERE reverses_entry_id = $1', [entry.id]);
        if (already.length) throw conflict('ALREADY_REVERSED', 'This entry was already reversed.', 'entryId');
        const amount = BigInt(entry.amountFen);
        if (entry.kind === LedgerEntryKind.INCOME) {
          await debitFund(tx, actingOrg, amount, 'entryId');
          return insertEntry(
            tx,
            caller,
            {
              kind: LedgerEntryKind.INCOME_REVERSAL,
              fromOrgId: actingOrg.id,
              toOrgId: null,
              source: entry.source,
              amountFen: amount,
              reversesEntryId: entry.id,
              note: reason,
            },
            actingOrg.id,
          );
        }
        // Lock the giver's fund before the child's, as allocations do.
        await tx.query('SELECT 1 FROM fund_accounts WHERE org_id = $1 FOR UPDATE', [actingOrg.id]);
        await debitFund(tx, other!, amount, 'entryId');
        await creditFund(tx, actingOrg.id, amount);
        return insertEntry(
          tx,
          caller,
          {
            kind: LedgerEntryKind.ALLOCATION_REVERSAL,
            fromOrgId: other!.id,
            toOrgId: actingOrg.id,
            amountFen: amount,
            reversesEntryId: entry.id,
            note: reason,
          },
          other!.id,
        );
      },
    );
    return this.byId(resultId);
  }

  /** The entries of one org's own fund, money in and out, newest first. */
  async entriesOf(caller: Caller, rawOrgId: string, page: Page): Promise<ConnectionResult<EntryRow>> {
    const org = await requireVisibleOrg(this.db.manager, caller, rawOrgId, 'orgId');
    const params: unknown[] = [org.id];
    const scope = entryScopeSql(caller, params);
    return keysetPage(
      this.db,
      {
        columns: ENTRY_COLUMNS,
        from: ENTRY_FROM,
        where: `(e.from_org_id = $1 OR e.to_org_id = $1) AND ${scope}`,
        params,
        key: 'e.id',
        newestFirst: true,
      },
      page,
    );
  }

  private async requireVisibleEntry(tx: EntityManager, caller: Caller, rawId: string, field: string): Promise<EntryRow> {
    const id = bigintId(rawId);
    if (id === null) throw notFound('ledger entry', field);
    const params: unknown[] = [id];
    const scope = entryScopeSql(caller, params);
    const rows: EntryRow[] = await tx.query(`SELECT ${ENTRY_COLUMNS} FROM ${ENTRY_FROM} WHERE e.id = $1 AND ${scope}`, params);
    if (!rows[0]) throw notFound('ledger entry', field);
    return rows[0];
  }

  async byId(id: string): Promise<EntryRow> {
    const rows: EntryRow[] = await this.db.query(`SELECT ${ENTRY_COLUMNS} FROM ${ENTRY_FROM} WHERE e.id = $1`, [id]);
    return rows[0]!;
  }
}
