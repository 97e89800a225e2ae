// The import endpoints (`/api/imports`), typed: uploading a roster or archives as XLSX or CSV,
// following its progress and reading every problem it found. The server builds its answers
// with these types, so they are the wire format.

export type ImportKind = 'WORKERS' | 'ARCHIVES';

/**
 * ALL_OR_NOTHING (the default): nothing is written while any row is wrong. VALID_ROWS: the valid
 * rows are written and the wrong ones reported. CHECK_ONLY: checked and counted, nothing written.
 */
export type ImportMode = 'ALL_OR_NOTHING' | 'VALID_ROWS' | 'CHECK_ONLY';

/**
 * QUEUED and RUNNING: poll again. DONE: written. REJECTED: the file or some row is wrong and
 * nothing was written. CHECKED: a CHECK_ONLY import finished. FAILED: stopped on our side
 * (`failure` says why); nothing was written.
 */
export type ImportStatus = 'QUEUED' | 'RUNNING' | 'DONE' | 'REJECTED' | 'CHECKED' | 'FAILED';

export interface ImportProblemView {
  /** The spreadsheet's row as Excel numbers it; null for a problem of the whole file. */
  row: number | null;
  /** The column's key (`idNumber`); null for the whole row or file. */
  column: string | null;
  /** The column's header in the template (`身份证号`). */
  header: string | null;
  /** What the cell held; ID and phone numbers, birth dates and incomes masked (digits as *), free text as its length. */
  value: string | null;
  /** A stable code, e.g. ID_NUMBER_INVALID, DUPLICATE_IN_FILE, COLUMN_MISSING. */
  code: string;
  /** What is wrong and how to fix it, in Chinese. */
  message: string;
}

export interface ImportView {
  id: string;
  kind: ImportKind;
  mode: ImportMode;
  org: { id: string; code: string; name: string };
  /** The username that uploaded the file. */
  createdBy: string;
  fileName: string;
  fileBytes: number;
  status: ImportStatus;
  /** While RUNNING: READING, CHECKING or WRITING. */
  phase: string | null;
  /** 0 to 1. */
  progress: number;
  bytesRead: number;
  rowsRead: number;
  rowsToWrite: number;
  rowsWritten: number;
  /**
   * Once the rows are checked: what was (DONE) or would be (CHECKED, REJECTED) created, updated
   * and left unchanged, the rows with problems, and the blank and example rows skipped.
   */
  outcome: { created: number; updated: number; unchanged: number; rejected: number; skipped: number } | null;
  /** Headers in the file that are not the template's; their cells were not read. */
  ignoredColumns: string[];
  problemCount: number;
  /** The first problems, by row; the rest through the problems endpoint. */
  problems: ImportProblemView[];
  failure: { code: string; message: string } | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

export interface ImportProblemPage {
  total: number;
  problems: ImportProblemView[];
}

/** An error answer of the REST endpoints: the same codes as the GraphQL API's. */
export interface RestErrorBody {
  error: { code: string; reason?: string; message: string; field?: string };
}

export const FINISHED: readonly ImportStatus[] = ['DONE', 'REJECTED', 'CHECKED', 'FAILED'];

/** `/api/imports/templates/workers.xlsx` and the like, from the GraphQL endpoint's URL. */
export function templatePath(kind: ImportKind, format: 'xlsx' | 'csv' = 'xlsx'): string {
  return `/api/imports/templates/${kind === 'WORKERS' ? 'workers' : 'archives'}.${format}`;
}
