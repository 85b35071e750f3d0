/**
 * Turns a stream of raw rows (from CSV or XLSX) into a ReadTable: buffers the first rows to find the
 * header, then streams the rest, leaving out blank and total rows and evening out ragged rows.
 */
import { AppError } from '../../core/errors.ts';
import type { ReadTable, SourceRow } from '../types.ts';
import { isBlankRow, isTotalRow } from './cells.ts';
import { findHeader, type MergedRange } from './header.ts';

/** Rows looked at to find the header; title lines and blank lines above it count. */
export const headerSampleRows = 50;
/** Skipped rows listed at most; a file of blank lines should not fill memory with their numbers. */
const maxSkippedListed = 10_000;

export interface TableSetup {
  format: ReadTable['format'];
  encoding?: string;
  delimiter?: string;
  sheet?: string;
  sheets?: string[];
  maxRows: number;
  merges?: readonly MergedRange[];
  /** Called when the row stream stops early or fails, to release the input. */
  close?: () => Promise<void>;
}

/**
 * Reads rows until the header is known and returns the table; `rows` continues from the same stream, so it
 * can be iterated once. `skipped` fills up as `rows` is read.
 */
export async function buildTable(batches: AsyncIterable<SourceRow[]>, setup: TableSetup): Promise<ReadTable> {
  const iterator = batches[Symbol.asyncIterator]();
  const sample: SourceRow[] = [];
  let ended = false;
  try {
    while (sample.length < headerSampleRows) {
      const next = await iterator.next();
      if (next.done) {
        ended = true;
        break;
      }
      for (const row of next.value) sample.push(row);
    }
  } catch (error) {
    await setup.close?.();
    throw error;
  }
  // A batch can hold a whole chunk of rows; the header is looked for in the first ones only.
  const found = findHeader(sample.slice(0, headerSampleRows), setup.merges);
  if (!found) {
    await iterator.return?.();
    await setup.close?.();
    throw new AppError('unprocessable', 'The file is empty: there are no rows with data in it.');
  }
  const headerLine = sample[found.index]?.line ?? 1;
  const skipped: ReadTable['skipped'] = [];
  const pending = sample.slice(found.index + found.rowCount);
  const rows = new RowStream(pending, ended ? undefined : iterator, found.headers.length, skipped, setup);
  return {
    format: setup.format,
    ...(setup.encoding ? { encoding: setup.encoding } : {}),
    ...(setup.delimiter !== undefined ? { delimiter: setup.delimiter } : {}),
    ...(setup.sheet !== undefined ? { sheet: setup.sheet } : {}),
    ...(setup.sheets ? { sheets: setup.sheets } : {}),
    headerRow: headerLine,
    headers: found.headers,
    rows,
    skipped,
  };
}

const finished: IteratorReturnResult<undefined> = { value: undefined, done: true };

/**
 * The data rows after the header. A hand-written iterator rather than an async generator: a million rows
 * each cost a generator resume and an extra await otherwise, which is a third of the reading time.
 */
class RowStream implements AsyncIterableIterator<SourceRow> {
  #batch: SourceRow[];
  #index = 0;
  #count = 0;
  #used = false;
  #done = false;
  readonly #source: AsyncIterator<SourceRow[]> | undefined;
  readonly #width: number;
  readonly #skipped: ReadTable['skipped'];
  readonly #setup: TableSetup;

  constructor(
    pending: SourceRow[],
    source: AsyncIterator<SourceRow[]> | undefined,
    width: number,
    skipped: ReadTable['skipped'],
    setup: TableSetup,
  ) {
    this.#batch = pending;
    this.#source = source;
    this.#width = width;
    this.#skipped = skipped;
    this.#setup = setup;
  }

  [Symbol.asyncIterator](): this {
    // A second pass would silently see no rows, so it fails loudly instead.
    if (this.#used) throw new Error('The rows of an import table can be read only once.');
    this.#used = true;
    return this;
  }

  next(): Promise<IteratorResult<SourceRow>> {
    try {
      const row = this.#take();
      if (row) return Promise.resolve({ value: row, done: false });
    } catch (error) {
      return this.#fail(error);
    }
    return this.#refill();
  }

  async return(): Promise<IteratorResult<SourceRow>> {
    if (!this.#done) {
      this.#done = true;
      await this.#source?.return?.();
      await this.#setup.close?.();
    }
    return finished;
  }

  async #refill(): Promise<IteratorResult<SourceRow>> {
    for (;;) {
      if (this.#done || !this.#source) {
        this.#done = true;
        return finished;
      }
      let next: IteratorResult<SourceRow[]>;
      try {
        next = await this.#source.next();
      } catch (error) {
        return this.#fail(error);
      }
      if (next.done) {
        this.#done = true;
        return finished;
      }
      this.#batch = next.value;
      this.#index = 0;
      try {
        const row = this.#take();
        if (row) return { value: row, done: false };
      } catch (error) {
        return this.#fail(error);
      }
    }
  }

  async #fail(error: unknown): Promise<never> {
    await this.return();
    throw error;
  }

  /** The next data row of the current batch, evened out to the header's width; blank and total rows are noted. */
  #take(): SourceRow | undefined {
    const batch = this.#batch;
    while (!this.#done && this.#index < batch.length) {
      const row = batch[this.#index++];
      if (!row) continue;
      const cells = row.cells;
      if (isBlankRow(cells)) {
        this.#skip(row.line, 'blank');
        continue;
      }
      if (isTotalRow(cells)) {
        this.#skip(row.line, 'total');
        continue;
      }
      const { maxRows } = this.#setup;
      if (++this.#count > maxRows) {
        throw new AppError(
          'payload_too_large',
          `The file has more than ${maxRows.toLocaleString('en')} rows. Split it into smaller files and import them one at a time.`,
          { details: { maxRows, line: row.line } },
        );
      }
      // Cells past the header that are empty carry nothing; the filled ones stay for the caller to report.
      let end = cells.length;
      while (end > this.#width && cells[end - 1] === '') end--;
      if (end < cells.length) cells.length = end;
      while (cells.length < this.#width) cells.push('');
      return row;
    }
    return undefined;
  }

  #skip(line: number, reason: string): void {
    const skipped = this.#skipped;
    if (skipped.length < maxSkippedListed) skipped.push({ line, reason });
    else if (skipped.length === maxSkippedListed)
      skipped.push({ line, reason: 'more skipped rows, not listed' });
  }
}
