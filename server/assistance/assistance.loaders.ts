import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import type { Caller } from '../context';
import { unauthenticated } from '../errors';
import { scopeSql } from '../permissions/scope-sql';
import { periodLoader } from '../rollup/period';
import { reemployedCounts } from './assistance-stats';
import { CASE_COLUMNS, CASE_FROM, type CaseRow } from './assistance.service';

export function createAssistanceLoaders(db: DataSource, caller: Caller | null) {
  const caseById = new DataLoader<string, CaseRow | null>(async (ids) => {
    if (!caller) return ids.map(() => null);
    const params: unknown[] = [ids];
    const scope = scopeSql(caller.ability, 'read', 'AssistanceCase', { orgPath: 'o.path' }, params);
    const rows: CaseRow[] = await db.query(`SELECT ${CASE_COLUMNS} FROM ${CASE_FROM} WHERE c.id = ANY($1::bigint[]) AND ${scope}`, params);
    return ids.map((id) => rows.find((row) => row.id === id) ?? null);
  });

  const reemployedByPath = periodLoader((paths, period) => {
    if (!caller) throw unauthenticated();
    return reemployedCounts(db, caller, paths, period);
  });

  return { caseById, reemployedByPath };
}
