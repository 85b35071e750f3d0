/** XLSX exports (Node only: exceljs), streamed to a file or any writable stream. */
import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { Deps, TenantContext } from '../core/context.ts';
import { exportRows } from './export.ts';
import type { ImportEntity } from './types.ts';

export async function exportXlsx(
  deps: Deps,
  context: TenantContext,
  entity: ImportEntity,
  output: Writable,
): Promise<number> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: output,
    useStyles: false,
    useSharedStrings: false,
  });
  const sheet = workbook.addWorksheet(entity);
  let rows = 0;
  for await (const page of exportRows(deps, context, entity)) {
    for (const row of page) {
      // Every cell is written as text, as shown: ids keep their zeros and nothing is evaluated.
      sheet.addRow(row).commit();
      rows++;
    }
  }
  sheet.commit();
  await workbook.commit();
  return rows - 1;
}
