// Tables as union staff send them upward: an .xlsx with Chinese headers, counts and yuan as
// numbers Excel can add up. exceljs is loaded only when a download is asked for.

export type ColumnKind = 'text' | 'count' | 'yuan';

export interface ExportColumn<Row> {
  header: string;
  kind: ColumnKind;
  value: (row: Row) => string | number | null | undefined;
  width?: number;
}

export interface ExportSheet<Row> {
  name: string;
  /** A line above the table, e.g. the org and the date. */
  title?: string;
  columns: ExportColumn<Row>[];
  rows: Row[];
}

// An org's name may hold any of these; Windows refuses them in a file name, Excel in a sheet's.
const NOT_IN_FILE_NAMES = /[\\/:*?"<>|]/g;
const NOT_IN_SHEET_NAMES = /[\\/:*?[\]]/g;

/** A name every file system accepts: no reserved characters, no trailing dot or space (Windows drops them). */
function safeFileName(name: string): string {
  return name.replace(NOT_IN_FILE_NAMES, '_').replace(/[. ]+$/, '');
}

async function buildWorkbook(sheets: ExportSheet<unknown>[]): Promise<ArrayBuffer> {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '工会数据平台';
  for (const sheet of sheets) {
    const worksheet = workbook.addWorksheet(sheet.name.replace(NOT_IN_SHEET_NAMES, '_').slice(0, 31));
    if (sheet.title) {
      worksheet.addRow([sheet.title]).font = { bold: true };
    }
    const header = worksheet.addRow(sheet.columns.map((column) => column.header));
    header.font = { bold: true };
    for (const row of sheet.rows) {
      worksheet.addRow(
        sheet.columns.map((column) => {
          const value = column.value(row);
          if (value === null || value === undefined) return null;
          // Yuan arrive as exact decimal strings; a cell holds a number with two decimals shown.
          return column.kind === 'text' ? String(value) : Number(value);
        }),
      );
    }
    sheet.columns.forEach((column, i) => {
      const target = worksheet.getColumn(i + 1);
      target.width = column.width ?? (column.kind === 'text' ? 18 : 14);
      if (column.kind === 'yuan') target.numFmt = '#,##0.00';
      if (column.kind === 'count') target.numFmt = '#,##0';
    });
    worksheet.views = [{ state: 'frozen', ySplit: sheet.title ? 2 : 1 }];
  }
  return (await workbook.xlsx.writeBuffer()) as ArrayBuffer;
}

export async function downloadXlsx<Row>(fileName: string, sheets: ExportSheet<Row>[]): Promise<void> {
  const buffer = await buildWorkbook(sheets as ExportSheet<unknown>[]);
  const blob = new Blob([buffer], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  const base = safeFileName(fileName.replace(/\.xlsx$/, ''));
  link.download = `${base}.xlsx`;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
