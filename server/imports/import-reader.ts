import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { pipeline, Transform, type TransformCallback } from 'node:stream';
import { TextDecoder } from 'node:util';
import { parse as parseCsv } from 'csv-parse';
import type { Cell } from './import-cells';
import { FileProblem } from './import-file-problem';
import { xlsxRows } from './import-xlsx';
import { counting } from './import-zip';

export { FileProblem, type FileProblemCode } from './import-file-problem';

// Reads an uploaded spreadsheet row by row from disk, never whole: an XLSX part by part
// (import-xlsx.ts), a CSV through csv-parse after decoding UTF-8 (with or without a BOM) or
// GB18030, which Excel on Chinese Windows writes.

export type FileFormat = 'xlsx' | 'csv';

/** The format by the file's first bytes, not its name: a renamed .xls is still an .xls. */
export async function formatOf(path: string): Promise<FileFormat> {
  const handle = await open(path, 'r');
  try {
    const head = Buffer.alloc(8);
    const { bytesRead } = await handle.read(head, 0, 8, 0);
    if (bytesRead === 0) throw new FileProblem('NO_ROWS', '文件是空的');
    if (head.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]))) return 'xlsx';
    if (head.equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])))
      throw new FileProblem('FILE_FORMAT', '这是旧版 Excel（.xls）文件：请在 Excel 中“另存为” .xlsx 或 CSV 后再上传');
    if (head.subarray(0, 2).equals(Buffer.from([0xff, 0xfe])) || head.subarray(0, 2).equals(Buffer.from([0xfe, 0xff])))
      throw new FileProblem('FILE_ENCODING', '这是 UTF-16（“Unicode 文本”）文件：请另存为“CSV UTF-8”或 .xlsx 后再上传');
    return 'csv';
  } finally {
    await handle.close();
  }
}

export interface SheetRow {
  /** The row's number as Excel shows it (the header is usually 1). */
  row: number;
  cells: Cell[];
}

/**
 * Bytes to text: a UTF-8 BOM is dropped; otherwise the first chunk decides between UTF-8 and
 * GB18030 (a header row of Chinese in GB18030 is never valid UTF-8). Bytes invalid in the chosen
 * encoding stop the read rather than becoming "�" in a name.
 */
function decoding(): Transform {
  let decoder: TextDecoder | null = null;
  return new Transform({
    readableObjectMode: false,
    transform(chunk: Buffer, _encoding, done: TransformCallback) {
      try {
        if (!decoder) {
          let body = chunk;
          if (chunk.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]))) body = chunk.subarray(3);
          try {
            new TextDecoder('utf-8', { fatal: true }).decode(body, { stream: true });
            decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
          } catch {
            decoder = new TextDecoder('gb18030', { fatal: true });
          }
          done(null, decoder.decode(body, { stream: true }));
          return;
        }
        done(null, decoder.decode(chunk, { stream: true }));
      } catch {
        done(new FileProblem('FILE_ENCODING', '文件中有无法识别的字符：请用 Excel 另存为“CSV UTF-8”或 .xlsx 后再上传'));
      }
    },
    flush(done: TransformCallback) {
      try {
        done(null, decoder?.decode() ?? '');
      } catch {
        done(new FileProblem('FILE_ENCODING', '文件末尾有不完整的字符：请用 Excel 另存为“CSV UTF-8”或 .xlsx 后再上传'));
      }
    },
  });
}

/** Lines the separator is counted in: a title or notes, and the header. */
const HEADER_LINES = 20;

/**
 * The field separator: a comma, unless the first lines hold more semicolons (Excel where the list
 * separator is ";") or tabs (Excel's 文本文件(制表符分隔)). Bytes are counted outside quotes; these
 * are ASCII in UTF-8 and GB18030 alike, never part of a Chinese character.
 */
async function delimiterOf(path: string): Promise<string> {
  const handle = await open(path, 'r');
  try {
    const head = Buffer.alloc(64 * 1024);
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    const counts = new Map([
      [',', 0],
      [';', 0],
      ['\t', 0],
    ]);
    let quoted = false;
    for (let at = 0, lines = 0; at < bytesRead && lines < HEADER_LINES; at++) {
      const char = String.fromCharCode(head[at]!);
      if (char === '"') quoted = !quoted;
      else if (quoted) continue;
      else if (char === '\n') lines++;
      else if (counts.has(char)) counts.set(char, counts.get(char)! + 1);
    }
    // The comma on a tie: a ";" among the causes of a comma-separated file is no separator.
    return [...counts].reduce((best, next) => (next[1] > best[1] ? next : best))[0];
  } finally {
    await handle.close();
  }
}

/** The most characters one line may hold: a roster's are a few hundred; an unclosed quote makes one of the whole file. */
const MAX_LINE = 1_000_000;

const CSV_FAULTS: Record<string, string> = {
  CSV_QUOTE_NOT_CLOSED: '有一个引号（"）没有配对，其后的内容都连成了一格',
  CSV_MAX_RECORD_SIZE: `有一行超过 ${MAX_LINE.toLocaleString('en-US')} 个字，不像是名册的一行`,
};

async function* csvRows(path: string, onBytes: (bytes: number) => void): AsyncGenerator<SheetRow> {
  const delimiter = await delimiterOf(path);
  // pipeline, not pipe: a decoding error ends the parser's iteration with it.
  const parser = pipeline(
    createReadStream(path),
    counting(onBytes),
    decoding(),
    parseCsv({
      delimiter,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
      bom: false,
      info: true,
      max_record_size: MAX_LINE,
    }),
    () => undefined,
  );
  try {
    for await (const record of parser as AsyncIterable<{ record: string[]; info: { records: number } }>)
      yield { row: record.info.records, cells: record.record };
  } catch (error) {
    if (error instanceof FileProblem) throw error;
    // csv-parse's own words are English; where it stopped is where an unclosed quote's cell ended, the file's end.
    const { code, lines } = error as { code?: string; lines?: number };
    const fault = CSV_FAULTS[code ?? ''];
    const where = lines && code !== 'CSV_QUOTE_NOT_CLOSED' ? `（第 ${lines} 行附近）` : '';
    throw new FileProblem(
      'FILE_UNREADABLE',
      `CSV 文件${fault ?? '的格式有误'}${where}：请用 Excel 打开并另存为“CSV UTF-8”或 .xlsx 后再上传`,
    );
  }
}

export function readRows(path: string, format: FileFormat, onBytes: (bytes: number) => void): AsyncGenerator<SheetRow> {
  return format === 'xlsx' ? xlsxRows(path, onBytes) : csvRows(path, onBytes);
}
