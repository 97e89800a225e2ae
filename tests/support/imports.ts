import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import zlib from 'node:zlib';
import type { GonghuiClient, ImportKind, ImportMode, ImportView } from '../../client/sdk';

/**
 * A sheet as rows of cells, the header first, written as XLSX the way Excel stores each type;
 * a cell may be any of ExcelJS's (a formula with its result, an error). Dates, and the cells named
 * in `dateCells`, are formatted as dates; `date1904` counts them from 1904, as old Mac workbooks do.
 */
export async function xlsxOf(
  rows: ExcelJS.CellValue[][],
  sheetName = 'Sheet1',
  options: { date1904?: boolean; dateCells?: string[] } = {},
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  if (options.date1904) workbook.properties.date1904 = true;
  const sheet = workbook.addWorksheet(sheetName);
  for (const row of rows) sheet.addRow(row);
  sheet.eachRow((row) =>
    row.eachCell((cell) => {
      const value = cell.value as { result?: unknown } | null;
      if (cell.value instanceof Date || value?.result instanceof Date || options.dateCells?.includes(cell.address))
        cell.numFmt = 'yyyy-mm-dd';
    }),
  );
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const csvField = (value: string) => (/[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);

/** A sheet as CSV text: UTF-8 with a BOM (Excel's "CSV UTF-8"), plain UTF-8, or GB18030 (Excel on Chinese Windows). */
export function csvOf(rows: string[][], encoding: 'utf8-bom' | 'utf8' | 'gb18030' = 'utf8-bom'): Buffer {
  const text = rows.map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
  if (encoding === 'gb18030') return iconv.encode(text, 'gb18030');
  const body = Buffer.from(text, 'utf8');
  return encoding === 'utf8' ? body : Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), body]);
}

/** Uploads and waits for the import to finish. */
export async function importFile(
  client: GonghuiClient,
  kind: ImportKind,
  org: string,
  file: Buffer,
  options: { fileName?: string; mode?: ImportMode } = {},
): Promise<ImportView> {
  const accepted = await client.imports.upload(kind, {
    org,
    file: new Blob([new Uint8Array(file)]),
    fileName: options.fileName ?? 'roster.xlsx',
    ...(options.mode ? { mode: options.mode } : {}),
  });
  return client.imports.wait(accepted.id, { intervalMs: 50 });
}

export const WORKER_HEADER = [
  '组织代码',
  '姓名',
  '身份证号',
  '性别',
  '出生日期',
  '文化程度',
  '就业状态',
  '是否会员',
  '是否农民工',
  '是否劳模',
  '手机号',
];
export const ARCHIVE_HEADER = [
  '身份证号',
  '姓名',
  '家庭人口',
  '家庭月收入（元）',
  '致困原因',
  '建档日期',
  '患病情况',
  '收入来源',
  '技能特长',
  '就业意向',
  '帮扶措施',
];

/**
 * A zip written part by part, for workbooks no spreadsheet program writes (a part that unpacks into
 * far more than it is, rows numbered twice). A part may be a unit repeated, between a start and an end.
 */
export function zipOf(parts: Record<string, string | { repeat: string; times: number; before?: string; after?: string }>): Buffer {
  const local: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of Object.entries(parts)) {
    const text = Buffer.from(
      typeof content === 'string' ? content : `${content.before ?? ''}${content.repeat.repeat(content.times)}${content.after ?? ''}`,
      'utf8',
    );
    const deflate = zlib.deflateRawSync(text, { level: 9 });
    const size = text.length;
    const crc = zlib.crc32(text);
    const fileName = Buffer.from(name, 'utf8');
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt16LE(0x0800, 6);
    header.writeUInt16LE(8, 8);
    header.writeUInt32LE(crc, 14);
    header.writeUInt32LE(deflate.length, 18);
    header.writeUInt32LE(size, 22);
    header.writeUInt16LE(fileName.length, 26);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(20, 4);
    entry.writeUInt16LE(20, 6);
    entry.writeUInt16LE(0x0800, 8);
    entry.writeUInt16LE(8, 10);
    entry.writeUInt32LE(crc, 16);
    entry.writeUInt32LE(deflate.length, 20);
    entry.writeUInt32LE(size, 24);
    entry.writeUInt16LE(fileName.length, 28);
    entry.writeUInt32LE(offset, 42);
    local.push(header, fileName, deflate);
    central.push(entry, fileName);
    offset += header.length + fileName.length + deflate.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(parts).length, 8);
  end.writeUInt16LE(Object.keys(parts).length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...local, directory, end]);
}

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const RELATIONSHIPS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** The parts of a one-sheet workbook whose cells are inline strings; `sheetData` is the rows' XML. */
export const SPREADSHEET_MAIN = MAIN;
export function workbookParts(sheetData: string | { repeat: string; times: number; before?: string; after?: string }) {
  const sheet =
    typeof sheetData === 'string'
      ? `<worksheet xmlns="${MAIN}"><sheetData>${sheetData}</sheetData></worksheet>`
      : {
          ...sheetData,
          before: `<worksheet xmlns="${MAIN}"><sheetData>${sheetData.before ?? ''}`,
          after: `${sheetData.after ?? ''}</sheetData></worksheet>`,
        };
  return {
    '[Content_Types].xml': `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`,
    '_rels/.rels': `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${RELATIONSHIPS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    'xl/workbook.xml': `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${MAIN}" xmlns:r="${RELATIONSHIPS}"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    'xl/_rels/workbook.xml.rels': `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${RELATIONSHIPS}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${RELATIONSHIPS}/styles" Target="styles.xml"/></Relationships>`,
    'xl/styles.xml': `<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="${MAIN}"/>`,
    'xl/worksheets/sheet1.xml': sheet,
  };
}

/** A row of inline-string cells, A onwards. */
export function inlineRow(row: number, cells: string[]): string {
  const letters = (at: number) => String.fromCharCode(65 + at);
  return `<row r="${row}">${cells.map((text, at) => `<c r="${letters(at)}${row}" t="inlineStr"><is><t>${text}</t></is></c>`).join('')}</row>`;
}
