import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import type { Caller } from '../context';
import { scopeSql } from '../permissions/scope-sql';
import type { HardshipLine } from './hardship-line.entity';
import { ARCHIVE_COLUMNS, ARCHIVE_FROM, LINE_COLUMNS, type ArchiveRow } from './hardship.service';

export function createHardshipLoaders(db: DataSource, caller: Caller | null) {
  // Every archive of each worker, newest first, within the caller's scope.
  const archivesByWorkerId = new DataLoader<string, ArchiveRow[]>(async (workerIds) => {
    if (!caller) return workerIds.map(() => []);
    const params: unknown[] = [workerIds];
    const scope = scopeSql(caller.ability, 'read', 'HardshipArchive', { orgPath: 'o.path' }, params);
    const rows: ArchiveRow[] = await db.query(
      `SELECT ${ARCHIVE_COLUMNS} FROM ${ARCHIVE_FROM} WHERE a.worker_id = ANY($1::bigint[]) AND ${scope} ORDER BY a.opened_on DESC, a.id DESC`,
      params,
    );
    return workerIds.map((id) => rows.filter((row) => row.workerId === id));
  });

  // The lines in force today in each municipality.
  const lineInForceByRootId = new DataLoader<number, HardshipLine | null>(async (rootIds) => {
    const rows: HardshipLine[] = await db.query(
      `SELECT DISTINCT ON (l.root_org_id) ${LINE_COLUMNS} FROM hardship_lines l
       WHERE l.root_org_id = ANY($1::int[]) AND l.effective_from <= current_date
       ORDER BY l.root_org_id, l.effective_from DESC`,
      [rootIds],
    );
    return rootIds.map((id) => rows.find((row) => row.rootOrgId === id) ?? null);
  });

  return { archivesByWorkerId, lineInForceByRootId };
}
