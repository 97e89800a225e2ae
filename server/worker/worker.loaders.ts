import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import type { Caller } from '../context';
import { scopeSql } from '../permissions/scope-sql';
import { WORKER_COLUMNS, type WorkerRow } from './worker.service';

export function createWorkerLoaders(db: DataSource, caller: Caller | null) {
  const workerById = new DataLoader<string, WorkerRow | null>(async (ids) => {
    if (!caller) return ids.map(() => null);
    const params: unknown[] = [ids];
    const scope = scopeSql(caller.ability, 'read', 'Worker', { orgPath: 'o.path' }, params);
    const rows: WorkerRow[] = await db.query(
      `SELECT ${WORKER_COLUMNS} FROM workers w JOIN orgs o ON o.id = w.org_id WHERE w.id = ANY($1::bigint[]) AND ${scope}`,
      params,
    );
    const byId = new Map(rows.map((row) => [row.id, row]));
    return ids.map((id) => byId.get(id) ?? null);
  });
  return { workerById };
}
