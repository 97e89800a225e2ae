import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import type { GonghuiClient, ImportKind, ImportMode, ImportView } from '../../client/sdk';

/** A sheet as rows of cells, the header first, written as XLSX the way Excel stores each type. */
export async function xlsxOf(rows: (string | number | boolean | Date | null)[][], sheetName = 'Sheet1'): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(sheetName);
  for (const row of rows) sheet.addRow(row);
  sheet.eachRow((row) =>
    row.eachCell((cell) => {
      if (cell.value instanceof Date) cell.numFmt = 'yyyy-mm-dd';
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
