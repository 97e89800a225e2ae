import type { ExportSheet } from '../../export/xlsx';

/**
 * A sheet with its own kind of row, for a workbook of several kinds: its columns only ever read
 * its own rows, so forgetting the row type here is safe.
 */
export function anySheet<Row>(sheet: ExportSheet<Row>): ExportSheet<unknown> {
  return sheet as unknown as ExportSheet<unknown>;
}
