/**
 * The import center's file reading: CSV/TSV/semicolon text, XLSX workbooks and pasted tables, each turned
 * into a header and a stream of rows whose cells are text exactly as written.
 */
import { AppError } from '../../core/errors.ts';
import type { ReadOptions, ReadTable } from '../types.ts';
import { defaultMaxXlsxBytes } from './limits.ts';
import { detectKind } from './sniff.ts';
import { ByteSource } from './source.ts';
import { emptyFile, readPastedText, readTextTable } from './text.ts';
import { workbookSheetNames } from './workbook.ts';

export { defaultMaxRows, defaultMaxTextBytes, defaultMaxXlsxBytes, maxXlsxColumns } from './limits.ts';

/**
 * Reads a CSV/TSV/semicolon file or an XLSX workbook from a stream of bytes. XLSX is recognised by its
 * bytes (whatever the file is called). `rows` streams and can be read once; read it to the end (or break
 * out of the loop) so a file stream is released. `skipped` is complete once `rows` has been read.
 */
export async function readTable(
  input: AsyncIterable<Uint8Array> | Uint8Array,
  options: ReadOptions = {},
): Promise<ReadTable> {
  const source = new ByteSource(input);
  try {
    const head = await source.peek(8);
    if (head.length === 0) throw emptyFile();
    if (detectKind(head) === 'zip') {
      const bytes = await source.readAll(options.maxBytes ?? defaultMaxXlsxBytes);
      // exceljs takes about 0.3 s to load, so CSV-only processes never pay for it.
      const { readXlsxTable } = await import('./xlsx.ts');
      return await readXlsxTable(bytes, options);
    }
    return await readTextTable(source, options);
  } catch (error) {
    await source.close();
    throw withFileName(error, options.fileName);
  }
}

/** A table pasted from Excel or Google Sheets (tab-separated, or any delimiter). */
export function readPastedTable(text: string, options: ReadOptions = {}): Promise<ReadTable> {
  return readPastedText(text, options);
}

/** Lists the sheets of an XLSX workbook (for "which sheet?"), in the order Excel shows them. */
export async function listSheets(input: Uint8Array): Promise<string[]> {
  if (input.length === 0) throw emptyFile();
  if (detectKind(input) !== 'zip') {
    throw new AppError(
      'unprocessable',
      'This is not an Excel workbook (.xlsx), so it has no sheets to choose from.',
    );
  }
  return workbookSheetNames(input);
}

/** Adds the file name to the details of a refusal, so logs and the UI can say which upload it was. */
function withFileName(error: unknown, fileName: string | undefined): unknown {
  if (!fileName || !(error instanceof AppError)) return error;
  return new AppError(error.code, error.message, {
    details: { ...error.details, fileName },
    cause: error.cause,
  });
}
