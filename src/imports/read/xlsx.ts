/**
 * Reading one sheet of an XLSX workbook with exceljs's streaming reader. The workbook (at most `maxBytes`
 * compressed) is held in memory; its cells are not: they stream row by row.
 */
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { AppError } from '../../core/errors.ts';
import type { ReadOptions, ReadTable, SourceRow } from '../types.ts';
import { cleanCell } from './cells.ts';
import { defaultMaxRows, maxXlsxColumns } from './limits.ts';
import { buildTable } from './table.ts';
import {
  assertPartSize,
  chooseSheet,
  openWorkbook,
  partLimits,
  sheetMerges,
  type Workbook,
} from './workbook.ts';
import { cellText } from './xlsx-values.ts';
import { localFile, storedFile, type ZipEntry } from './zip.ts';

const emptySharedStrings =
  '<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="0" uniqueCount="0"/>';
const emptyRelationships =
  '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"/>';

/** Reads the chosen (or first non-empty) sheet of an XLSX workbook held in memory. */
export async function readXlsxTable(bytes: Uint8Array, options: ReadOptions): Promise<ReadTable> {
  const book = openWorkbook(bytes);
  const sheet = await chooseSheet(book, options.sheet);
  if (!sheet)
    throw new AppError('unprocessable', 'The file is empty: no sheet in this workbook has any data.');
  await assertPartSize(book.zip, book.sharedStrings, partLimits.sharedStrings);
  await assertPartSize(book.zip, book.styles, partLimits.styles);
  const merges = await sheetMerges(book.zip, sheet.entry);
  return buildTable(sheetRows(book, sheet.entry), {
    format: 'xlsx',
    sheet: sheet.name,
    sheets: book.sheets.map((part) => part.name),
    maxRows: options.maxRows ?? defaultMaxRows,
    merges,
  });
}

/**
 * The parts exceljs needs, in the order that lets it stream the sheet straight away (relationships,
 * workbook, styles and shared strings first), under the names it expects, and nothing else.
 */
function readerStream(book: Workbook, sheet: ZipEntry): Readable {
  const { zip } = book;
  const parts: Uint8Array[] = [
    ...(book.relationships
      ? localFile(zip, book.relationships, 'xl/_rels/workbook.xml.rels')
      : storedFile('xl/_rels/workbook.xml.rels', emptyRelationships)),
    ...localFile(zip, book.workbook, 'xl/workbook.xml'),
    ...(book.styles ? localFile(zip, book.styles, 'xl/styles.xml') : []),
    ...(book.sharedStrings
      ? localFile(zip, book.sharedStrings, 'xl/sharedStrings.xml')
      : storedFile('xl/sharedStrings.xml', emptySharedStrings)),
    ...localFile(zip, sheet, 'xl/worksheets/sheet1.xml'),
  ];
  return Readable.from(
    parts.map((part) => Buffer.from(part.buffer, part.byteOffset, part.byteLength)),
    { objectMode: false },
  );
}

interface StreamCell {
  value: unknown;
  numFmt?: string;
}

interface StreamRow {
  number: number;
  eachCell(callback: (cell: StreamCell, column: number) => void): void;
}

async function* sheetRows(book: Workbook, sheet: ZipEntry): AsyncGenerator<SourceRow[]> {
  const { date1904 } = book;
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(readerStream(book, sheet), {
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'cache',
    worksheets: 'emit',
  });
  try {
    for await (const worksheet of reader) {
      for await (const row of worksheet as AsyncIterable<StreamRow>) {
        const cells: string[] = [];
        row.eachCell((cell, column) => {
          const text = cleanCell(cellText(cell.value, cell.numFmt, date1904));
          if (text === '') return;
          if (column > maxXlsxColumns) throw tooManyColumns(row.number);
          while (cells.length < column - 1) cells.push('');
          cells[column - 1] = text;
        });
        yield [{ line: row.number, cells }];
      }
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError(
      'unprocessable',
      'This Excel file could not be read. Open it in Excel, save it again as .xlsx, then import it again.',
      { cause: error },
    );
  }
}

function tooManyColumns(line: number): AppError {
  return new AppError(
    'payload_too_large',
    `Row ${line.toLocaleString('en')} has data beyond column ${maxXlsxColumns}. Remove the extra columns, or save the sheet you need as CSV.`,
    { details: { line, maxColumns: maxXlsxColumns } },
  );
}
