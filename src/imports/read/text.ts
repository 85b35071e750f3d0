/** Reading delimited text: CSV, TSV, semicolon files from a byte stream, and tables pasted as text. */
import { AppError } from '../../core/errors.ts';
import type { ReadOptions, ReadTable } from '../types.ts';
import { decodeChunks } from './decode.ts';
import { defaultMaxRows, defaultMaxTextBytes } from './limits.ts';
import { parseRecords, type RecordProgress } from './records.ts';
import { assertLooksLikeText, detectDelimiter, detectEncoding, detectNewline, sniffBytes } from './sniff.ts';
import { type ByteSource, formatBytes } from './source.ts';
import { buildTable } from './table.ts';

/** Reads a text spreadsheet from bytes whose first bytes have been judged to be text. */
export async function readTextTable(source: ByteSource, options: ReadOptions): Promise<ReadTable> {
  const prefix = await source.peek(sniffBytes);
  if (prefix.length === 0) throw emptyFile();
  const complete = source.ended && prefix.length < sniffBytes;
  const encoding = detectEncoding(prefix, complete);
  let sample: string;
  try {
    sample = new TextDecoder(encoding, { fatal: true }).decode(prefix, { stream: !complete });
  } catch {
    throw new AppError(
      'unprocessable',
      'This is not a text spreadsheet file. Upload a CSV file or an Excel workbook (.xlsx).',
    );
  }
  assertLooksLikeText(sample);
  const newline = detectNewline(sample);
  const delimiter = detectDelimiter(sample, newline, complete);
  const progress: RecordProgress = { records: 0, pendingLines: 0 };
  const maxBytes = options.maxBytes ?? defaultMaxTextBytes;
  const texts = decodeChunks(
    source.chunks(maxBytes),
    encoding,
    () => progress.records + progress.pendingLines,
  );
  return buildTable(parseRecords(texts, delimiter, newline, progress), {
    format: delimiter === '\t' ? 'tsv' : 'csv',
    encoding,
    delimiter,
    maxRows: options.maxRows ?? defaultMaxRows,
    close: () => source.close(),
  });
}

/** Pasted text arrives whole; it is still fed to the parser in slices so huge pastes parse like files. */
const pasteSlice = 1024 * 1024;

/** Reads a table pasted from Excel or Google Sheets (tab-separated, or any of the usual delimiters). */
export async function readPastedText(text: string, options: ReadOptions): Promise<ReadTable> {
  const maxBytes = options.maxBytes ?? defaultMaxTextBytes;
  // Three bytes per UTF-16 unit is the most UTF-8 can need, so only long texts need the exact count.
  if (text.length * 3 > maxBytes && new TextEncoder().encode(text).length > maxBytes) {
    throw new AppError(
      'payload_too_large',
      `The pasted table is larger than ${formatBytes(maxBytes)}. Paste it in smaller parts, or upload it as a file.`,
      { details: { maxBytes } },
    );
  }
  if (text.trim() === '') throw new AppError('unprocessable', 'The pasted text is empty.');
  const sample = text.slice(0, sniffBytes);
  const complete = sample.length === text.length;
  const newline = detectNewline(sample);
  const delimiter = detectDelimiter(sample, newline, complete, true);
  const progress: RecordProgress = { records: 0, pendingLines: 0 };
  return buildTable(parseRecords(slices(text), delimiter, newline, progress), {
    format: 'paste',
    delimiter,
    maxRows: options.maxRows ?? defaultMaxRows,
  });
}

async function* slices(text: string): AsyncGenerator<string> {
  for (let start = 0; start < text.length; start += pasteSlice) yield text.slice(start, start + pasteSlice);
}

export function emptyFile(): AppError {
  return new AppError('unprocessable', 'The file is empty.');
}
