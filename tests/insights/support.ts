/** The insights tests' setup, rows built by hand, plain-SQL expectations and the tools' data shapes. */
import { type SQL, sql } from 'drizzle-orm';
import { afterAll, beforeAll } from 'vitest';
import { customers, invoiceLines, invoices, orderLines, orders, products } from '../../db/schema/index.ts';
import type { ReplyPart } from '../../src/agent/reply-parts.ts';
import type { TenantContext } from '../../src/core/context.ts';
import type { ToolRegistry } from '../../src/tools/registry.ts';
import { createHarness, type Harness } from '../support/harness.ts';
import { ok } from '../support/outcomes.ts';

interface MoneyView {
  minor: number;
  currency: string;
  display: string;
}

export interface Finding {
  kind: string;
  count: number;
  groups?: number;
  open?: number;
  label: string;
  fix: string;
  examples: { id: string; name: string; detail?: string; merge_ids?: string[] }[];
}
export interface QualityData {
  findings: Finding[];
  total: number;
}

export interface TopRow {
  rank: number;
  product_id: string | null;
  name: string;
  sku: string | null;
  quantity: number;
  revenue: MoneyView;
  share: number;
}
export interface TopData {
  from: string;
  to: string;
  by: string;
  products: TopRow[];
  totals: { currency: string; quantity: number; revenue: MoneyView; products: number }[];
}

export interface RiskRow {
  product_id: string;
  name: string;
  status: 'out_of_stock' | 'low_cover' | 'below_reorder_level';
  stock: number;
  reorder_level: number | null;
  sold: number;
  per_day: number;
  days_of_cover: number | null;
}
export interface RiskData {
  as_of: string;
  days: number;
  products: RiskRow[];
  total: number;
}

export async function addCustomer(
  harness: Harness,
  tenantId: string,
  fields: { fullName: string; phone: string | null; email: string | null; mergedInto?: string },
): Promise<string> {
  const [row] = await harness.db.orm
    .insert(customers)
    .values({ tenantId, ...fields })
    .returning({ id: customers.id });
  return (row as { id: string }).id;
}

export async function addProduct(
  harness: Harness,
  tenantId: string,
  fields: {
    name: string;
    sku: string | null;
    price: number | null;
    stockQty?: number;
    reorderLevel?: number;
  },
): Promise<string> {
  const [row] = await harness.db.orm
    .insert(products)
    .values({ tenantId, currency: 'TZS', ...fields })
    .returning({ id: products.id });
  return (row as { id: string }).id;
}

export interface LineInput {
  productId: string | null;
  description: string;
  quantity: number;
  unitPrice: number;
}

/** A paid invoice with its lines; the total is the sum of the lines. */
export async function addInvoice(
  harness: Harness,
  tenantId: string,
  invoice: {
    number: string;
    issueDate: string;
    lines: LineInput[];
    status?: 'paid' | 'open' | 'void';
    currency?: string;
    customerId?: string | null;
    source?: { id: string; externalId: string };
  },
): Promise<string> {
  const total = invoice.lines.reduce((sum, line) => sum + line.quantity * line.unitPrice, 0);
  const [row] = await harness.db.orm
    .insert(invoices)
    .values({
      tenantId,
      number: invoice.number,
      customerId: invoice.customerId ?? null,
      issueDate: invoice.issueDate,
      dueDate: invoice.issueDate,
      total,
      amountPaid: invoice.status === 'open' ? 0 : total,
      currency: invoice.currency ?? 'TZS',
      status: invoice.status ?? 'paid',
      ...(invoice.source
        ? { sourceKind: 'connection', sourceId: invoice.source.id, externalId: invoice.source.externalId }
        : {}),
    })
    .returning({ id: invoices.id });
  const invoiceId = (row as { id: string }).id;
  await harness.db.orm
    .insert(invoiceLines)
    .values(
      invoice.lines.map((line) => ({ tenantId, invoiceId, ...line, total: line.quantity * line.unitPrice })),
    );
  return invoiceId;
}

/** A web or POS order; its external id (from connection `sourceId`) is its number. */
export async function addOrder(
  harness: Harness,
  tenantId: string,
  sourceId: string,
  order: { number: string; orderedAt: string; status: string; lines: LineInput[] },
): Promise<void> {
  const total = order.lines.reduce((sum, line) => sum + line.quantity * line.unitPrice, 0);
  const [row] = await harness.db.orm
    .insert(orders)
    .values({
      tenantId,
      number: order.number,
      orderedAt: new Date(order.orderedAt),
      total,
      currency: 'TZS',
      status: order.status,
      sourceKind: 'connection',
      sourceId,
      externalId: order.number,
    })
    .returning({ id: orders.id });
  const orderId = (row as { id: string }).id;
  await harness.db.orm
    .insert(orderLines)
    .values(
      order.lines.map((line) => ({ tenantId, orderId, ...line, total: line.quantity * line.unitPrice })),
    );
}

/** Rows of a one-column count query. */
export async function count(harness: Harness, query: SQL): Promise<number> {
  const [row] = await harness.db.rows<{ n: unknown }>(query);
  return Number(row?.n ?? 0);
}

/** How many of these customer, product or invoice ids belong to another business. */
export function foreignIds(harness: Harness, tenantId: string, ids: string[]): Promise<number> {
  return count(
    harness,
    sql`select count(*) as n from (
      select id, tenant_id from customers union all select id, tenant_id from products
      union all select id, tenant_id from invoices) everything
    where id = any(${`{${ids.join(',')}}`}::uuid[]) and tenant_id <> ${tenantId}`,
  );
}

/** The data_quality counts, each from one plain query of its own. */
export async function expectedQuality(harness: Harness, tenantId: string): Promise<Record<string, number>> {
  const live = sql`tenant_id = ${tenantId} and merged_into is null`;
  const of = (query: SQL) => count(harness, query);
  return {
    customers_without_phone: await of(
      sql`select count(*) as n from customers where ${live} and coalesce(trim(phone), '') = ''`,
    ),
    customers_invalid_email: await of(
      sql`select count(*) as n from customers where ${live} and email is not null and email <> ''
          and email !~ '^[^ @]+@[^ @]+\\.[a-zA-Z]+$'`,
    ),
    products_without_sku: await of(
      sql`select count(*) as n from products where ${live} and (sku is null or sku = '')`,
    ),
    invoices_without_customer: await of(
      sql`select count(*) as n from invoices where tenant_id = ${tenantId} and customer_id is null and status <> 'void'`,
    ),
    products_without_price: await of(
      sql`select count(*) as n from products where ${live} and (price is null or price = 0)`,
    ),
  };
}

/** Invoice lines of a period summed per product in plain SQL (the demo has no orders). */
export async function invoiceSales(harness: Harness, tenantId: string, from: string, to: string) {
  const rows = await harness.db.rows<{ product_id: string | null; revenue: unknown; quantity: unknown }>(sql`
    select l.product_id, sum(l.total) as revenue, sum(l.quantity) as quantity
    from invoice_lines l join invoices i on i.id = l.invoice_id
    where i.tenant_id = ${tenantId} and i.status <> 'void' and i.issue_date between ${from} and ${to}
    group by l.product_id`);
  return new Map(
    rows.map((row) => [row.product_id, { revenue: Number(row.revenue), quantity: Number(row.quantity) }]),
  );
}

export interface InsightsSuite {
  harness: Harness;
  registry: ToolRegistry;
  shopA: TenantContext;
  shopB: TenantContext;
  call<T>(
    context: TenantContext,
    name: string,
    input?: Record<string, unknown>,
  ): Promise<{ data: T; text: string; parts: ReplyPart[] }>;
}

/**
 * Two demo businesses on one database and a registry with the insights tools, set up before the
 * file's tests and closed after them. The fields are filled in by `beforeAll`.
 */
export function useInsightsSuite(): InsightsSuite {
  const suite = {} as InsightsSuite;
  beforeAll(async () => {
    suite.harness = await createHarness({ demo: ['duka-a', 'duka-b'] });
    suite.registry = suite.harness.registry;
    suite.shopA = await suite.harness.context('duka-a');
    suite.shopB = await suite.harness.context('duka-b');
    suite.call = async <T>(context: TenantContext, name: string, input: Record<string, unknown> = {}) => {
      const outcome = ok(
        await suite.registry.call(suite.harness.deps, context, name, input, { surface: 'cli' }),
      );
      return { data: outcome.data as T, text: outcome.text, parts: outcome.parts ?? [] };
    };
  });
  afterAll(() => suite.harness.close());
  return suite;
}
