/**
 * The row pipeline shared by preview and commit: normalise each mapped cell, check required fields,
 * find duplicates inside the file and against existing records, in batches, streaming.
 */
import { sql } from 'drizzle-orm';
import type { Database } from '../../db/database.ts';
import type { TenantContext } from '../core/context.ts';
import type { Rules } from '../rules/catalogue.ts';
import { loadRules } from '../rules/store.ts';
import type { CanonicalRecord, EntityWriter } from './entities/index.ts';
import { KeyIndex } from './key-index.ts';
import { parseMpesaDetails } from './map/index.ts';
import { normaliserFor } from './normalise/index.ts';
import type { ImportPlan } from './plan.ts';
import type { SourceRow } from './types.ts';

export interface RowIssue {
  line: number;
  column?: string;
  field?: string;
  message: string;
}

export interface ProcessedRow {
  line: number;
  record: CanonicalRecord | null;
  issues: RowIssue[];
  /** Line of the first row in this file with the same key. */
  duplicateOfLine?: number;
  /** Existing record with the same key. */
  existingId?: string;
  /**
   * Existing record with the same key when the business asked to be asked before merging: the row
   * is created as a new record and a merge review is queued for the owner.
   */
  reviewOf?: { id: string; matchedOn: string };
  /** Which key matched the existing record. */
  matchedOn?: string;
  skipReason?: string;
}

export const batchSize = 2000;

/** Which fields a record must have, per entity: one of each group. */
const requiredGroups: Record<string, string[][]> = {
  customers: [['full_name', 'first_name', 'last_name', 'phone', 'email']],
  products: [['name', 'sku']],
  invoices: [['number'], ['total'], ['issue_date']],
  payments: [['amount'], ['paid_at']],
  inventory: [['sku'], ['qty']],
  expenses: [['date'], ['amount']],
  leads: [['full_name', 'first_name', 'email', 'phone']],
};

/**
 * A 53-bit hash of a key: the in-file duplicate check keeps numbers, not strings, so a million-row
 * file costs tens of megabytes, not hundreds. (Two different keys share a hash about once in 2^53.)
 */
function hashKey(text: string): number {
  let high = 0xdeadbeef;
  let low = 0x41c6ce57;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    high = Math.imul(high ^ code, 2654435761);
    low = Math.imul(low ^ code, 1597334677);
  }
  high = Math.imul(high ^ (high >>> 16), 2246822507) ^ Math.imul(low ^ (low >>> 13), 3266489909);
  low = Math.imul(low ^ (low >>> 16), 2246822507) ^ Math.imul(high ^ (high >>> 13), 3266489909);
  return 4294967296 * (2097151 & low) + (high >>> 0);
}

function keyValue(value: unknown, caseInsensitive = true): string | null {
  if (value === null || value === undefined || value === '') return null;
  return caseInsensitive ? String(value).toLowerCase() : String(value);
}

export function makeRowNormaliser(context: TenantContext, plan: ImportPlan) {
  const normaliserContext = {
    region: context.tenant.region,
    currency: context.tenant.currency,
    timeZone: context.tenant.timezone,
    dateOrder: plan.dateOrder,
  };
  const columns = plan.mapping
    .filter((column) => column.field !== null)
    .map((column) => {
      const spec = plan.fields.find((field) => field.name === column.field);
      const dates = plan.dateColumns[column.index];
      const columnContext = dates
        ? { ...normaliserContext, dateOrder: dates.order, excelSerials: dates.excelSerials }
        : normaliserContext;
      return {
        column,
        field: column.field as string,
        normalise: normaliserFor(spec?.type ?? 'text', columnContext),
      };
    });
  const isMpesa = plan.preset?.system.startsWith('mpesa') ?? false;
  // Exports with one row per line item (Shopify, WooCommerce orders) repeat the order number on
  // each further line, with the order's totals only on its first row.
  const lineItems = plan.preset?.rowShape === 'one-per-line-item';
  const numberColumn = lineItems
    ? columns.find((entry) => entry.field === 'number')?.column.index
    : undefined;
  let lastNumber: string | null = null;
  return (row: SourceRow): ProcessedRow => {
    if (numberColumn !== undefined) {
      const number = (row.cells[numberColumn] ?? '').trim();
      if (number !== '' && number === lastNumber) {
        return { line: row.line, record: null, issues: [], skipReason: `another line of ${number}` };
      }
      lastNumber = number;
    }
    const record: CanonicalRecord = {};
    const issues: RowIssue[] = [];
    for (const { column, field, normalise } of columns) {
      const raw = row.cells[column.index] ?? '';
      if (raw.trim() === '') continue;
      const result = normalise(raw);
      if (result.ok) {
        if (result.value !== null && result.value !== undefined) record[field] = result.value;
      } else {
        issues.push({
          line: row.line,
          column: column.column,
          field,
          message: `${column.column}: ${result.error}`,
        });
        // Keep what people wrote where a field failed to normalise, so nothing is lost.
        if (field === 'phone')
          record.notes = [record.notes, `Phone as written: ${raw}`].filter(Boolean).join('; ');
      }
    }
    if (isMpesa) {
      // Statements put the payer in "Details"; withdrawals are not payments received.
      if (record.amount === undefined)
        return {
          line: row.line,
          record: null,
          issues: [],
          skipReason: 'money paid out, not a payment received',
        };
      const details = parseMpesaDetails(String(record.payer_name ?? record.notes ?? ''));
      if (details.payerName) record.payer_name = details.payerName;
      if (details.phone && !record.phone && !details.phone.includes('*')) record.phone = details.phone;
      if (details.invoiceNumber && !record.invoice_number) record.invoice_number = details.invoiceNumber;
      // The statement's "Reason Type" (Pay Bill Online, Buy Goods…) is how, not what: all of it is M-Pesa.
      record.method = 'mpesa';
    }
    const missing = (requiredGroups[plan.entity] ?? []).filter(
      (group) => !group.some((field) => record[field] !== undefined),
    );
    for (const group of missing) {
      issues.push({ line: row.line, message: `missing ${group.join(' or ')}` });
    }
    return { line: row.line, record: missing.length > 0 ? null : record, issues };
  };
}

/**
 * Streams processed rows in batches, each row marked when it repeats an earlier row of the file or
 * an existing record of the business (matched on the writer's keys, strongest first).
 */
export async function* processRows(
  db: Database,
  context: TenantContext,
  writer: EntityWriter,
  plan: ImportPlan,
  rows: AsyncIterable<SourceRow>,
): AsyncGenerator<ProcessedRow[]> {
  const normaliseRow = makeRowNormaliser(context, plan);
  const rules = await loadRules(db, context.tenant.id);
  const keys = dedupKeys(writer, rules);
  const seen = keys.map(() => new KeyIndex());
  let batch: ProcessedRow[] = [];
  const flush = async () => {
    await markExisting(db, context.tenant.id, writer, keys, batch);
    if (rules.ask_before_merge && reviewable.has(writer.entity)) {
      for (const row of batch) {
        if (!row.existingId) continue;
        row.reviewOf = { id: row.existingId, matchedOn: row.matchedOn ?? 'key' };
        delete row.existingId;
      }
    }
    const done = batch;
    batch = [];
    return done;
  };
  for await (const row of rows) {
    const processed = normaliseRow(row);
    if (processed.record) {
      keys.forEach((key, index) => {
        const value = keyValue(processed.record?.[key.field], key.caseInsensitive);
        if (value === null || processed.duplicateOfLine !== undefined) return;
        const first = (seen[index] as KeyIndex).firstOrRemember(hashKey(value), row.line);
        if (first !== undefined) processed.duplicateOfLine = first;
      });
    }
    batch.push(processed);
    if (batch.length >= batchSize) yield await flush();
  }
  if (batch.length > 0) yield await flush();
}

/**
 * The values as one Postgres array literal: one bind parameter whatever the batch size, so the
 * statement is prepared once and reused for every batch.
 */
export function arrayLiteral(values: readonly string[]): string {
  return `{${values.map((value) => `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`).join(',')}}`;
}

/** Entities whose possible duplicates the owner can review and merge. */
const reviewable = new Set(['customers', 'products']);

/** The writer's identity keys that the business's dedup rules allow ("same phone means same customer"). */
export function dedupKeys(writer: EntityWriter, rules: Rules): EntityWriter['keys'] {
  const allowed: Record<string, Record<string, boolean>> = {
    customers: { phone: rules.merge_customers_by_phone, email: rules.merge_customers_by_email },
    products: { sku: rules.merge_products_by_sku },
  };
  const byField = allowed[writer.entity];
  return byField ? writer.keys.filter((key) => byField[key.field] ?? true) : writer.keys;
}

async function markExisting(
  db: Database,
  tenantId: string,
  writer: EntityWriter,
  keys: EntityWriter['keys'],
  batch: ProcessedRow[],
): Promise<void> {
  for (const key of keys) {
    const keyOf = (row: ProcessedRow) => keyValue(row.record?.[key.field], key.caseInsensitive);
    const candidates = batch.filter(
      (row) => row.record && row.existingId === undefined && keyOf(row) !== null,
    );
    if (candidates.length === 0) continue;
    const values = [...new Set(candidates.map((row) => keyOf(row) as string))];
    // The expression matches the expression indexes (see the migrations), so this is an index look-up.
    const expression = key.caseInsensitive ? sql.raw(`lower(${key.column})`) : sql.raw(key.column);
    const found = await db.rows<{ id: string; key: string }>(
      sql`select id, ${expression} as key from ${sql.raw(writer.tableName)}
          where tenant_id = ${tenantId} and ${expression} = any(${arrayLiteral(values)}::text[])
          ${writer.tableName === 'customers' || writer.tableName === 'products' ? sql`and merged_into is null` : sql``}`,
    );
    const byKey = new Map(found.map((row) => [row.key, row.id]));
    for (const row of candidates) {
      const id = byKey.get(keyOf(row) as string);
      if (id) {
        row.existingId = id;
        row.matchedOn = key.field;
      }
    }
  }
}
