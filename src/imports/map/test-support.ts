/**
 * Test helpers for the mapper: a small stand-in for the normalise module's value checker (the mapper
 * takes it injected) and a reader for the export fixtures in tests/fixtures/imports/exports.
 */
import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import type { FieldType } from '../types.ts';

const money = /^-?(?:[A-Z]{3}\s?)?-?[\d,]+(?:\.\d+)?$/;
const patterns: Partial<Record<FieldType, RegExp>> = {
  email: /^[^@\s]+@[^@\s]+\.[^@\s]+$/,
  phone: /^\+?[\d\s*()-]{7,}$/,
  money,
  number: money,
  integer: /^-?\d+$/,
  date: /^\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}$/,
  datetime: /^\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}[ T]\d{1,2}:\d{2}/,
  boolean: /^(yes|no|true|false|1|0|ndiyo|hapana)$/i,
  currency: /^[A-Z]{3}$/,
  name: /^[\p{L}][\p{L}'.\- ]*$/u,
};

/**
 * Share of values that fit a type, by shape only. A leading apostrophe (how Shopify and spreadsheets
 * mark numbers to keep as text) is ignored, as the real checker does.
 */
export function looksLikeStub(type: FieldType, values: string[]): number {
  const pattern = patterns[type];
  if (!pattern || values.length === 0) return pattern ? 0 : 1;
  return values.filter((value) => pattern.test(value.trim().replace(/^'/, ''))).length / values.length;
}

export interface FixtureTable {
  headers: string[];
  rows: string[][];
  /** Values of each column, as mapColumns takes them. */
  samples: string[][];
}

/** Reads tests/fixtures/imports/exports/<name>. */
export function readExportFixture(name: string): FixtureTable {
  const text = readFileSync(
    new URL(`../../../tests/fixtures/imports/exports/${name}`, import.meta.url),
    'utf8',
  );
  const parsed = Papa.parse<string[]>(text, { skipEmptyLines: true });
  const [headers = [], ...rows] = parsed.data;
  return { headers, rows, samples: headers.map((_, index) => rows.map((row) => row[index] ?? '')) };
}
