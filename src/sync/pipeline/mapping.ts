/**
 * The business's field mappings, applied to an incoming record before anything else: a canonical
 * field can be taken from another place in the vendor's payload and transformed (date format, case,
 * value map, concat, split, lookup, default). Mappings whose direction is `outbound` or `off` do not
 * touch incoming records.
 */
import { sql } from 'drizzle-orm';
import { resultRows } from '../../../db/database.ts';
import { parseAmount } from '../../core/money.ts';
import { toE164 } from '../../core/phone.ts';
import type { SyncRecord } from '../records.ts';
import type { FieldMapping, Transform } from '../settings.ts';
import type { PipelineScope } from './scope.ts';

const moneyFields = new Set(['price', 'cost', 'total', 'amount']);
const numberFields = new Set(['stock_qty', 'qty', 'reorder_level']);
const instantFields = new Set(['ordered_at', 'paid_at']);

/** Reads `a.b.0.c` from a payload. */
export function readPath(value: unknown, path: string): unknown {
  let current = value;
  for (const part of path.split('.')) {
    if (current === null || current === undefined) return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}

function asText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  const text = String(value).trim();
  return text === '' ? null : text;
}

function titleCase(text: string): string {
  return text
    .toLowerCase()
    .replace(/(^|[\s'-])(\p{L})/gu, (_, before: string, letter: string) => before + letter.toUpperCase());
}

function parseDate(text: string, format: string): string | null {
  const parts =
    format === 'YYYYMMDD'
      ? /^(\d{4})(\d{2})(\d{2})/.exec(text)?.slice(1)
      : text.split(/[/.\-\sT]/).slice(0, 3);
  if (!parts || parts.length < 3) return null;
  const order =
    format === 'DD/MM/YYYY' || format === 'DD.MM.YYYY'
      ? [2, 1, 0]
      : format === 'MM/DD/YYYY'
        ? [2, 0, 1]
        : [0, 1, 2];
  const [year, month, day] = order.map((index) => Number(parts[index]));
  if (!year || !month || !day || month > 12 || day > 31) return null;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

const lookupColumns: Record<string, string> = {
  full_name: 'full_name',
  phone: 'phone',
  email: 'email',
  sku: 'sku',
  name: 'name',
  category: 'category',
  city: 'city',
};

async function lookup(
  scope: PipelineScope,
  transform: Extract<Transform, { kind: 'lookup' }>,
  value: string,
) {
  const table = transform.entity === 'customer' ? 'customers' : 'products';
  const by = transform.by === 'name' ? (table === 'customers' ? 'full_name' : 'name') : transform.by;
  const key = by === 'phone' ? (toE164(value, scope.tenant.region) ?? value) : value;
  const take = lookupColumns[transform.take] ?? 'id';
  const rows = resultRows<{ value: string | null }>(
    await scope.tx.execute(
      sql`select ${sql.raw(take)} as value from ${sql.raw(table)}
          where tenant_id = ${scope.tenant.id} and lower(${sql.raw(by)}) = lower(${key}) and merged_into is null limit 1`,
    ),
  );
  return rows[0]?.value ?? null;
}

async function applyTransform(
  scope: PipelineScope,
  record: SyncRecord,
  value: unknown,
  transform: Transform,
) {
  const text = asText(value);
  switch (transform.kind) {
    case 'default':
      return text ?? transform.value;
    case 'case':
      if (text === null) return null;
      return transform.to === 'upper'
        ? text.toUpperCase()
        : transform.to === 'lower'
          ? text.toLowerCase()
          : titleCase(text);
    case 'value_map':
      if (text === null) return transform.fallback ?? null;
      return transform.map[text] ?? transform.map[text.toLowerCase()] ?? transform.fallback ?? text;
    case 'concat':
      return (
        transform.from
          .map((path) => asText(readPath(record.raw, path) ?? readPath(record.fields, path)))
          .filter((part): part is string => part !== null)
          .join(transform.separator) || null
      );
    case 'split': {
      if (text === null) return null;
      const parts = text.split(transform.separator).map((part) => part.trim());
      return parts.at(transform.index) ?? null;
    }
    case 'date_format':
      return text === null ? null : parseDate(text, transform.format);
    case 'lookup':
      return text === null ? null : lookup(scope, transform, text);
  }
}

/** The value converted to the type its canonical field holds. */
function coerce(field: string, value: unknown, currency: string): unknown {
  if (value === null || value === undefined) return null;
  if (moneyFields.has(field) && typeof value !== 'number') return parseAmount(String(value), currency);
  if (numberFields.has(field) && typeof value !== 'number') return Number(value);
  if (instantFields.has(field) && !(value instanceof Date)) return new Date(String(value));
  return value;
}

/** The record with the business's inbound mappings applied. */
export async function applyFieldMappings(
  scope: PipelineScope,
  record: SyncRecord,
  mappings: readonly FieldMapping[],
): Promise<SyncRecord> {
  if (!record.fields) return record;
  const applicable = mappings.filter(
    (mapping) =>
      mapping.entity === record.entity && (mapping.direction === 'inbound' || mapping.direction === 'both'),
  );
  if (applicable.length === 0) return record;
  const fields: Record<string, unknown> = { ...record.fields };
  const currency = asText(fields.currency) ?? scope.tenant.currency;
  for (const mapping of applicable) {
    let value: unknown = mapping.from ? readPath(record.raw, mapping.from) : fields[mapping.field];
    for (const transform of mapping.transforms) value = await applyTransform(scope, record, value, transform);
    fields[mapping.field] = coerce(mapping.field, value, currency);
  }
  return { ...record, fields } as unknown as SyncRecord;
}
