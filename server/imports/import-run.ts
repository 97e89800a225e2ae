import { rm } from 'node:fs/promises';
import type { PoolClient } from 'pg';
import type { DataSource } from 'typeorm';
import type { Caller } from '../context';
import { isUniqueViolation } from '../db/sql';
import { TREE_LOCK } from '../org/org.service';
import { rootIdOf } from '../permissions/paths';
import type { PersonalDataCipher } from '../worker/personal-data';
import { checkArchives, checkWorkers, outcomeOf, writeRows, WriteConflict, type Target } from './import-apply';
import type { ImportKind } from './import-columns';
import { ImportMode, ImportStatus } from './import.entity';
import { FileProblem, formatOf } from './import-reader';
import { createStage, stageFile } from './import-stage';

// Runs an accepted upload: read it into the stage, then check and write in one transaction,
// so an import that fails at any point, or whose server stops, has written nothing. Progress
// goes to the import's row through the pool (another connection), where any server reads it.

export interface ImportJob {
  id: string;
  kind: ImportKind;
  mode: ImportMode;
  caller: Caller;
  target: Target;
  /** The uploaded file, removed when the job ends. */
  path: string;
}

/** How long an import's row may go without a heartbeat before it counts as stopped with its server. */
export const STALE_AFTER_SECONDS = 60;
const HEARTBEAT_MS = 10_000;
// Imports of one tree write one after another; a payment or a registration does not wait for them.
// Its own class: 7001 to 7005 are the tree's and the rollup's (migration RollupCells), and 7002 is
// the hardship lines', which every write of an archive takes shared.
export const IMPORT_LOCK = 7_006;

/** Why an import ended with its server, before or while it ran: nothing of it was written. */
export const INTERRUPTED = {
  code: 'INTERRUPTED',
  message: '处理这次导入的服务器停止了，本次导入没有写入任何数据：请重新上传',
};

export class ImportQueue {
  private readonly waiting: ImportJob[] = [];
  private running = 0;
  private stopping = false;
  private readonly active = new Set<string>();
  private readonly heartbeat: NodeJS.Timeout;
  private idle: Promise<void> = Promise.resolve();
  private settle: () => void = () => undefined;

  constructor(
    private readonly db: DataSource,
    private readonly cipher: PersonalDataCipher,
    private readonly onError: (error: unknown, job: ImportJob) => void,
    private readonly concurrency = 2,
    heartbeatMs = HEARTBEAT_MS,
  ) {
    this.heartbeat = setInterval(() => {
      if (this.active.size > 0)
        this.db.query('UPDATE imports SET heartbeat_at = now() WHERE id = ANY($1)', [[...this.active]]).catch(() => undefined);
    }, heartbeatMs);
    this.heartbeat.unref();
  }

  add(job: ImportJob): void {
    if (this.active.size === 0) this.idle = new Promise((resolve) => (this.settle = resolve));
    this.active.add(job.id);
    if (this.stopping) return this.interrupt(job);
    this.waiting.push(job);
    this.next();
  }

  /** Resolves when every import this server accepted has ended. */
  async drained(): Promise<void> {
    await this.idle;
  }

  /**
   * Starts no more imports: the waiting ones fail at once, so their uploaders can send them again to
   * a server that runs. The running ones go on to their end, their heartbeat beating until then: an
   * import whose heartbeat stopped shows as failed, and this one may yet write.
   */
  stop(): void {
    this.stopping = true;
    for (const job of this.waiting.splice(0)) this.interrupt(job);
    if (this.active.size === 0) clearInterval(this.heartbeat);
  }

  private interrupt(job: ImportJob): void {
    void finish(this.db, job.id, { status: ImportStatus.FAILED, failureCode: INTERRUPTED.code, failureMessage: INTERRUPTED.message })
      .catch((error: unknown) => this.onError(error, job))
      .finally(() => rm(job.path, { force: true }))
      .finally(() => this.ended(job));
  }

  private ended(job: ImportJob): void {
    this.active.delete(job.id);
    if (this.active.size > 0) return;
    if (this.stopping) clearInterval(this.heartbeat);
    this.settle();
  }

  private next(): void {
    while (this.running < this.concurrency && this.waiting.length > 0) {
      const job = this.waiting.shift()!;
      this.running++;
      void runImport(this.db, this.cipher, job)
        .catch((error: unknown) => this.onError(error, job))
        .finally(() => {
          this.running--;
          this.ended(job);
          this.next();
        });
    }
  }
}

async function progress(db: DataSource, id: string, set: string, values: unknown[]): Promise<void> {
  await db.query(`UPDATE imports SET ${set}, heartbeat_at = now() WHERE id = $1`, [id, ...values]);
}

async function finish(
  run: { query(sql: string, params: unknown[]): Promise<unknown> },
  id: string,
  fields: { status: ImportStatus; failureCode?: string; failureMessage?: string; outcome?: Record<string, number> },
) {
  const o = fields.outcome;
  await run.query(
    `UPDATE imports SET status = $2, phase = NULL, failure_code = $3, failure_message = $4, created = coalesce($5, created),
       updated = coalesce($6, updated), unchanged = coalesce($7, unchanged), rejected = coalesce($8, rejected), finished_at = now(), heartbeat_at = now()
     WHERE id = $1`,
    [
      id,
      fields.status,
      fields.failureCode ?? null,
      fields.failureMessage ?? null,
      o?.created ?? null,
      o?.updated ?? null,
      o?.unchanged ?? null,
      o?.rejected ?? null,
    ],
  );
}

/** Copies the stage's problems to the import, numbered by row and column. */
async function keepProblems(client: PoolClient, id: string): Promise<number> {
  const { rowCount } = await client.query(
    `INSERT INTO import_problems (import_id, seq, row_number, column_key, header, value, code, message)
     SELECT $1, row_number() OVER (ORDER BY row_number NULLS FIRST, column_at, code), row_number, column_key, header, value, code, message
     FROM import_row_problems`,
    [id],
  );
  await client.query('UPDATE imports SET problem_count = $2 WHERE id = $1', [id, rowCount ?? 0]);
  return rowCount ?? 0;
}

export async function runImport(db: DataSource, cipher: PersonalDataCipher, job: ImportJob): Promise<void> {
  const runner = db.createQueryRunner();
  let client: PoolClient | null = null;
  let inTransaction = false;
  try {
    client = (await runner.connect()) as PoolClient;
    // An import may take minutes, and wait that long for another import of its tree: the API's
    // bounds on one request (a lock wait of seconds among them) do not fit it.
    await client.query("SET statement_timeout = '10min'");
    await client.query("SET lock_timeout = '10min'");
    await client.query("SET idle_in_transaction_session_timeout = '10min'");
    await progress(db, job.id, "status = 'RUNNING', phase = 'READING', started_at = now()", []);
    await createStage(client, job.kind);

    let read;
    try {
      const format = await formatOf(job.path);
      read = await stageFile(client, cipher, job.kind, { path: job.path, format }, ({ bytes, rows }) =>
        progress(db, job.id, 'bytes_read = $2, rows_read = $3', [bytes, rows]),
      );
    } catch (error) {
      if (!(error instanceof FileProblem)) throw error;
      await client.query('TRUNCATE import_row_problems');
      await client.query(`INSERT INTO import_row_problems (row_number, column_at, code, message) VALUES (NULL, -1, $1, $2)`, [
        error.code,
        error.message,
      ]);
      await client.query('BEGIN');
      inTransaction = true;
      await keepProblems(client, job.id);
      await finish(client, job.id, { status: ImportStatus.REJECTED });
      await client.query('COMMIT');
      inTransaction = false;
      return;
    }
    await progress(db, job.id, "phase = 'CHECKING', rows_read = $2, skipped = $3, ignored_columns = $4", [
      read.rowsRead,
      read.skipped,
      read.ignoredColumns,
    ]);

    await client.query('BEGIN');
    inTransaction = true;
    const rootId = rootIdOf(job.target.path);
    // The tree cannot be redrawn under the import (a move takes this lock alone), nor can another import of it write at once.
    await client.query('SELECT pg_advisory_xact_lock_shared($1, $2)', [TREE_LOCK, rootId]);
    await client.query('SELECT pg_advisory_xact_lock($1, $2)', [IMPORT_LOCK, rootId]);
    if (job.kind === 'WORKERS') await checkWorkers(client, job.caller, cipher, job.target);
    else await checkArchives(client, job.caller, job.target);
    const outcome = await outcomeOf(client);
    const write = job.mode === ImportMode.VALID_ROWS || (job.mode === ImportMode.ALL_OR_NOTHING && outcome.rejected === 0);
    if (write) {
      const toWrite = outcome.created + outcome.updated;
      await progress(db, job.id, "phase = 'WRITING', rows_to_write = $2", [toWrite]);
      await writeRows(client, job.kind, toWrite, (written) => progress(db, job.id, 'rows_written = $2', [written]));
    }
    await keepProblems(client, job.id);
    const status = job.mode === ImportMode.CHECK_ONLY ? ImportStatus.CHECKED : write ? ImportStatus.DONE : ImportStatus.REJECTED;
    // What would have been written is reported for CHECK_ONLY and REJECTED too: the preview of a corrected file.
    await finish(client, job.id, { status, outcome: { ...outcome } });
    await client.query('COMMIT');
    inTransaction = false;
  } catch (error) {
    if (client && inTransaction) await client.query('ROLLBACK').catch(() => undefined);
    const conflict =
      error instanceof WriteConflict ||
      isUniqueViolation(error, 'UQ_workers_id_number_hash') ||
      isUniqueViolation(error, 'UQ_hardship_archives_open_per_worker');
    await finish(db, job.id, {
      status: ImportStatus.FAILED,
      failureCode: conflict ? 'CONFLICT' : 'INTERNAL',
      failureMessage: conflict
        ? '导入期间有人改动了文件中的人（登记了同一个人、为他建档或使他脱困），本次导入没有写入任何数据：请重新上传同一个文件'
        : '导入时服务器出错，本次导入没有写入任何数据：请稍后重新上传；如果一再出现，请联系管理员',
    }).catch(() => undefined);
    if (!conflict) throw error;
  } finally {
    // The temporary tables and settings go with the session's state: the pool gets a clean
    // connection back, or none when it cannot be cleaned.
    let broken: Error | undefined;
    if (client) await client.query('DISCARD ALL').catch((error: Error) => (broken = error));
    // TypeORM's release takes pg-pool's "do not reuse" error only through this (private) method.
    await (runner as unknown as { releasePostgresConnection(error?: Error): Promise<void> }).releasePostgresConnection(broken);
    await rm(job.path, { force: true });
  }
}
