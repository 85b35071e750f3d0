/**
 * Guesses from the first bytes what a file is: an XLSX (ZIP) workbook, some other binary file, or text in
 * which encoding, with which delimiter and line break.
 */
import Papa from 'papaparse';
import { AppError } from '../../core/errors.ts';

export type FileKind = 'zip' | 'text';
export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

/** Bytes looked at to decide the encoding and whether the file is text at all. */
export const sniffBytes = 64 * 1024;

const notText = 'This is not a text spreadsheet file. Upload a CSV file or an Excel workbook (.xlsx).';

function startsWith(bytes: Uint8Array, magic: readonly number[]): boolean {
  return magic.every((byte, index) => bytes[index] === byte);
}

/** ZIP (so probably XLSX) or text; known binary formats get their own message. */
export function detectKind(head: Uint8Array): FileKind {
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04])) return 'zip';
  if (startsWith(head, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) {
    throw new AppError(
      'unprocessable',
      'This is an old Excel file (.xls) or a password-protected workbook. Open it in Excel, remove any password, save it as "Excel Workbook (.xlsx)" or "CSV UTF-8", then import it again.',
    );
  }
  if (startsWith(head, [0x25, 0x50, 0x44, 0x46])) {
    throw new AppError(
      'unprocessable',
      'This is a PDF file, not a spreadsheet. Export the data as CSV or Excel (.xlsx) and import that instead.',
    );
  }
  return 'text';
}

/**
 * The encoding of a text file from its first bytes: a byte order mark, else the NUL pattern of UTF-16,
 * else UTF-8 when the bytes are valid UTF-8, else Windows-1252 (which maps every byte, so nothing is lost).
 */
export function detectEncoding(prefix: Uint8Array, complete: boolean): TextEncodingName {
  if (startsWith(prefix, [0xef, 0xbb, 0xbf])) return 'utf-8';
  if (startsWith(prefix, [0xff, 0xfe])) return 'utf-16le';
  if (startsWith(prefix, [0xfe, 0xff])) return 'utf-16be';
  const pairs = Math.floor(Math.min(prefix.length, 4096) / 2);
  let evenZeros = 0;
  let oddZeros = 0;
  for (let index = 0; index < pairs * 2; index += 2) {
    if (prefix[index] === 0) evenZeros++;
    if (prefix[index + 1] === 0) oddZeros++;
  }
  if (pairs > 0 && oddZeros >= pairs * 0.3 && evenZeros <= pairs * 0.05) return 'utf-16le';
  if (pairs > 0 && evenZeros >= pairs * 0.3 && oddZeros <= pairs * 0.05) return 'utf-16be';
  if (prefix.includes(0)) throw new AppError('unprocessable', notText);
  try {
    // `stream` lets a character cut in half at the end of the prefix pass; the rest is checked later.
    new TextDecoder('utf-8', { fatal: true }).decode(prefix, { stream: !complete });
    return 'utf-8';
  } catch {
    return 'windows-1252';
  }
}

/** Refuses decoded text with a high share of control characters, which is what binary junk decodes to. */
export function assertLooksLikeText(sample: string): void {
  let control = 0;
  for (let index = 0; index < sample.length; index++) {
    const code = sample.charCodeAt(index);
    if (code === 0) throw new AppError('unprocessable', notText);
    // Tab, line feed, form feed, carriage return and the old DOS end-of-file mark are normal in text files.
    if (
      (code < 32 && code !== 9 && code !== 10 && code !== 12 && code !== 13 && code !== 26) ||
      code === 127
    ) {
      control++;
    }
  }
  if (control > 8 && control > sample.length * 0.02) throw new AppError('unprocessable', notText);
  if (/^\s*<(?:!doctype\s+html|html[\s>])/i.test(sample)) {
    throw new AppError(
      'unprocessable',
      'This is a web page, not a spreadsheet. For a Google Sheets link, use File → Share → Publish to web → CSV, and paste that link.',
    );
  }
}

/** The line break to split on: "\n" also covers "\r\n" (the "\r" is trimmed with the cell); "\r" for old Mac files. */
export function detectNewline(sample: string): '\n' | '\r' {
  const outsideQuotes = sample.replace(/"[^"]*"/g, '');
  let lineFeeds = 0;
  let carriageReturns = 0;
  for (let index = 0; index < outsideQuotes.length; index++) {
    const code = outsideQuotes.charCodeAt(index);
    if (code === 10) lineFeeds++;
    else if (code === 13) carriageReturns++;
  }
  return carriageReturns > lineFeeds * 2 ? '\r' : '\n';
}

const candidates = [',', ';', '\t', '|'] as const;

/**
 * The delimiter that splits the most rows of the sample into the same number of cells (at least two).
 * Ties go to the comma, or to the tab for pasted text (which is what Excel and Google Sheets copy).
 */
export function detectDelimiter(
  sample: string,
  newline: '\n' | '\r',
  complete: boolean,
  preferTab = false,
): string {
  const order = preferTab ? ['\t', ',', ';', '|'] : candidates;
  let best: string = order[0] ?? ',';
  let bestScore = 0;
  for (const delimiter of order) {
    const parser = new Papa.Parser({ delimiter, newline });
    const records = (parser.parse(sample, 0, !complete) as { data: string[][] }).data.slice(0, 50);
    const counts = new Map<number, number>();
    for (const record of records) {
      if (record.length < 2) continue;
      counts.set(record.length, (counts.get(record.length) ?? 0) + 1);
    }
    const score = Math.max(0, ...counts.values());
    if (score > bestScore) {
      best = delimiter;
      bestScore = score;
    }
  }
  return best;
}
