import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import type { CellReader } from '../rollup/cells';
import type { Caller } from '../context';
import { unauthenticated } from '../errors';
import { scopeSql } from '../permissions/scope-sql';
import { groupedLoader, type Period } from '../rollup/period';
import { reemployedCounts } from './assistance-stats';
import { CASE_COLUMNS, CASE_FROM, type CaseRow } from './assistance.service';

export function createAssistanceLoaders(db: DataSource, cells: CellReader, caller: Caller | null) {
  const caseById = new DataLoader<string, CaseRow | null>(async (ids) => {
    if (!caller) return ids.map(() => null);
    const params: unknown[] = [ids];
    const scope = scopeSql(caller.ability, 'read', 'AssistanceCase', { orgPath: 'o.path' }, params);
    const rows: CaseRow[] = await db.query(`SELECT ${CASE_COLUMNS} FROM ${CASE_FROM} WHERE c.id = ANY($1::bigint[]) AND ${scope}`, params);
    return ids.map((id) => rows.find((row) => row.id === id) ?? null);
  });

  const reemployedByPath = groupedLoader((paths: string[], period: Period) => {
    if (!caller) throw unauthenticated();
    return reemployedCounts(db, cells, caller, paths, period);
  });

  // The latest cases of each worker on a page, for all of them in one query (keyed "workerId|first").
  const latestCasesByWorker = new DataLoader<string, CaseRow[]>(async (keys) => {
    if (!caller) return keys.map(() => []);
    const byFirst = new Map<number, string[]>();
    for (const key of keys) {
      const [workerId, first] = key.split('|') as [string, string];
      byFirst.set(Number(first), [...(byFirst.get(Number(first)) ?? []), workerId]);
    }
    const found = new Map<string, CaseRow[]>();
    for (const [first, workerIds] of byFirst) {
      const params: unknown[] = [workerIds, first];
      const scope = scopeSql(caller.ability, 'read', 'AssistanceCase', { orgPath: 'o.path' }, params);
      const rows: (CaseRow & { rank: string })[] = await db.query(
        `SELECT * FROM (
           SELECT ${CASE_COLUMNS}, row_number() OVER (PARTITION BY c.worker_id ORDER BY c.id DESC) AS rank
           FROM ${CASE_FROM} WHERE c.worker_id = ANY($1::bigint[]) AND ${scope}
         ) latest WHERE rank <= $2 ORDER BY "workerId", rank`,
        params,
      );
      for (const row of rows) {
        const key = `${row.workerId}|${first}`;
        found.set(key, [...(found.get(key) ?? []), row]);
      }
    }
    return keys.map((key) => found.get(key) ?? []);
  });

  return { caseById, reemployedByPath, latestCasesByWorker };
}
