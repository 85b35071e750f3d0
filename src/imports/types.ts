/**
 * The import center's shared shapes: what reading a file yields, what mapping decides, and the
 * canonical fields of each entity (DESIGN.md §3).
 */

export const importEntities = [
  'customers',
  'products',
  'invoices',
  'payments',
  'inventory',
  'expenses',
  'leads',
] as const;
export type ImportEntity = (typeof importEntities)[number];

/** One data row of the source, with its 1-based row number in the file (or sheet) as people see it. */
export interface SourceRow {
  line: number;
  cells: string[];
}

export interface ReadOptions {
  /** Used to tell CSV from XLSX when the bytes are ambiguous, and for messages. */
  fileName?: string;
  /** XLSX: the sheet to read (name or 1-based index); default the first non-empty sheet. */
  sheet?: string;
  /** Refuse inputs larger than this many bytes (compressed size for XLSX). */
  maxBytes?: number;
  /** Refuse more data rows than this. */
  maxRows?: number;
}

/** A table read from a file, a paste or a link: its header row, then its rows as a stream. */
export interface ReadTable {
  format: 'csv' | 'tsv' | 'xlsx' | 'paste';
  /** 'utf-8', 'utf-16le', 'utf-16be', 'windows-1252' (text formats). */
  encoding?: string;
  delimiter?: string;
  sheet?: string;
  sheets?: string[];
  /** 1-based row number of the header row (title lines above it are skipped). */
  headerRow: number;
  headers: string[];
  /** Every data row after the header, cells as text exactly as written (ids keep leading zeros). */
  rows: AsyncIterable<SourceRow>;
  /** Rows recognised as totals or blank and left out, with their row numbers. */
  skipped: { line: number; reason: string }[];
}

export type FieldType =
  | 'text'
  | 'name'
  | 'phone'
  | 'email'
  | 'money'
  | 'date'
  | 'datetime'
  | 'number'
  | 'integer'
  | 'boolean'
  | 'id'
  | 'currency'
  | 'country';

export interface FieldSpec {
  /** Canonical field name (DESIGN.md §3). */
  name: string;
  type: FieldType;
  required?: boolean;
}

export type MappingReason =
  | 'remembered'
  | 'preset'
  | 'exact'
  | 'synonym'
  | 'fuzzy'
  | 'model'
  | 'manual'
  | 'none';

export interface ColumnMapping {
  /** Header text as in the file. */
  column: string;
  /** 0-based index of the column. */
  index: number;
  /** Canonical field, or null when the column is not imported. */
  field: string | null;
  /** 0–1. */
  confidence: number;
  reason: MappingReason;
}
