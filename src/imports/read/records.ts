/**
 * Text chunks to CSV records with papaparse's chunk parser: each chunk is parsed up to its last complete
 * record and the unfinished tail is carried into the next one, so memory stays at about one chunk.
 */
import Papa from 'papaparse';
import { AppError } from '../../core/errors.ts';
import type { SourceRow } from '../types.ts';
import { cleanCells } from './cells.ts';

/** A record longer than this is an unclosed quote swallowing the file, not a real row. */
const maxRecordChars = 4 * 1024 * 1024;

interface ParseOutput {
  data: string[][];
  errors: { code: string; row?: number }[];
  meta: { cursor: number };
}

/** Counts records as they are parsed (for error messages that happen before a row is handed out). */
export interface RecordProgress {
  records: number;
  /** Line breaks in the carried-over tail, so a decoding error deeper in the file gets a closer row. */
  pendingLines: number;
}

/**
 * Parses decoded text into batches of rows numbered as people see them: the n-th record is row n, and a
 * quoted cell spanning lines is still one record.
 */
export async function* parseRecords(
  texts: AsyncIterable<string>,
  delimiter: string,
  newline: '\n' | '\r',
  progress: RecordProgress,
): AsyncGenerator<SourceRow[]> {
  const parser = new Papa.Parser({ delimiter, newline, quoteChar: '"' });
  let tail = '';
  let first = true;
  const toRows = (data: string[][]): SourceRow[] => {
    const rows: SourceRow[] = new Array(data.length);
    for (let index = 0; index < data.length; index++) {
      rows[index] = { line: ++progress.records, cells: cleanCells(data[index] ?? []) };
    }
    return rows;
  };

  for await (const chunk of texts) {
    // A byte order mark left in the text (pasted, or doubled) would stick to the first header or hide its quote.
    const text = first && chunk.charCodeAt(0) === 0xfeff ? chunk.slice(1) : chunk;
    first = false;
    const input = tail.length > 0 ? tail + text : text;
    const result = parser.parse(input, 0, true) as ParseOutput;
    tail = input.slice(result.meta.cursor);
    if (tail.length > maxRecordChars) throw unclosed(progress.records + 1, tail);
    progress.pendingLines = countLines(tail, newline);
    if (result.data.length > 0) yield toRows(result.data);
  }
  if (tail.length === 0) return;
  const result = parser.parse(tail, 0, false) as ParseOutput;
  const missing = result.errors.find((error) => error.code === 'MissingQuotes');
  if (missing) throw unclosed(progress.records + (missing.row ?? 0) + 1, tail);
  progress.pendingLines = 0;
  yield toRows(result.data);
}

function countLines(text: string, newline: string): number {
  let lines = 0;
  for (let index = text.indexOf(newline); index >= 0; index = text.indexOf(newline, index + 1)) lines++;
  return lines;
}

function unclosed(row: number, tail: string): AppError {
  const quoted = tail.includes('"');
  const message = quoted
    ? `Row ${row.toLocaleString('en')} opens a quote mark (") that is never closed, so the rest of the file would end up in one cell. Fix the quote in that row, or save the file again from Excel or Google Sheets.`
    : `Row ${row.toLocaleString('en')} is far too long to be a spreadsheet row. Check that this is a CSV file.`;
  return new AppError('unprocessable', message, { details: { row } });
}
