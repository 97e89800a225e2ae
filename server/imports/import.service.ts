import type { DataSource } from 'typeorm';
import type { Caller } from '../context';
import { bigintId } from '../common/ids';
import { badInput, forbidden, notFound } from '../errors';
import { OrgService } from '../org/org.service';
import type { Org } from '../org/org.entity';
import { subjectOf } from '../permissions/ability';
import { rootIdOf } from '../permissions/paths';
import { scopeSql } from '../permissions/scope-sql';
import type { ImportKind } from './import-columns';
import { ImportMode, ImportStatus } from './import.entity';
import { INTERRUPTED, STALE_AFTER_SECONDS, type ImportQueue } from './import-run';
import type { ImportProblemView, ImportView } from '../../client/imports';

const IMPORT_COLUMNS = `i.id::text AS id, i.kind, i.mode, o.id AS "orgId", o.code AS "orgCode", o.name AS "orgName", u.username AS "createdBy",
  i.file_name AS "fileName", i.file_bytes::float8 AS "fileBytes",
  CASE WHEN i.status IN ('QUEUED', 'RUNNING') AND i.heartbeat_at < now() - make_interval(secs => ${STALE_AFTER_SECONDS}) THEN 'FAILED' ELSE i.status::text END AS status,
  i.status IN ('QUEUED', 'RUNNING') AND i.heartbeat_at < now() - make_interval(secs => ${STALE_AFTER_SECONDS}) AS stale,
  i.phase, i.bytes_read::float8 AS "bytesRead", i.rows_read AS "rowsRead", i.rows_to_write AS "rowsToWrite", i.rows_written AS "rowsWritten",
  i.created, i.updated, i.unchanged, i.rejected, i.skipped, i.ignored_columns AS "ignoredColumns", i.problem_count AS "problemCount",
  i.failure_code AS "failureCode", i.failure_message AS "failureMessage", i.created_at AS "createdAt", i.started_at AS "startedAt",
  i.finished_at AS "finishedAt", o.path::text AS "orgPath"`;
const IMPORT_FROM = 'imports i JOIN orgs o ON o.id = i.org_id JOIN users u ON u.id = i.user_id';

type ImportRow = Omit<ImportView, 'org' | 'progress' | 'outcome' | 'failure' | 'problems'> & {
  orgId: number;
  orgCode: string;
  orgName: string;
  orgPath: string;
  stale: boolean;
  created: number | null;
  updated: number | null;
  unchanged: number | null;
  rejected: number | null;
  skipped: number | null;
  failureCode: string | null;
  failureMessage: string | null;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
};

/** How far an import has got, 0 to 1: reading is the first half, checking a tenth, writing the rest. */
function progressOf(row: ImportRow): number {
  if (row.status !== ImportStatus.RUNNING && row.status !== ImportStatus.QUEUED) return 1;
  if (row.phase === 'READING') return 0.5 * Math.min(1, row.bytesRead / Math.max(1, row.fileBytes));
  if (row.phase === 'CHECKING') return 0.5;
  if (row.phase === 'WRITING') return 0.6 + 0.4 * (row.rowsToWrite === 0 ? 1 : row.rowsWritten / row.rowsToWrite);
  return 0;
}

function viewOf(row: ImportRow, problems: ImportProblemView[]): ImportView {
  const counted = row.created !== null;
  return {
    id: row.id,
    kind: row.kind,
    mode: row.mode,
    org: { id: String(row.orgId), code: row.orgCode, name: row.orgName },
    createdBy: row.createdBy,
    fileName: row.fileName,
    fileBytes: row.fileBytes,
    status: row.status,
    phase: row.status === ImportStatus.RUNNING ? row.phase : null,
    progress: Math.round(progressOf(row) * 1000) / 1000,
    bytesRead: row.bytesRead,
    rowsRead: row.rowsRead,
    rowsToWrite: row.rowsToWrite,
    rowsWritten: row.rowsWritten,
    outcome: counted
      ? { created: row.created!, updated: row.updated!, unchanged: row.unchanged!, rejected: row.rejected!, skipped: row.skipped ?? 0 }
      : null,
    ignoredColumns: row.ignoredColumns,
    problemCount: row.problemCount,
    problems,
    failure: row.stale ? INTERRUPTED : row.failureCode ? { code: row.failureCode, message: row.failureMessage ?? '' } : null,
    createdAt: row.createdAt.toISOString(),
    startedAt: row.startedAt?.toISOString() ?? null,
    finishedAt: row.finishedAt?.toISOString() ?? null,
  };
}

/** The problems shown with an import; the rest are paged through `problems`. */
export const PROBLEMS_SHOWN = 100;
const PROBLEM_PAGE_MAX = 1000;

const WRITES: Record<ImportKind, 'Worker' | 'HardshipArchive'> = { WORKERS: 'Worker', ARCHIVES: 'HardshipArchive' };

export class ImportService {
  private readonly orgs: OrgService;

  constructor(
    private readonly db: DataSource,
    private readonly queue: ImportQueue,
  ) {
    this.orgs = new OrgService(db);
  }

  /** The org an upload goes into, if the caller may import there: NOT_FOUND outside the scope, FORBIDDEN for a role that may not. */
  async targetOf(caller: Caller, kind: ImportKind, orgCode: string | undefined): Promise<Org> {
    if (!orgCode) throw badInput('ORG_REQUIRED', 'Give the code of the org to import into (field "org").', 'org');
    const org = await this.orgs.findVisible(caller, { code: orgCode });
    if (!org) throw notFound('org', 'org');
    const record = { orgPath: org.path, rootId: rootIdOf(org.path) };
    if (!caller.ability.can('create', subjectOf('Import', record)) || !caller.ability.can('create', subjectOf(WRITES[kind], record)))
      throw forbidden(
        `Only ADMIN or STAFF of ${org.code} or above may import ${kind === 'WORKERS' ? 'workers' : 'hardship archives'} into it.`,
      );
    return org;
  }

  /** Records an accepted upload and queues it; the file at `path` is the queue's from here on. */
  async accept(
    caller: Caller,
    upload: { kind: ImportKind; org: Org; mode: ImportMode; fileName: string; fileBytes: number; path: string },
  ): Promise<ImportView> {
    const [{ id }] = (await this.db.query(
      `INSERT INTO imports (kind, org_id, user_id, file_name, file_bytes, mode) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id::text AS id`,
      [upload.kind, upload.org.id, caller.userId, upload.fileName, upload.fileBytes, upload.mode],
    )) as [{ id: string }];
    this.queue.add({
      id,
      kind: upload.kind,
      mode: upload.mode,
      caller,
      target: { id: upload.org.id, code: upload.org.code, name: upload.org.name, path: upload.org.path },
      path: upload.path,
    });
    return (await this.find(caller, id))!;
  }

  private async row(caller: Caller, rawId: string): Promise<ImportRow | null> {
    const id = bigintId(rawId);
    if (id === null) return null;
    const params: unknown[] = [id];
    const scope = scopeSql(caller.ability, 'read', 'Import', { orgPath: 'o.path' }, params);
    const rows: ImportRow[] = await this.db.query(`SELECT ${IMPORT_COLUMNS} FROM ${IMPORT_FROM} WHERE i.id = $1 AND ${scope}`, params);
    return rows[0] ?? null;
  }

  /** The import with its first problems; null outside the caller's scope, as for one that does not exist. */
  async find(caller: Caller, rawId: string): Promise<ImportView | null> {
    const row = await this.row(caller, rawId);
    if (!row) return null;
    return viewOf(row, row.problemCount > 0 ? await this.problemRows(row.id, 0, PROBLEMS_SHOWN) : []);
  }

  async problems(
    caller: Caller,
    rawId: string,
    offset: number,
    limit: number,
  ): Promise<{ total: number; problems: ImportProblemView[] } | null> {
    if (!Number.isInteger(offset) || offset < 0) throw badInput('OFFSET_INVALID', 'offset must be a whole number, 0 or more.', 'offset');
    if (!Number.isInteger(limit) || limit < 1 || limit > PROBLEM_PAGE_MAX)
      throw badInput('LIMIT_INVALID', `limit must be a whole number from 1 to ${PROBLEM_PAGE_MAX}.`, 'limit');
    const row = await this.row(caller, rawId);
    if (!row) return null;
    return { total: row.problemCount, problems: await this.problemRows(row.id, offset, limit) };
  }

  /** The newest imports into the org and its subtree that the caller may read. */
  async list(caller: Caller, orgCode: string | undefined, limit: number): Promise<ImportView[]> {
    if (!orgCode) throw badInput('ORG_REQUIRED', 'Give the code of the org whose imports to list (parameter "org").', 'org');
    if (!Number.isInteger(limit) || limit < 1 || limit > 100)
      throw badInput('LIMIT_INVALID', 'limit must be a whole number from 1 to 100.', 'limit');
    const target = await this.orgs.findVisible(caller, { code: orgCode });
    if (!target) throw notFound('org', 'org');
    const params: unknown[] = [target.path, limit];
    const scope = scopeSql(caller.ability, 'read', 'Import', { orgPath: 'o.path' }, params);
    const rows: ImportRow[] = await this.db.query(
      `SELECT ${IMPORT_COLUMNS} FROM ${IMPORT_FROM} WHERE o.path <@ $1::ltree AND ${scope} ORDER BY i.id DESC LIMIT $2`,
      params,
    );
    return rows.map((row) => viewOf(row, []));
  }

  private async problemRows(id: string, offset: number, limit: number): Promise<ImportProblemView[]> {
    return this.db.query(
      `SELECT row_number AS row, column_key AS column, header, value, code, message FROM import_problems
       WHERE import_id = $1 AND seq > $2 ORDER BY seq LIMIT $3`,
      [id, offset, limit],
    );
  }
}

export { ImportMode, ImportStatus };
