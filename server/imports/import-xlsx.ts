import type { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { Cell } from './import-cells';
import { FileProblem } from './import-file-problem';
import type { SheetRow } from './import-reader';
import { partText, zipParts, type PartLimits, type ZipPart } from './import-zip';

// Reads the first sheet of an XLSX row by row. The zip is ours to read (import-zip.ts); ExcelJS's
// streaming reader turns each part's XML into rows and cells, read through the methods its own
// `parse()` calls on each part it finds (not in its typings; exceljs is pinned). So the parts
// come in the order we need, the shared strings before the sheet, nothing is parked on disk, and
// the sheet is the first tab as Excel shows it.

/** What ExcelJS's WorkbookReader keeps of a workbook and the methods it reads each part with. */
interface WorkbookParts {
  _parseRels(part: Readable): Promise<void>;
  _parseWorkbook(part: Readable): Promise<void>;
  _parseStyles(part: Readable): Promise<void>;
  _parseSharedStrings(part: Readable): AsyncIterable<unknown>;
  _parseWorksheet(part: Readable, sheetNo: string): Iterable<{ value: AsyncIterable<ExcelJS.Row> }>;
  workbookRels?: { Id: string; Type: string; Target: string }[];
  model?: { sheets?: { rId: string }[] };
  properties?: { model?: { date1904?: boolean } };
}

// What a part may unpack into: a roster's sheet of 200,000 rows is about 120 MB, its shared strings a third of that.
const SHEET: PartLimits = { bytes: 512 * 1024 * 1024, rowBytes: 16 * 1024 * 1024 };
const SHARED_STRINGS: PartLimits = { bytes: 256 * 1024 * 1024 };
const OTHER_PART: PartLimits = { bytes: 16 * 1024 * 1024 };
/** Excel's last row. */
const LAST_ROW = 1_048_576;

const unreadable = (why: string) =>
  new FileProblem('FILE_UNREADABLE', `无法读取这个 Excel 文件（${why}）：请在 Excel 中打开并另存为 .xlsx 后再上传`);

type XlsxValue =
  | Cell
  | undefined
  | { richText: { text: string }[] }
  | { formula?: string; sharedFormula?: string; result?: unknown }
  | { text: string | { richText: { text: string }[] }; hyperlink: string }
  | { error: string };

// Excel counts days from 1899-12-30, or from 1904-01-01 in a 1904 workbook; 2958465 is 9999-12-31, its last.
const LAST_SERIAL = 2_958_465;
const serialOf = (date: Date, date1904: boolean) => date.getTime() / 86_400_000 + 25_569 - (date1904 ? 1_462 : 0);
const dateOfSerial = (serial: number, date1904: boolean) => new Date(Math.round((serial - 25_569 + (date1904 ? 1_462 : 0)) * 86_400_000));

/** A date cell as Excel shows it; a number formatted as a date but past Excel's last day (shown ####) stays the number typed. */
function excelDate(date: Date, date1904: boolean): Cell {
  if (Number.isNaN(date.getTime())) return { error: '#####' };
  const serial = serialOf(date, date1904);
  return serial > LAST_SERIAL ? Math.round(serial) : date;
}

/** Excel shows 15 significant digits: a sum's binary fraction (720.8000000000001) is not what anyone typed. */
const excelNumber = (value: number): Cell => (Number.isFinite(value) ? Number(value.toPrecision(15)) : { error: '#NUM!' });

// A date format has a year, month, day, hour or second outside its quoted text and [colour] sections (as ExcelJS decides).
const isDateFormat = (format: string | undefined) => !!format && /[ymdhMsb]/.test(format.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, ''));

interface CellContext {
  date1904: boolean;
  /** Whether the cell is formatted as a date; asked only of a formula's number. */
  isDate: () => boolean;
}

function cellOf(value: XlsxValue, context: CellContext): Cell {
  if (value === undefined || value === null) return null;
  if (value instanceof Date) return excelDate(value, context.date1904);
  if (typeof value === 'number') return excelNumber(value);
  if (typeof value !== 'object') return value;
  if ('richText' in value) return value.richText.map((part) => part.text).join('');
  if ('result' in value || 'formula' in value || 'sharedFormula' in value) {
    // ExcelJS leaves a formula's date a number, and drops an error result.
    const { formula, sharedFormula, result } = value as { formula?: string; sharedFormula?: string; result?: unknown };
    if (result === undefined || result === null || Number.isNaN(result)) return { formula: formula ?? sharedFormula ?? '' };
    if (typeof result === 'number' && context.isDate()) return excelDate(dateOfSerial(result, context.date1904), context.date1904);
    return cellOf(result as XlsxValue, context);
  }
  if ('text' in value) return cellOf(value.text, context);
  if ('error' in value) return { error: value.error };
  return null;
}

/** A relationship's target as the part's name in the zip: relative to xl/, or absolute. */
const partName = (target: string) => (target.startsWith('/') ? target.slice(1) : `xl/${target.replace(/^\.\//, '')}`);

export async function* xlsxRows(path: string, onBytes: (bytes: number) => void): AsyncGenerator<SheetRow> {
  const opened: Readable[] = [];
  try {
    const parts = await zipParts(path);
    const open = async (name: string, limits: PartLimits) => {
      const part: ZipPart | undefined = parts.get(name);
      if (!part) throw unreadable(`缺少 ${name}`);
      const text = await partText(path, part, limits, onBytes);
      opened.push(text);
      return text;
    };
    if (!parts.has('xl/workbook.xml'))
      throw new FileProblem('FILE_FORMAT', '这不是 Excel 工作簿（.xlsx）：请在 Excel 中“另存为” .xlsx 或 CSV 后再上传');

    const workbook = new ExcelJS.stream.xlsx.WorkbookReader(path, {
      worksheets: 'emit',
      sharedStrings: 'cache',
      hyperlinks: 'ignore',
      styles: 'cache',
      entries: 'ignore',
    }) as unknown as WorkbookParts;
    await workbook._parseRels(await open('xl/_rels/workbook.xml.rels', OTHER_PART));
    await workbook._parseWorkbook(await open('xl/workbook.xml', OTHER_PART));
    const rels = workbook.workbookRels ?? [];
    const relOfType = (type: string) => rels.find((rel) => rel.Type.endsWith(`/${type}`));
    const styles = relOfType('styles');
    if (styles) await workbook._parseStyles(await open(partName(styles.Target), OTHER_PART));
    const sharedStrings = relOfType('sharedStrings');
    if (sharedStrings) for await (const _ of workbook._parseSharedStrings(await open(partName(sharedStrings.Target), SHARED_STRINGS)));

    // The first sheet in the workbook's order, which is the order of its tabs; the template's others are notes.
    const first = rels.find((rel) => rel.Id === workbook.model?.sheets?.[0]?.rId);
    if (!first) throw unreadable('没有工作表');
    const name = partName(first.Target);
    const [reader] = workbook._parseWorksheet(await open(name, SHEET), /sheet(\d+)\.xml$/.exec(name)?.[1] ?? '1');
    const date1904 = workbook.properties?.model?.date1904 === true;
    let previous = 0;
    for await (const row of reader!.value) {
      // The row numbers become the problems' and the stage's keys: Excel's, once each, in order.
      if (!Number.isInteger(row.number) || row.number <= previous || row.number > LAST_ROW)
        throw unreadable(`第 ${previous + 1} 行附近的行号有误`);
      previous = row.number;
      const values = row.values as XlsxValue[];
      const cells: Cell[] = [];
      for (let at = 1; at < values.length; at++)
        cells.push(cellOf(values[at], { date1904, isDate: () => isDateFormat(row.getCell(at).numFmt) }));
      yield { row: row.number, cells };
    }
  } catch (error) {
    if (error instanceof FileProblem) throw error;
    throw unreadable('它可能已损坏');
  } finally {
    for (const text of opened) text.destroy();
  }
}
