/**
 * stock_risk on the demo business: a TV about to run out built by hand (stock 3, reorder level 5,
 * 45 sold in 30 days → 2 days of cover), the urgency order, and the whole flagged set against plain SQL.
 */
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import {
  addInvoice,
  addProduct,
  foreignIds,
  invoiceSales,
  type RiskData,
  type RiskRow,
  useInsightsSuite,
} from './support.ts';

const suite = useInsightsSuite();

describe('stock_risk', () => {
  it('flags a TV about to run out with the right days of cover, most urgent first', async () => {
    const tenantId = suite.shopA.tenant.id;
    const product = (name: string, stockQty: number | undefined, reorderLevel?: number) =>
      addProduct(suite.harness, tenantId, {
        name,
        sku: name.toUpperCase().replace(/ /g, '-'),
        price: 42_000_000,
        stockQty,
        reorderLevel,
      });
    const tv = await product('Test TV 32', 3, 5);
    const cable = await product('Test cable', 0, 2);
    const plenty = await product('Test plenty', 500, 10);
    const untracked = await product('Test untracked', undefined);
    const slow = await product('Test slow', 4, 5);
    const sell = (productId: string, issueDate: string, quantity: number, status: 'paid' | 'void' = 'paid') =>
      addInvoice(suite.harness, tenantId, {
        number: `T-${productId.slice(0, 6)}-${issueDate}-${status}`,
        issueDate,
        status,
        lines: [{ productId, description: 'x', quantity, unitPrice: 42_000_000 }],
      });
    // 45 TVs in the 30 days from 25 Oct to today (23 Nov): 1.5 a day, 3 in stock → 2 days of cover.
    await sell(tv, '2026-10-25', 15);
    await sell(tv, '2026-11-10', 15);
    await sell(tv, '2026-11-23', 15);
    await sell(tv, '2026-10-24', 100); // the day before the window
    await sell(tv, '2026-11-20', 50, 'void');
    for (const id of [cable, plenty, untracked]) await sell(id, '2026-11-15', 30);

    const { data, text } = await suite.call<RiskData>(suite.shopA, 'stock_risk', { limit: 100 });
    const row = data.products.find((entry) => entry.product_id === tv);
    expect(row).toMatchObject({
      status: 'low_cover',
      stock: 3,
      reorder_level: 5,
      sold: 45,
      per_day: 1.5,
      days_of_cover: 2,
    });
    expect(text).toContain(
      'Restock Test TV 32: 3 left, reorder level 5, selling 1.5 a day → 2 days of cover',
    );
    expect(data.products.find((entry) => entry.product_id === cable)).toMatchObject({
      status: 'out_of_stock',
      sold: 30,
    });
    expect(data.products.find((entry) => entry.product_id === slow)).toMatchObject({
      status: 'below_reorder_level',
      days_of_cover: null,
    });
    const ids = data.products.map((entry) => entry.product_id);
    expect(ids).not.toContain(plenty);
    expect(ids).not.toContain(untracked);

    // Urgency: out of stock first, then fewest days of cover, products that sold nothing last.
    const rank = (entry: RiskRow) =>
      entry.stock <= 0 ? -1 : (entry.days_of_cover ?? Number.POSITIVE_INFINITY);
    const ranks = data.products.map(rank);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));

    // The whole flagged set, from invoice lines in plain SQL.
    const sold = await invoiceSales(suite.harness, tenantId, '2026-10-25', '2026-11-23');
    const stock = await suite.harness.db.rows<{ id: string; stock_qty: unknown; reorder_level: unknown }>(sql`
      select id, stock_qty, reorder_level from products where tenant_id = ${tenantId} and merged_into is null and stock_qty is not null`);
    const flagged = stock.filter((entry) => {
      const qty = Number(entry.stock_qty);
      const perDay = (sold.get(entry.id)?.quantity ?? 0) / 30;
      return (
        qty <= 0 ||
        (entry.reorder_level !== null && qty <= Number(entry.reorder_level)) ||
        (perDay > 0 && qty / perDay < 7)
      );
    });
    expect(data.total).toBe(flagged.length);
    expect(new Set(ids)).toEqual(new Set(flagged.map((entry) => entry.id)));
  });

  it('sees only its own products', async () => {
    const risk = await suite.call<RiskData>(suite.shopB, 'stock_risk', { limit: 100 });
    expect(risk.data.products.some((entry) => entry.name.startsWith('Test '))).toBe(false);
    const ids = risk.data.products.map((entry) => entry.product_id);
    expect(ids.length).toBeGreaterThan(0);
    expect(await foreignIds(suite.harness, suite.shopB.tenant.id, ids)).toBe(0);
  });
});
