/**
 * Exports of any entity as CSV or XLSX, in the canonical field names, streamed page by page.
 * Text cells that a spreadsheet would run as a formula (starting with = + - @, tab or carriage
 * return) are prefixed with an apostrophe, so an exported customer name cannot become a formula.
 */
import { sql } from 'drizzle-orm';
import type { Deps, TenantContext } from '../core/context.ts';
import { toDecimalString } from '../core/money.ts';
import type { ImportEntity } from './types.ts';

type Kind = 'text' | 'number' | 'money';

/** Canonical field → SQL expression, per entity; money columns pair with the row's currency. */
const exportColumns: Record<ImportEntity, { table: string; columns: [string, string, Kind][] }> = {
  customers: {
    table: 'customers',
    columns: [
      ['full_name', 'full_name', 'text'],
      ['first_name', 'first_name', 'text'],
      ['last_name', 'last_name', 'text'],
      ['phone', 'phone', 'text'],
      ['email', 'email', 'text'],
      ['company', 'company', 'text'],
      ['street', 'street', 'text'],
      ['city', 'city', 'text'],
      ['region', 'region', 'text'],
      ['postal_code', 'postal_code', 'text'],
      ['country', 'country', 'text'],
      ['tags', "array_to_string(tags, ', ')", 'text'],
      ['notes', 'notes', 'text'],
    ],
  },
  products: {
    table: 'products',
    columns: [
      ['sku', 'sku', 'text'],
      ['name', 'name', 'text'],
      ['description', 'description', 'text'],
      ['category', 'category', 'text'],
      ['price', 'price', 'money'],
      ['cost', 'cost', 'money'],
      ['currency', 'currency', 'text'],
      ['stock_qty', 'stock_qty', 'number'],
      ['reorder_level', 'reorder_level', 'number'],
      ['barcode', 'barcode', 'text'],
      ['unit', 'unit', 'text'],
    ],
  },
  invoices: {
    table: 'invoices',
    columns: [
      ['number', 'number', 'text'],
      ['customer', '(select full_name from customers c where c.id = customer_id)', 'text'],
      ['issue_date', 'issue_date::text', 'text'],
      ['due_date', 'due_date::text', 'text'],
      ['total', 'total', 'money'],
      ['amount_paid', 'amount_paid', 'money'],
      ['balance', 'balance', 'money'],
      ['currency', 'currency', 'text'],
      ['status', 'status', 'text'],
    ],
  },
  payments: {
    table: 'payments',
    columns: [
      ['reference', 'reference', 'text'],
      ['payer_name', 'payer_name', 'text'],
      ['phone', 'phone', 'text'],
      ['amount', 'amount', 'money'],
      ['currency', 'currency', 'text'],
      ['paid_at', 'to_char(paid_at at time zone \'UTC\', \'YYYY-MM-DD"T"HH24:MI:SS"Z"\')', 'text'],
      ['method', 'method', 'text'],
      ['invoice_number', 'invoice_number', 'text'],
    ],
  },
  inventory: {
    table: 'inventory_levels',
    columns: [
      ['sku', 'sku', 'text'],
      ['location', 'location', 'text'],
      ['qty', 'qty', 'number'],
    ],
  },
  expenses: {
    table: 'expenses',
    columns: [
      ['date', 'date::text', 'text'],
      ['category', 'category', 'text'],
      ['description', 'description', 'text'],
      ['amount', 'amount', 'money'],
      ['currency', 'currency', 'text'],
      ['vendor', 'vendor', 'text'],
    ],
  },
  leads: {
    table: 'leads',
    columns: [
      ['full_name', 'full_name', 'text'],
      ['first_name', 'first_name', 'text'],
      ['last_name', 'last_name', 'text'],
      ['email', 'email', 'text'],
      ['phone', 'phone', 'text'],
      ['company', 'company', 'text'],
      ['source', 'source', 'text'],
      ['campaign', 'campaign', 'text'],
      ['status', 'status', 'text'],
      ['score', 'score', 'number'],
    ],
  },
};

/** Neutralises spreadsheet formulas in text cells. */
export function safeCell(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

const pageSize = 5000;

/** Rows of an entity as arrays of display strings, header first, page by page. */
export async function* exportRows(
  deps: Deps,
  context: TenantContext,
  entity: ImportEntity,
): AsyncGenerator<string[][]> {
  const spec = exportColumns[entity];
  yield [spec.columns.map(([name]) => name)];
  const hasMerge = spec.table === 'customers' || spec.table === 'products';
  const select = sql.raw(spec.columns.map(([name, expression]) => `${expression} as "${name}"`).join(', '));
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const rows = await deps.db.rows<Record<string, unknown>>(sql`
      select id, ${select}${spec.columns.some(([, , kind]) => kind === 'money') ? sql`, currency as "__currency"` : sql``}
      from ${sql.raw(spec.table)}
      where tenant_id = ${context.tenant.id} and id > ${after} ${hasMerge ? sql`and merged_into is null` : sql``}
      order by id limit ${pageSize}`);
    if (rows.length === 0) return;
    yield rows.map((row) =>
      spec.columns.map(([name, , kind]) => {
        const value = row[name];
        if (value === null || value === undefined) return '';
        if (kind === 'money')
          return toDecimalString(Number(value), String(row.__currency ?? context.tenant.currency));
        if (kind === 'number') return String(value);
        return safeCell(String(value));
      }),
    );
    after = String(rows[rows.length - 1]?.id);
    if (rows.length < pageSize) return;
  }
}

function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** CSV (UTF-8 with a byte-order mark, so Excel reads Swahili and accents right), chunk by chunk. */
export async function* exportCsv(
  deps: Deps,
  context: TenantContext,
  entity: ImportEntity,
): AsyncGenerator<Uint8Array> {
  const encoder = new TextEncoder();
  yield new Uint8Array([0xef, 0xbb, 0xbf]);
  for await (const page of exportRows(deps, context, entity)) {
    yield encoder.encode(page.map((row) => `${row.map(csvField).join(',')}\r\n`).join(''));
  }
}
