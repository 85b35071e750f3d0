/**
 * data_quality and top_products on two demo businesses, checked against plain SQL written here, plus
 * cases built by hand (bad emails, merged records, web and POS orders). stock_risk is in stock-risk.test.ts.
 */
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import {
  addCustomer,
  addInvoice,
  addOrder,
  addProduct,
  count,
  expectedQuality,
  type Finding,
  foreignIds,
  invoiceSales,
  type LineInput,
  type QualityData,
  type TopData,
  useInsightsSuite,
} from './support.ts';

const suite = useInsightsSuite();

function byKind(data: QualityData): Map<string, Finding> {
  return new Map(data.findings.map((finding) => [finding.kind, finding]));
}

describe('data_quality', () => {
  it('counts the demo business’s mess exactly, with examples and fixes', async () => {
    const { data, text, parts } = await suite.call<QualityData>(suite.shopA, 'data_quality');
    const findings = byKind(data);
    const expected = await expectedQuality(suite.harness, suite.shopA.tenant.id);
    for (const [kind, n] of Object.entries(expected)) expect(findings.get(kind)?.count ?? 0, kind).toBe(n);
    // The demo is built with this mess in it.
    expect(expected.customers_without_phone).toBeGreaterThan(0);
    expect(expected.products_without_sku).toBe(3);
    expect(expected.invoices_without_customer).toBeGreaterThan(0);
    const open = await count(
      suite.harness,
      sql`select count(*) as n from invoices where tenant_id = ${suite.shopA.tenant.id} and customer_id is null
          and status = 'open' and total > amount_paid`,
    );
    expect(findings.get('invoices_without_customer')?.open).toBe(open);

    // Duplicates: the same numbers find_duplicates shows, and at least every shared phone.
    type Groups = { groups: { records: unknown[] }[] };
    const duplicates = await suite.call<Groups>(suite.shopA, 'find_duplicates', { limit: 100 });
    const extra = duplicates.data.groups.reduce((sum, group) => sum + group.records.length - 1, 0);
    const samePhone = await count(
      suite.harness,
      sql`
      select coalesce(sum(n - 1), 0) as n from (
        select count(*) as n from customers where tenant_id = ${suite.shopA.tenant.id} and merged_into is null
          and phone is not null group by phone having count(*) > 1) shared`,
    );
    expect(samePhone).toBeGreaterThan(0);
    const dup = findings.get('duplicate_customers');
    expect(dup?.count).toBe(extra);
    expect(dup?.count).toBeGreaterThanOrEqual(samePhone);
    expect(dup?.groups).toBe(duplicates.data.groups.length);
    expect(dup?.fix).toMatch(/merge_records/);
    expect(dup?.examples[0]?.merge_ids?.length).toBeGreaterThan(0);

    for (const finding of data.findings) {
      expect(finding.examples.length).toBe(
        Math.min(5, finding.kind === 'duplicate_customers' ? (dup?.groups ?? 0) : finding.count),
      );
      expect(finding.label).toMatch(/^\d+ /);
      expect(finding.fix.length).toBeGreaterThan(10);
    }
    expect(findings.get('invoices_without_customer')?.fix).toMatch(/assign a customer/i);
    expect(findings.get('customers_without_phone')?.fix).toMatch(/ask for the missing/i);
    expect(text).toMatch(
      new RegExp(`^${data.findings.length} kinds of problems: \\d+ possible duplicate customers`),
    );
    const table = parts[0];
    expect(table?.type === 'table' && table.columns.map((column) => column.label)).toEqual([
      'Issue',
      'Count',
      'Example',
      'Fix',
    ]);
    expect(table?.type === 'table' && table.rows.length).toBe(data.findings.length);
  });

  it('counts invalid emails and missing prices, and ignores merged records', async () => {
    const before = byKind((await suite.call<QualityData>(suite.shopA, 'data_quality')).data);
    const tenantId = suite.shopA.tenant.id;
    const people: [string, string | null, string | null][] = [
      ['Bad Email One', '+255754999001', 'one@gmail'],
      ['Bad Email Two', '+255754999002', 'two gmail.com'],
      ['Good Email', '+255754999003', 'good@example.co.tz'],
      ['Blank Phone', '  ', null],
    ];
    for (const [fullName, phone, email] of people)
      await addCustomer(suite.harness, tenantId, { fullName, phone, email });
    const keeper = await addCustomer(suite.harness, tenantId, {
      fullName: 'Keeper',
      phone: '+255754999004',
      email: null,
    });
    // Merged records are hidden: neither its missing phone nor its bad email counts.
    await addCustomer(suite.harness, tenantId, {
      fullName: 'Merged Away',
      phone: null,
      email: 'bad@',
      mergedInto: keeper,
    });
    await addProduct(suite.harness, tenantId, { name: 'Free sample', sku: 'FREE-1', price: 0 });
    await addProduct(suite.harness, tenantId, { name: 'Unpriced thing', sku: 'UNP-1', price: null });

    const { data, text } = await suite.call<QualityData>(suite.shopA, 'data_quality');
    const after = byKind(data);
    const grew = (kind: string) => (after.get(kind)?.count ?? 0) - (before.get(kind)?.count ?? 0);
    expect(grew('customers_invalid_email')).toBe(2);
    expect(grew('customers_without_phone')).toBe(1);
    expect(grew('products_without_price')).toBe(2);
    expect(
      after
        .get('customers_invalid_email')
        ?.examples.map((example) => example.detail)
        .sort(),
    ).toEqual(['one@gmail', 'two gmail.com']);
    expect(after.get('products_without_price')?.count).toBe(2);
    expect(text).toMatch(/2 customers with an invalid email/);
    expect(text).toMatch(/2 products without a price/);
    expect(JSON.stringify(data)).not.toContain('Merged Away');
  });

  it('sees only its own business', async () => {
    const { data } = await suite.call<QualityData>(suite.shopB, 'data_quality');
    const findings = byKind(data);
    const expected = await expectedQuality(suite.harness, suite.shopB.tenant.id);
    for (const [kind, n] of Object.entries(expected)) expect(findings.get(kind)?.count ?? 0, kind).toBe(n);
    // The bad emails and unpriced products added to duka-a are not here.
    expect(findings.has('customers_invalid_email')).toBe(false);
    expect(findings.has('products_without_price')).toBe(false);
    const ids = data.findings.flatMap((finding) =>
      finding.examples.flatMap((example) => [example.id, ...(example.merge_ids ?? [])]),
    );
    expect(ids.length).toBeGreaterThan(0);
    expect(await foreignIds(suite.harness, suite.shopB.tenant.id, ids)).toBe(0);
  });
});

describe('top_products', () => {
  it('ranks by revenue and by units, with exact money', async () => {
    const period = { from: '2026-10-01', to: '2026-10-31' };
    const expected = await invoiceSales(suite.harness, suite.shopA.tenant.id, period.from, period.to);
    const byRevenue = await suite.call<TopData>(suite.shopA, 'top_products', { ...period, limit: 5 });
    expect(byRevenue.data.products).toHaveLength(5);
    const best = [...expected.entries()].sort((a, b) => b[1].revenue - a[1].revenue);
    expect(byRevenue.data.products.map((row) => row.product_id)).toEqual(best.slice(0, 5).map(([id]) => id));
    for (const row of byRevenue.data.products) {
      expect(row.revenue.minor).toBe(expected.get(row.product_id)?.revenue);
      expect(Number.isInteger(row.revenue.minor)).toBe(true);
      expect(row.quantity).toBe(expected.get(row.product_id)?.quantity);
    }
    const total = [...expected.values()].reduce((sum, entry) => sum + entry.revenue, 0);
    expect(byRevenue.data.totals).toEqual([
      expect.objectContaining({
        currency: 'TZS',
        products: expected.size,
        revenue: expect.objectContaining({ minor: total }),
      }),
    ]);
    expect(byRevenue.text).toContain(
      `1. ${byRevenue.data.products[0]?.name}: ${byRevenue.data.products[0]?.revenue.display}`,
    );

    const byQuantity = await suite.call<TopData>(suite.shopA, 'top_products', {
      ...period,
      by: 'quantity',
      limit: 10,
    });
    const quantities = byQuantity.data.products.map((row) => row.quantity);
    expect(quantities).toEqual([...quantities].sort((a, b) => b - a));
    expect(quantities[0]).toBe(Math.max(...[...expected.values()].map((entry) => entry.quantity)));
    for (const row of byQuantity.data.products)
      expect(row.quantity).toBe(expected.get(row.product_id)?.quantity);
  });

  it('counts completed orders once, on their local date, and groups unnamed lines by description', async () => {
    const tenantId = suite.shopA.tenant.id;
    const router = await addProduct(suite.harness, tenantId, {
      name: 'Test router',
      sku: 'RTR-T',
      price: 10_000_000,
    });
    const line = (productId: string | null, description: string, quantity: number, unitPrice: number) => ({
      productId,
      description,
      quantity,
      unitPrice,
    });
    const routers = (quantity: number) => line(router, 'Router', quantity, 10_000_000);
    const orders: [string, string, string, LineInput[]][] = [
      // 22:30 UTC on 31 Oct is 01:30 on 1 Nov in Dar es Salaam; 20:00 UTC is still 31 Oct there.
      ['W-1', '2026-10-31T22:30:00Z', 'completed', [routers(2), line(null, 'Gift wrap', 1, 200_000)]],
      ['W-2', '2026-11-05T10:00:00Z', 'completed', [line(null, 'gift wrap ', 2, 200_000)]],
      ['W-3', '2026-11-06T10:00:00Z', 'open', [routers(5)]],
      ['W-4', '2026-10-31T20:00:00Z', 'completed', [routers(4)]],
      ['POS-5', '2026-11-02T08:00:00Z', 'completed', [routers(1)]],
    ];
    const connection = crypto.randomUUID();
    for (const [number, orderedAt, status, lines] of orders)
      await addOrder(suite.harness, tenantId, connection, { number, orderedAt, status, lines });
    // The POS sale produced its own invoice (src/sync/pipeline/orders.ts): counted once.
    await addInvoice(suite.harness, tenantId, {
      number: 'POS-5',
      issueDate: '2026-11-02',
      lines: [routers(1)],
      source: { id: connection, externalId: 'order:POS-5' },
    });
    await addInvoice(suite.harness, tenantId, {
      number: 'VOID-1',
      issueDate: '2026-11-03',
      status: 'void',
      lines: [routers(7)],
    });

    const november = await suite.call<TopData>(suite.shopA, 'top_products', {
      from: '2026-11-01',
      to: '2026-11-23',
      limit: 50,
    });
    const routerRow = november.data.products.find((row) => row.product_id === router);
    expect(routerRow).toMatchObject({
      name: 'Test router',
      sku: 'RTR-T',
      quantity: 3,
      revenue: { minor: 30_000_000 },
    });
    const wrapRow = november.data.products.find((row) => row.name === 'Gift wrap');
    expect(wrapRow).toMatchObject({ product_id: null, quantity: 3, revenue: { minor: 600_000 } });
    const lastDay = await suite.call<TopData>(suite.shopA, 'top_products', {
      from: '2026-10-31',
      to: '2026-10-31',
      limit: 50,
    });
    expect(lastDay.data.products.find((row) => row.product_id === router)).toMatchObject({
      quantity: 4,
      revenue: { minor: 40_000_000 },
    });
    // Ranks follow revenue.
    const revenues = november.data.products.map((row) => row.revenue.minor);
    expect(revenues).toEqual([...revenues].sort((a, b) => b - a));
    expect(november.data.products.map((row) => row.rank)).toEqual(
      november.data.products.map((_, index) => index + 1),
    );
  });

  it('rejects a period that ends before it starts', async () => {
    const outcome = await suite.registry.call(
      suite.harness.deps,
      suite.shopA,
      'top_products',
      { from: '2026-11-10', to: '2026-11-01' },
      { surface: 'cli' },
    );
    expect(outcome.status === 'error' && outcome.error.code).toBe('bad_request');
  });

  it('sees only its own products', async () => {
    const top = await suite.call<TopData>(suite.shopB, 'top_products', {
      from: '2026-01-01',
      to: '2026-11-23',
      limit: 50,
    });
    expect(
      top.data.products.some((entry) => entry.name.startsWith('Test ') || entry.name === 'Gift wrap'),
    ).toBe(false);
    const expected = await invoiceSales(suite.harness, suite.shopB.tenant.id, '2026-01-01', '2026-11-23');
    const total = [...expected.values()].reduce((sum, entry) => sum + entry.revenue, 0);
    expect(top.data.totals[0]?.revenue.minor).toBe(total);
    const ids = top.data.products.flatMap((entry) => (entry.product_id ? [entry.product_id] : []));
    expect(await foreignIds(suite.harness, suite.shopB.tenant.id, ids)).toBe(0);
  });
});
