import ExcelJS from 'exceljs';
import { COLUMNS, EXAMPLE_MARK, SHEET_NAMES, type ImportColumn, type ImportKind } from './import-columns';
import { MAX_ROWS } from './import-stage';

// The templates staff download: the headers the importer reads, one example row (skipped on
// upload), lists for the enumerations, text format where Excel would mangle a number, and a
// sheet of notes. The CSV one is the header and the example, UTF-8 with a BOM so Excel opens it.

const LAST_ROW = 10_001;

function validationOf(column: ImportColumn): ExcelJS.DataValidation | null {
  const prompt = { showInputMessage: true, promptTitle: column.header, prompt: column.note.slice(0, 255) };
  const error = { showErrorMessage: true, errorStyle: 'stop', errorTitle: column.header };
  if (column.options && column.kind !== 'causes')
    return {
      type: 'list',
      allowBlank: !column.required,
      formulae: [`"${column.options.map((o) => o.label).join(',')}"`],
      ...prompt,
      ...error,
      error: `请从列表中选择：${column.options.map((o) => o.label).join('、')}`,
    };
  if (column.kind === 'idNumber')
    return { type: 'textLength', operator: 'equal', allowBlank: false, formulae: [18], ...prompt, ...error, error: '身份证号应为 18 位' };
  if (column.kind === 'householdSize')
    return {
      type: 'whole',
      operator: 'between',
      allowBlank: false,
      formulae: [1, 30],
      ...prompt,
      ...error,
      error: '家庭人口应为 1 到 30 的整数',
    };
  if (column.kind === 'money')
    return {
      type: 'decimal',
      operator: 'greaterThanOrEqual',
      allowBlank: false,
      formulae: [0],
      ...prompt,
      ...error,
      error: '金额不能小于 0',
    };
  return null;
}

export async function templateXlsx(kind: ImportKind): Promise<Buffer> {
  const columns = COLUMNS[kind];
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'gonghui';
  const sheet = workbook.addWorksheet(SHEET_NAMES[kind], { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((column) => ({
    header: column.header,
    key: column.key,
    width: column.width,
    // Text, so Excel keeps all 18 digits of an ID number and the leading zeros of a code.
    style:
      column.kind === 'date' ? { numFmt: 'yyyy-mm-dd' } : ['idNumber', 'phone', 'orgCode'].includes(column.kind) ? { numFmt: '@' } : {},
  }));
  const header = sheet.getRow(1);
  header.font = { bold: true };
  columns.forEach((column, at) => {
    const cell = header.getCell(at + 1);
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: column.required ? 'FFFDE2E2' : 'FFEFEFEF' } };
    cell.note = `${column.required ? '必填。' : '选填。'}${column.note}`;
  });
  const example = sheet.addRow(Object.fromEntries(columns.map((column) => [column.key, column.example])));
  example.font = { italic: true, color: { argb: 'FF888888' } };
  columns.forEach((column, at) => {
    const letter = sheet.getColumn(at + 1).letter;
    const validation = validationOf(column);
    // ExcelJS has ranges of validations (worksheet.dataValidations) but does not type them.
    if (validation)
      (sheet as unknown as { dataValidations: { add(range: string, v: ExcelJS.DataValidation): void } }).dataValidations.add(
        `${letter}2:${letter}${LAST_ROW}`,
        validation,
      );
  });

  const notes = workbook.addWorksheet('填写说明');
  notes.columns = [
    { header: '列', key: 'header', width: 18 },
    { header: '必填', key: 'required', width: 6 },
    { header: '说明', key: 'note', width: 70 },
    { header: '可填的值', key: 'options', width: 50 },
  ];
  notes.getRow(1).font = { bold: true };
  for (const column of columns)
    notes.addRow({
      header: column.header,
      required: column.required ? '是' : '',
      note: column.note,
      options:
        column.options?.map((o) => (o.aliases.length > 0 ? `${o.label}（也可写 ${o.aliases.join('、')}）` : o.label)).join('；') ?? '',
    });
  notes.addRow({});
  for (const line of [
    `第 2 行是示例：姓名以“${EXAMPLE_MARK}”开头的行不会导入，可以保留也可以删除。空行会被跳过。`,
    '表头必须保留（第 1 行）；可以增加别的列（如序号、备注），导入时不读它们。',
    '按身份证号认人：再次导入同一个文件不会重复登记；改正后的文件会更新同一身份证号的记录，空着的单元格保持原值。',
    '上传后会先检查每一行：默认只要有一行有错，整个文件都不导入，并列出每个错误所在的行、列和原因；也可以选择只导入正确的行，或只检查不导入。',
    `一个文件最多 ${MAX_ROWS.toLocaleString('en-US')} 行。也可以上传 CSV（UTF-8 或 Excel 另存的 GB18030/GBK），列名相同。`,
  ])
    notes.addRow({ header: line }).getCell(1).alignment = { wrapText: false };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function templateCsv(kind: ImportKind): Buffer {
  const columns = COLUMNS[kind];
  const example = columns.map((column) =>
    column.example instanceof Date ? column.example.toISOString().slice(0, 10) : String(column.example),
  );
  const text = `${columns.map((c) => csvField(c.header)).join(',')}\r\n${example.map(csvField).join(',')}\r\n`;
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
}
