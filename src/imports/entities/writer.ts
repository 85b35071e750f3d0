/**
 * How imported records become rows: per entity, the table, the keys that identify a record (for
 * duplicates in the file and against existing data), and the conversion from canonical values to
 * columns. One writer per entity, in its own file.
 */
import type { PgTable } from 'drizzle-orm/pg-core';
import type { ImportEntity } from '../types.ts';

/** A record after normalising: canonical field → value (money as { minor, currency }). */
export type CanonicalRecord = Record<string, unknown>;

export interface Money {
  minor: number;
  currency: string;
}

export interface WriterContext {
  tenantId: string;
  importId: string;
  currency: string;
  /** Resolves a customer named in a row (name, phone or email) to an existing customer id. */
  customerId(reference: unknown): string | null;
}

export interface EntityWriter {
  entity: ImportEntity;
  table: PgTable;
  /** The table's name in SQL, for key look-ups. */
  tableName: string;
  /**
   * Identity keys, strongest first: canonical field → the SQL column holding the same normalised
   * value (compared lowercased when `caseInsensitive`, through an expression index). A record
   * matches an existing one on the first key both have.
   */
  keys: { field: string; column: string; caseInsensitive?: boolean }[];
  /** Canonical record → drizzle insert values (without tenant, provenance, ids). */
  toRow(record: CanonicalRecord, context: WriterContext): Record<string, unknown>;
  /** The event a new record emits, if any. */
  createdEvent?: 'product.created' | 'invoice.created' | 'payment.received' | 'lead.created';
}

export function money(value: unknown): Money | null {
  if (value && typeof value === 'object' && 'minor' in value && 'currency' in value) return value as Money;
  return null;
}

export function text(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  const result = String(value).trim();
  return result === '' ? null : result;
}

export function number(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}
