import { parseYuan } from '../common/money';
import { parseDate } from '../common/scalars';
import { maskIdNumber, maskPhone, parseIdNumber, type IdNumberFault } from '../worker/id-number';
import { COLUMNS, type ColumnOption, type ImportColumn, type ImportKind } from './import-columns';

// One spreadsheet cell read into the value the API keeps, or the reason it cannot be, in words
// the person who typed it understands. Nothing here touches the database.

/** Excel's error value (#N/A, #VALUE!…), or a formula whose result the file does not keep. */
export type CellError = { error: string } | { formula: string };

/** A cell as the readers give it: CSV cells are text; XLSX ones keep Excel's type. */
export type Cell = string | number | boolean | Date | null | CellError;

/** The stable codes of what can be wrong with a row (clients may switch on them). */
export type RowProblemCode =
  | 'REQUIRED'
  | 'TOO_LONG'
  | 'CONTROL_CHARACTER'
  | 'CELL_ERROR'
  | 'ID_NUMBER_INVALID'
  | 'ID_NUMBER_AS_NUMBER'
  | 'GENDER_MISMATCH'
  | 'BIRTH_DATE_MISMATCH'
  | 'DATE_INVALID'
  | 'DATE_IN_FUTURE'
  | 'NOT_AN_OPTION'
  | 'PHONE_INVALID'
  | 'NUMBER_INVALID'
  | 'MONEY_INVALID'
  | 'ORG_NOT_FOUND'
  | 'DUPLICATE_IN_FILE'
  | 'REGISTERED_AT_OTHER_ORG'
  | 'WORKER_NOT_FOUND'
  | 'NAME_MISMATCH'
  | 'OPENED_ON_DIFFERS';

export interface RowProblem {
  row: number;
  /** The column's key (`idNumber`), or null for a problem of the whole row. */
  column: string | null;
  /** The column's header as the template names it. */
  header: string | null;
  /** What the cell held, masked where it is personal data. */
  value: string | null;
  code: RowProblemCode;
  message: string;
}

type Parsed<T> = { value: T } | { problem: { code: RowProblemCode; message: string } };
const fail = (code: RowProblemCode, message: string) => ({ problem: { code, message } });

/** Text of a cell as typed: trimmed, with full-width and no-break spaces counted as spaces. */
export function cellText(cell: Cell): string {
  if (cell === null) return '';
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? '' : cell.toISOString().slice(0, 10);
  if (typeof cell === 'boolean') return cell ? 'TRUE' : 'FALSE';
  if (typeof cell === 'number') return String(cell);
  if (typeof cell === 'object') return 'error' in cell ? cell.error : `=${cell.formula}`;
  return cell.replace(/^[\s\u3000\u00a0]+|[\s\u3000\u00a0]+$/g, '');
}

/** Full-width digits, letters and punctuation folded to ASCII, for codes and numbers. */
const folded = (cell: Cell) => cellText(cell).normalize('NFKC').replace(/\s+/g, '');

// Control characters other than tab and line breaks have no place in a roster (and NUL none in PostgreSQL).
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
const CONTROLS = new RegExp(CONTROL.source, 'g');

const ID_FAULTS: Record<IdNumberFault, string> = {
  LENGTH: '身份证号应为 18 位',
  SHAPE: '身份证号应为 17 位数字加 1 位数字或 X',
  BIRTH_DATE: '身份证号第 7 到 14 位不是有效的出生日期',
  BIRTH_DATE_RANGE: '身份证号中的出生日期不在合理范围内',
  CHECK_CHARACTER: '身份证号校验位不对，可能有一位填错了',
};

function optionOf(options: ColumnOption[], text: string): ColumnOption | undefined {
  const wanted = text.normalize('NFKC').toUpperCase();
  return options.find((o) => o.value === wanted || o.label === wanted || o.aliases.some((alias) => alias.toUpperCase() === wanted));
}

const labels = (options: ColumnOption[]) => options.map((o) => o.label).join('、');

// Excel's day 0 is 1899-12-30 (counting its 1900 leap-year bug); day 60 is the day that never was.
const EXCEL_EPOCH = Date.UTC(1899, 11, 30);

function dateOf(cell: Cell): string | null {
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? null : cell.toISOString().slice(0, 10);
  if (typeof cell === 'number') {
    if (Number.isInteger(cell) && cell >= 19000101 && cell <= 29991231) return dateOf(String(cell));
    if (Number.isInteger(cell) && cell > 60 && cell < 2958466) return new Date(EXCEL_EPOCH + cell * 86_400_000).toISOString().slice(0, 10);
    return null;
  }
  const text = folded(cell);
  const match = /^(\d{4})(?:[-/.年](\d{1,2})[-/.月](\d{1,2})日?|(\d{2})(\d{2}))$/.exec(text);
  if (!match) return null;
  const [, y, m = match[4], d = match[5]] = match;
  return parseDate(`${y}-${m!.padStart(2, '0')}-${d!.padStart(2, '0')}`);
}

function parseCell(column: ImportColumn, cell: Cell): Parsed<unknown> {
  if (cell !== null && typeof cell === 'object' && !(cell instanceof Date))
    return 'error' in cell
      ? fail('CELL_ERROR', `${column.header}是 Excel 的错误值 ${cell.error}：请改正这个单元格或它的公式`)
      : fail('CELL_ERROR', `${column.header}是公式，文件里没有它的结果（或结果是错误值）：请改正公式，或把它“粘贴为数值”后再上传`);
  const text = cellText(cell);
  if (CONTROL.test(text)) return fail('CONTROL_CHARACTER', `${column.header}含有不可见的控制字符，请删除后重新输入`);
  switch (column.kind) {
    case 'orgCode': {
      // No org has a longer code (orgs.code); a longer cell is not worth repeating in a message.
      const code = folded(cell);
      return code.length > 32 ? fail('TOO_LONG', `${column.header}最多 32 位，这里有 ${code.length} 位`) : { value: code };
    }
    case 'name': {
      if (/[\r\n\t]/.test(text)) return fail('CONTROL_CHARACTER', '姓名中不能有换行或制表符');
      if (text.length > 50) return fail('TOO_LONG', `姓名最多 50 字，这里有 ${text.length} 字`);
      return { value: text };
    }
    case 'idNumber': {
      // 18 digits do not fit a double: Excel keeps 15 and shows 2.30102E+17.
      if (typeof cell === 'number')
        return fail('ID_NUMBER_AS_NUMBER', '身份证号被 Excel 存成了数字，后几位已经丢失：请把这一列设为“文本”格式，再重新填写号码');
      const parsed = parseIdNumber(folded(cell));
      return parsed.ok ? { value: parsed } : fail('ID_NUMBER_INVALID', ID_FAULTS[parsed.fault]);
    }
    case 'gender':
    case 'choice':
    case 'boolean': {
      // Excel's TRUE and FALSE answer a yes-or-no column; anywhere else they are a wrong choice.
      if (typeof cell === 'boolean' && column.kind === 'boolean') return { value: cell };
      const found = optionOf(column.options!, text);
      if (!found) return fail('NOT_AN_OPTION', `${column.header}只能填：${labels(column.options!)}`);
      return { value: column.kind === 'boolean' ? found.value === 'true' : found.value };
    }
    case 'date': {
      const date = dateOf(cell);
      return date ? { value: date } : fail('DATE_INVALID', `${column.header}不是有效的日期，请写成 2024-05-17 这样`);
    }
    case 'phone': {
      const phone = folded(cell);
      return /^\+?[0-9][0-9-]{5,18}$/.test(phone) ? { value: phone } : fail('PHONE_INVALID', '手机号应为 6 到 20 位数字，可带 + 和 -');
    }
    case 'householdSize': {
      const size = typeof cell === 'number' ? cell : /^\d{1,3}$/.test(folded(cell)) ? Number(folded(cell)) : NaN;
      return Number.isInteger(size) && size >= 1 && size <= 30 ? { value: size } : fail('NUMBER_INVALID', '家庭人口应为 1 到 30 的整数');
    }
    case 'money': {
      // A number cell comes as the double Excel kept; its shortest decimal form is what was typed.
      const fen = parseYuan(
        folded(cell)
          .replace(/^[¥￥]/, '')
          .replace(/元$/, '')
          .replace(/,/g, ''),
      );
      if (fen === null || fen < 0n) return fail('MONEY_INVALID', `${column.header}应为不小于 0 的金额，单位元，最多两位小数`);
      if (fen > 100_000_000_00n) return fail('MONEY_INVALID', `${column.header}超过了 1 亿元，请检查单位是不是元`);
      return { value: fen };
    }
    case 'causes': {
      const parts = text.split(/[、,，;；/\s]+/).filter((part) => part !== '');
      const values = new Set<string>();
      for (const part of parts) {
        const found = optionOf(column.options!, part);
        if (!found) {
          const shown = part.length > 20 ? `${part.slice(0, 20)}…` : part;
          return fail('NOT_AN_OPTION', `“${shown}”不是可选的致困原因；可填：${labels(column.options!)}`);
        }
        values.add(found.value);
      }
      // Separators alone ("、") name no cause, and an archive has at least one.
      return values.size > 0 ? { value: [...values] } : fail('REQUIRED', `${column.header}是必填项`);
    }
    case 'text':
      return text.length > column.maxLength!
        ? fail('TOO_LONG', `${column.header}最多 ${column.maxLength} 字，这里有 ${text.length} 字`)
        : { value: text };
  }
}

/** What a problem shows of the cell: ID and phone numbers, birth dates and incomes masked, free text as its length, long text cut. */
function shownValue(column: ImportColumn, cell: Cell): string | null {
  // A control character shows as �: the problem it is named in must be storable and visible.
  const text = cellText(cell).replace(CONTROLS, '\ufffd');
  if (text === '') return null;
  if (column.kind === 'idNumber') return text.length >= 10 ? maskIdNumber(text) : '*'.repeat(text.length);
  if (column.kind === 'phone') return maskPhone(text);
  if (column.kind === 'text') return `（${text.length} 字）`;
  if (column.personal) return text.replace(/\p{Nd}/gu, '*');
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
}

export interface ParsedRow {
  row: number;
  /** Values by column key; a blank cell is absent. */
  values: Record<string, unknown>;
  problems: RowProblem[];
}

/** Reads one row's cells by the header's positions: every problem of the row, not just the first. */
export function parseRow(kind: ImportKind, positions: Map<string, number>, cells: Cell[], row: number): ParsedRow {
  const values: Record<string, unknown> = {};
  const problems: RowProblem[] = [];
  const problem = (column: ImportColumn, cell: Cell, code: RowProblemCode, message: string) =>
    problems.push({ row, column: column.key, header: column.header, value: shownValue(column, cell), code, message });
  const cellOf = (column: ImportColumn) => {
    const at = positions.get(column.key);
    return at === undefined ? null : (cells[at] ?? null);
  };
  for (const column of COLUMNS[kind]) {
    const cell = cellOf(column);
    if (cellText(cell) === '') {
      if (column.required) problem(column, cell, 'REQUIRED', `${column.header}是必填项`);
      continue;
    }
    const parsed = parseCell(column, cell);
    if ('problem' in parsed) problem(column, cell, parsed.problem.code, parsed.problem.message);
    else values[column.key] = parsed.value;
  }
  const id = values.idNumber as { gender: string; birthDate: string } | undefined;
  if (id && values.gender !== undefined && values.gender !== id.gender) {
    const column = COLUMNS[kind].find((c) => c.key === 'gender')!;
    problem(column, cellOf(column), 'GENDER_MISMATCH', `性别与身份证号不符：按身份证号是${id.gender === 'MALE' ? '男' : '女'}`);
  }
  if (id && values.birthDate !== undefined && values.birthDate !== id.birthDate) {
    const column = COLUMNS[kind].find((c) => c.key === 'birthDate')!;
    // Not the ID number's date: it is the 8 digits a masked ID number hides.
    problem(column, cellOf(column), 'BIRTH_DATE_MISMATCH', '出生日期与身份证号中的不符：请核对两者；出生日期也可不填，按身份证号判断');
  }
  return { row, values, problems };
}

/** True for a row with nothing in it, which is skipped, as Excel users leave them. */
export function isBlankRow(cells: Cell[]): boolean {
  return cells.every((cell) => cellText(cell) === '');
}
