import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import type { CellReader } from '../rollup/cells';
import type { Caller } from '../context';
import { unauthenticated } from '../errors';
import { scopeSql } from '../permissions/scope-sql';
import { groupedLoader, type Period } from '../rollup/period';
import { fundStats } from './fund-stats';

export function createFundsLoaders(db: DataSource, cells: CellReader, caller: Caller | null) {
  const fundStatsByPath = groupedLoader((paths: string[], { period, beneficiaries }: { period: Period; beneficiaries: boolean }) => {
    if (!caller) throw unauthenticated();
    return fundStats(db, cells, caller, paths, period, { beneficiaries });
  });

  // What each org's own fund holds, for orgs whose funds the caller may read.
  const balanceByOrgId = new DataLoader<number, string | null>(async (ids) => {
    if (!caller) return ids.map(() => null);
    const params: unknown[] = [ids];
    const scope = scopeSql(caller.ability, 'read', 'Fund', { orgPath: 'o.path' }, params);
    const rows: { id: number; fen: string | null }[] = await db.query(
      `SELECT o.id, coalesce(f.balance_fen, 0)::text AS fen FROM orgs o LEFT JOIN fund_accounts f ON f.org_id = o.id
       WHERE o.id = ANY($1::int[]) AND ${scope}`,
      params,
    );
    return ids.map((id) => rows.find((row) => row.id === id)?.fen ?? null);
  });

  return { fundStatsByPath, balanceByOrgId };
}
