/**
 * Where an import's rows come from, in a form that can be opened more than once (the preview reads
 * the whole file; the commit reads it again): a file on disk, an upload kept in the database, a
 * pasted table, or a published Google Sheets CSV link fetched once into an upload.
 */

import { readPastedTable, readTable } from './read/index.ts';
import type { ReadOptions, ReadTable } from './types.ts';

export interface ImportSource {
  /** Shown in previews and reports: the file name, "pasted table", or the link. */
  name: string;
  /** Opens the table from the start. */
  open(options?: ReadOptions): Promise<ReadTable>;
}

export function bytesSource(name: string, bytes: Uint8Array): ImportSource {
  return { name, open: (options) => readTable(bytes, { fileName: name, ...options }) };
}

export function streamSource(name: string, openStream: () => AsyncIterable<Uint8Array>): ImportSource {
  return { name, open: (options) => readTable(openStream(), { fileName: name, ...options }) };
}

export function pastedSource(text: string): ImportSource {
  return { name: 'pasted table', open: (options) => readPastedTable(text, options) };
}

/** Google Sheets "publish to web" CSV links (…/pub?output=csv or …/export?format=csv). */
export function isSheetsCsvLink(url: string): boolean {
  return /^https:\/\/docs\.google\.com\/spreadsheets\/d\/(?:e\/)?[^/]+\/(pub|export)\?.*(output|format)=csv/.test(
    url,
  );
}
