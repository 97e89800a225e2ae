import { createReadStream } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { PassThrough, pipeline, Readable, Transform, type TransformCallback } from 'node:stream';
import { createInflateRaw } from 'node:zlib';
import { FileProblem } from './import-file-problem';

// An XLSX is a zip of XML parts. We read its directory ourselves and unpack only the parts the
// import needs, each from its place in the file, in the order we need them: nothing is parked in
// a temporary file (as ExcelJS's own reader parks sheets that come before the shared strings, as
// in Excel's files), and a part that unpacks into more than it may hold (a zip bomb) is refused
// as it unpacks, never held or written whole.

export interface ZipPart {
  method: number;
  compressedSize: number;
  /** Where its local header starts. */
  offset: number;
}

const END = 0x06054b50;
const END64_LOCATOR = 0x07064b50;
const END64 = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const SATURATED = 0xffffffff;

const unreadable = () =>
  new FileProblem('FILE_UNREADABLE', '无法读取这个 Excel 文件，它可能已损坏：请在 Excel 中打开并另存为 .xlsx 后再上传');

async function bytesAt(handle: FileHandle, position: number, length: number): Promise<Buffer> {
  const buffer = Buffer.alloc(length);
  const { bytesRead } = await handle.read(buffer, 0, length, position);
  if (bytesRead < length) throw unreadable();
  return buffer;
}

/** The zip's parts by name, from its central directory. */
export async function zipParts(path: string): Promise<Map<string, ZipPart>> {
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    const tailStart = Math.max(0, size - 22 - 65_535);
    const tail = await bytesAt(handle, tailStart, size - tailStart);
    let end = tail.length - 22;
    while (end >= 0 && tail.readUInt32LE(end) !== END) end--;
    if (end < 0) throw unreadable();
    let count = tail.readUInt16LE(end + 10);
    let directorySize = tail.readUInt32LE(end + 12);
    let directoryOffset = tail.readUInt32LE(end + 16);
    if (count === 0xffff || directorySize === SATURATED || directoryOffset === SATURATED) {
      // ZIP64: the real end record is where the locator just before this one says.
      const locator = await bytesAt(handle, tailStart + end - 20, 20);
      if (locator.readUInt32LE(0) !== END64_LOCATOR) throw unreadable();
      const end64 = await bytesAt(handle, Number(locator.readBigUInt64LE(8)), 56);
      if (end64.readUInt32LE(0) !== END64) throw unreadable();
      count = Number(end64.readBigUInt64LE(32));
      directorySize = Number(end64.readBigUInt64LE(40));
      directoryOffset = Number(end64.readBigUInt64LE(48));
    }
    if (directoryOffset + directorySize > size) throw unreadable();
    const directory = await bytesAt(handle, directoryOffset, directorySize);
    const parts = new Map<string, ZipPart>();
    for (let at = 0, n = 0; n < count; n++) {
      if (at + 46 > directory.length || directory.readUInt32LE(at) !== CENTRAL) throw unreadable();
      const nameLength = directory.readUInt16LE(at + 28);
      const extraLength = directory.readUInt16LE(at + 30);
      const name = directory.toString('utf8', at + 46, at + 46 + nameLength);
      const sizes = [directory.readUInt32LE(at + 24), directory.readUInt32LE(at + 20), directory.readUInt32LE(at + 42)];
      // ZIP64's extra field holds, in this order, the uncompressed size, compressed size and offset that did not fit.
      const extra = directory.subarray(at + 46 + nameLength, at + 46 + nameLength + extraLength);
      for (let e = 0; e + 4 <= extra.length; e += 4 + extra.readUInt16LE(e + 2)) {
        if (extra.readUInt16LE(e) !== 0x0001) continue;
        let field = e + 4;
        for (let i = 0; i < sizes.length; i++)
          if (sizes[i] === SATURATED && field + 8 <= extra.length) {
            sizes[i] = Number(extra.readBigUInt64LE(field));
            field += 8;
          }
      }
      parts.set(name, { method: directory.readUInt16LE(at + 10), compressedSize: sizes[1]!, offset: sizes[2]! });
      at += 46 + nameLength + extraLength + directory.readUInt16LE(at + 32);
    }
    return parts;
  } finally {
    await handle.close();
  }
}

/** Counts the bytes read from the file, for progress. */
export function counting(onBytes: (bytes: number) => void): Transform {
  return new Transform({
    transform(chunk: Buffer, _encoding, done: TransformCallback) {
      onBytes(chunk.length);
      done(null, chunk);
    },
  });
}

/** Counts what passes, and stops the stream once more than `limit` bytes have. */
function bounded(limit: number, tooLarge: () => FileProblem): Transform {
  let total = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, done: TransformCallback) {
      total += chunk.length;
      done(total > limit ? tooLarge() : null, chunk);
    },
  });
}

/**
 * Stops a sheet whose rows are far larger than any roster's: ExcelJS holds a row's cells until
 * the row ends, so a sheet of one endless row would be held whole. Measured between `<row` tags.
 */
function rowsBounded(limit: number, tooLarge: () => FileProblem): Transform {
  const ROW = Buffer.from('<row');
  let sinceRow = 0;
  let carried = Buffer.alloc(0);
  return new Transform({
    transform(chunk: Buffer, _encoding, done: TransformCallback) {
      // The last bytes of the previous chunk too, for a tag cut in two.
      const seen = Buffer.concat([carried, chunk]);
      const last = seen.lastIndexOf(ROW);
      sinceRow = last < 0 ? sinceRow + chunk.length : seen.length - last;
      carried = seen.subarray(Math.max(0, seen.length - ROW.length + 1));
      done(sinceRow > limit ? tooLarge() : null, chunk);
    },
  });
}

export interface PartLimits {
  /** The most bytes the part may unpack into. */
  bytes: number;
  /** For a sheet: the most bytes one row may take. */
  rowBytes?: number;
}

/**
 * The part's text, unpacked as it is read; the stream fails with a FileProblem when the part
 * unpacks into more than `limits` allow. Text, not bytes: ExcelJS decodes each chunk by itself,
 * which would cut a character that straddles two chunks into two "�".
 */
export async function partText(path: string, part: ZipPart, limits: PartLimits, onBytes: (bytes: number) => void): Promise<Readable> {
  const handle = await open(path, 'r');
  let start: number;
  try {
    // The data starts after the local header's own name and extra field, which may differ from the directory's.
    const local = await bytesAt(handle, part.offset, 30);
    if (local.readUInt32LE(0) !== LOCAL) throw unreadable();
    start = part.offset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
  } finally {
    await handle.close();
  }
  if (part.method !== 0 && part.method !== 8) throw unreadable();
  const tooLarge = () =>
    new FileProblem('FILE_TOO_LARGE', '这个 Excel 文件解压后太大，或其中有一行太大：请只保留要导入的工作表和数据，另存后再上传');
  const streams: (Readable | Transform)[] = [
    part.compressedSize === 0 ? Readable.from([]) : createReadStream(path, { start, end: start + part.compressedSize - 1 }),
    counting(onBytes),
    part.method === 8 ? createInflateRaw() : new PassThrough(),
    bounded(limits.bytes, tooLarge),
    ...(limits.rowBytes ? [rowsBounded(limits.rowBytes, tooLarge)] : []),
  ];
  // Any stream's error ends the last one with it, where ExcelJS reads; so does destroying the last.
  const text = pipeline(streams as [Readable, ...Transform[]], () => undefined) as unknown as Readable;
  text.setEncoding('utf8');
  return text;
}
