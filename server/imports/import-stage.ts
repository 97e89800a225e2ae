import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { PersonalDataCipher } from '../worker/personal-data';
import { maskIdNumber } from '../worker/id-number';
import { COLUMNS, EXAMPLE_MARK, matchHeaders, type ImportKind } from './import-columns';
import { isBlankRow, parseRow, type RowProblem } from './import-cells';
import { FileProblem, readRows, type FileFormat } from './import-reader';

// Reading: the file's rows, checked one by one, go into two temporary tables of the import's own
// connection, a batch at a time through COPY, so memory holds one batch whatever the file's size.
// ID and phone numbers are sealed before they leave the process, as everywhere else.

/** The most data rows one file may hold. */
export const MAX_ROWS = 200_000;
const BATCH = 2_000;
/** Rows above the header that a title or notes may take. */
const HEADER_SEARCH_ROWS = 20;

export const STAGE_TABLES: Record<ImportKind, string> = {
  WORKERS: `CREATE TEMP TABLE import_rows (
      row_number integer PRIMARY KEY, ok boolean NOT NULL, org_code text, name text, id_hash bytea, id_cipher bytea, id_shown text,
      gender gender, birth_date date, education education, employment_status employment_status, is_member boolean,
      is_migrant_worker boolean, is_model_worker boolean, phone_cipher bytea,
      org_id integer, worker_id bigint, worker_org_id integer, phone_changed boolean NOT NULL DEFAULT false, action text)`,
  ARCHIVES: `CREATE TEMP TABLE import_rows (
      row_number integer PRIMARY KEY, ok boolean NOT NULL, id_hash bytea, id_shown text, name text, household_size integer,
      income_fen bigint, causes hardship_cause[], opened_on date, illness text, income_sources text, skills text, job_wishes text,
      plan text, worker_id bigint, worker_name text, archive_id bigint, archive_opened_on date, action text)`,
};
export const STAGE_PROBLEMS = `CREATE TEMP TABLE import_row_problems (
    row_number integer, column_at integer NOT NULL, column_key text, header text, value text, code text NOT NULL, message text NOT NULL)`;

/** A value in COPY's text format. */
function copyValue(value: unknown): string {
  if (value === null || value === undefined) return '\\N';
  if (Buffer.isBuffer(value)) return `\\\\x${value.toString('hex')}`;
  if (typeof value === 'boolean') return value ? 't' : 'f';
  if (Array.isArray(value)) return `{${value.join(',')}}`;
  return String(value).replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
}
const copyLine = (values: unknown[]) => `${values.map(copyValue).join('\t')}\n`;

export interface ReadOutcome {
  rowsRead: number;
  skipped: number;
  ignoredColumns: string[];
}

export interface ReadProgress {
  bytes: number;
  rows: number;
}

/** Reads the whole file into the stage; a FileProblem when the file itself cannot be used. */
export async function stageFile(
  client: PoolClient,
  cipher: PersonalDataCipher,
  kind: ImportKind,
  file: { path: string; format: FileFormat },
  report: (progress: ReadProgress) => Promise<void>,
): Promise<ReadOutcome> {
  const columns = COLUMNS[kind];
  const columnAt = new Map(columns.map((column, at) => [column.key, at]));
  let bytes = 0;
  let positions: Map<string, number> | null = null;
  let ignoredColumns: string[] = [];
  let rowsRead = 0;
  let skipped = 0;
  let rows: string[] = [];
  let problems: string[] = [];

  const flush = async () => {
    if (rows.length > 0) await copy(client, 'import_rows', STAGE_COLUMNS[kind], rows);
    if (problems.length > 0) await copy(client, 'import_row_problems', PROBLEM_COLUMNS, problems);
    rows = [];
    problems = [];
    await report({ bytes, rows: rowsRead });
  };
  const addProblem = (problem: RowProblem) =>
    problems.push(
      copyLine([
        problem.row,
        problem.column ? columnAt.get(problem.column) : -1,
        problem.column,
        problem.header,
        problem.value,
        problem.code,
        problem.message,
      ]),
    );

  for await (const { row, cells } of readRows(file.path, file.format, (n) => (bytes += n))) {
    if (!positions) {
      if (isBlankRow(cells)) continue;
      const found = matchHeaders(
        kind,
        cells.map((cell) => (typeof cell === 'string' ? cell : '')),
      );
      if (found.positions.size < 2) {
        if (row >= HEADER_SEARCH_ROWS) break;
        continue;
      }
      if (found.duplicated.length > 0)
        throw new FileProblem('COLUMN_DUPLICATED', `第 ${row} 行的表头中这些列出现了两次：${found.duplicated.join('、')}`);
      if (found.missing.length > 0)
        throw new FileProblem('COLUMN_MISSING', `第 ${row} 行的表头缺少必填的列：${found.missing.map((c) => c.header).join('、')}`);
      positions = found.positions;
      ignoredColumns = found.unknown;
      continue;
    }
    if (isBlankRow(cells)) {
      skipped++;
      continue;
    }
    const parsed = parseRow(kind, positions, cells, row);
    const name = parsed.values.name as string | undefined;
    if (name?.startsWith(EXAMPLE_MARK)) {
      skipped++;
      continue;
    }
    if (++rowsRead > MAX_ROWS)
      throw new FileProblem('TOO_MANY_ROWS', `一个文件最多 ${MAX_ROWS.toLocaleString('en-US')} 行：请把它分成几个文件导入`);
    parsed.problems.forEach(addProblem);
    rows.push(copyLine(stageValues(kind, cipher, row, parsed.problems.length === 0, parsed.values)));
    if (rows.length >= BATCH) await flush();
  }
  if (!positions)
    throw new FileProblem(
      'HEADER_NOT_FOUND',
      `没有找到表头：第一行应是列名，如 ${columns
        .filter((c) => c.required)
        .map((c) => c.header)
        .join('、')}（请使用下载的模板）`,
    );
  await flush();
  if (rowsRead === 0) throw new FileProblem('NO_ROWS', '表头下面没有数据行');
  return { rowsRead, skipped, ignoredColumns };
}

function stageValues(kind: ImportKind, cipher: PersonalDataCipher, row: number, ok: boolean, values: Record<string, unknown>): unknown[] {
  const id = values.idNumber as { idNumber: string; gender: string; birthDate: string } | undefined;
  const idColumns = id ? [cipher.lookupHash(id.idNumber), maskIdNumber(id.idNumber)] : [null, null];
  if (kind === 'WORKERS') {
    const phone = values.phone as string | undefined;
    return [
      row,
      ok,
      values.orgCode,
      values.name,
      idColumns[0],
      id ? cipher.seal('id_number', id.idNumber) : null,
      idColumns[1],
      id?.gender,
      id?.birthDate,
      values.education,
      values.employmentStatus,
      values.isMember,
      values.isMigrantWorker,
      values.isModelWorker,
      phone ? cipher.seal('phone', phone) : null,
    ];
  }
  const income = values.householdMonthlyIncome as bigint | undefined;
  return [
    row,
    ok,
    ...idColumns,
    values.name,
    values.householdSize,
    income?.toString(),
    values.causes,
    values.openedOn,
    values.illness,
    values.incomeSources,
    values.skills,
    values.jobWishes,
    values.plan,
  ];
}

const STAGE_COLUMNS: Record<ImportKind, string> = {
  WORKERS:
    'row_number, ok, org_code, name, id_hash, id_cipher, id_shown, gender, birth_date, education, employment_status, is_member, is_migrant_worker, is_model_worker, phone_cipher',
  ARCHIVES:
    'row_number, ok, id_hash, id_shown, name, household_size, income_fen, causes, opened_on, illness, income_sources, skills, job_wishes, plan',
};
const PROBLEM_COLUMNS = 'row_number, column_at, column_key, header, value, code, message';

async function copy(client: PoolClient, table: string, columns: string, lines: string[]): Promise<void> {
  await pipeline(Readable.from(lines), client.query(copyFrom(`COPY ${table} (${columns}) FROM STDIN`)));
}

/** Creates the temporary tables for a kind of import on this connection. */
export async function createStage(client: PoolClient, kind: ImportKind): Promise<void> {
  await client.query(STAGE_TABLES[kind]);
  await client.query(STAGE_PROBLEMS);
}
