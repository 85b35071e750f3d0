/**
 * The `insights` tool on the demo business: the revenue trend against plain SQL, its drivers, a
 * constructed period with orders (POS orders counted once), deterministic RFM tiers checked against
 * the rules computed independently, and a business with no data (in Swahili).
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { customerTiers, goldMinScore, silverMinScore } from '../../src/insights/tiers.ts';
import { revenueTrend } from '../../src/insights/trend.ts';
import { createTenant } from '../../src/tenancy/tenants.ts';
import { domainTools } from '../../src/tools/catalogue.ts';
import { insightsTool } from '../../src/tools/insights/insights.ts';
import { takeActionTool } from '../../src/tools/insights/take-action.ts';
import { createRegistry } from '../../src/tools/registry.ts';
import { addInvoice, addOrder, addProduct, foreignIds, invoiceSales, useInsightsSuite } from './support.ts';

const suite = useInsightsSuite();
const ours = new Set(['insights', 'take_action']);

beforeAll(() => {
  suite.registry = createRegistry([
    ...domainTools.filter((tool) => !ours.has(tool.name)),
    insightsTool,
    takeActionTool,
  ]);
});

interface Money {
  minor: number;
  currency: string;
}
interface DriverData {
  key: string | null;
  name: string;
  current: Money;
  previous: Money;
  change: Money;
  share: number | null;
}
interface InsightsData {
  as_of: string;
  period: { from: string; to: string; previous_from: string; previous_to: string };
  trend: {
    currency: string;
    current: Money;
    previous: Money;
    change: Money;
    change_percent: number | null;
    sales: { current: number; previous: number };
    products: DriverData[];
    tiers: DriverData[];
  }[];
  tiers: { customers: number; tiers: { tier: string; customers: number; best: { customer_id: string }[] }[] };
  products: { product_id: string | null }[];
  stock: { total: number; products: { product_id: string }[] };
  debt: { totals: { overdue: Money; customers: number }[]; top: { customer_id: string | null }[] };
  churn: { total: number; customers: { customer_id: string }[] };
  recommendations: {
    number: number;
    id: string;
    kind: string;
    priority: string;
    title: string;
    reason: string;
  }[];
}

async function plainRevenue(tenantId: string, from: string, to: string) {
  const [row] = await suite.harness.db.rows<{ revenue: unknown; sales: unknown }>(sql`
    select coalesce(sum(total), 0) as revenue, count(*) as sales from invoices
    where tenant_id = ${tenantId} and status <> 'void' and issue_date between ${from} and ${to}`);
  return { revenue: Number(row?.revenue), sales: Number(row?.sales) };
}

describe('insights: revenue trend', () => {
  it('compares this month to date with the same number of days before, as plain SQL does', async () => {
    const tenantId = suite.shopA.tenant.id;
    const { data, text, parts } = await suite.call<InsightsData>(suite.shopA, 'insights');
    expect(data.period).toEqual({
      from: '2026-11-01',
      to: '2026-11-23',
      previous_from: '2026-10-09',
      previous_to: '2026-10-31',
    });
    const current = await plainRevenue(tenantId, '2026-11-01', '2026-11-23');
    const previous = await plainRevenue(tenantId, '2026-10-09', '2026-10-31');
    const trend = data.trend[0];
    expect(trend?.current.minor).toBe(current.revenue);
    expect(trend?.previous.minor).toBe(previous.revenue);
    expect(trend?.sales).toEqual({ current: current.sales, previous: previous.sales });
    expect(trend?.change_percent).toBe(
      Math.round(((current.revenue - previous.revenue) / previous.revenue) * 1000) / 10,
    );

    // Product drivers: each product's line totals in both periods, largest change first.
    const now = await invoiceSales(suite.harness, tenantId, '2026-11-01', '2026-11-23');
    const before = await invoiceSales(suite.harness, tenantId, '2026-10-09', '2026-10-31');
    const changes = [...new Set([...now.keys(), ...before.keys()])]
      .map((id) => (now.get(id)?.revenue ?? 0) - (before.get(id)?.revenue ?? 0))
      .sort((a, b) => Math.abs(b) - Math.abs(a));
    expect(trend?.products.map((driver) => driver.change.minor)).toEqual(changes.slice(0, 5));
    for (const driver of trend?.products ?? []) {
      expect(driver.current.minor).toBe(now.get(driver.key)?.revenue ?? 0);
      expect(driver.share).toBeCloseTo(driver.change.minor / (trend?.change.minor ?? 1), 3);
    }
    // Tier drivers split the whole change: every sale is in one tier (or walk-in).
    const tierChange = trend?.tiers.reduce((sum, driver) => sum + driver.change.minor, 0);
    expect(tierChange).toBe(trend?.change.minor);

    const sign = (trend?.change_percent ?? 0) >= 0 ? '+' : '';
    expect(text).toContain(`${sign}${trend?.change_percent}% vs`);
    expect(text).toMatch(/mostly from .+ \([+−]TSh [\d,]+\)/);
    const chart = parts.find((part) => part.type === 'chart');
    expect(chart?.type === 'chart' && chart.bars.length).toBe(23);
    expect(chart?.type === 'chart' && chart.bars.reduce((sum, bar) => sum + bar.value, 0)).toBe(
      current.revenue,
    );
  });

  it('counts completed orders once (not when their POS invoice exists), by local date, per currency', async () => {
    const tenantId = suite.shopB.tenant.id;
    const source = randomUUID();
    const lamp = await addProduct(suite.harness, tenantId, {
      name: 'Trend lamp',
      sku: 'TL-1',
      price: 100_000,
    });
    const fan = await addProduct(suite.harness, tenantId, { name: 'Trend fan', sku: 'TF-1', price: 50_000 });
    const line = (productId: string, quantity: number, unitPrice: number) => ({
      productId,
      description: 'x',
      quantity,
      unitPrice,
    });
    // Far in the future, so no other insight of today sees these rows.
    await addInvoice(suite.harness, tenantId, {
      number: 'TR-1',
      issueDate: '2027-02-03',
      lines: [line(lamp, 2, 100_000)],
    });
    await addInvoice(suite.harness, tenantId, {
      number: 'TR-2',
      issueDate: '2027-02-04',
      status: 'void',
      lines: [line(lamp, 9, 100_000)],
    });
    await addInvoice(suite.harness, tenantId, {
      number: 'TR-3',
      issueDate: '2027-02-05',
      currency: 'KES',
      lines: [line(fan, 1, 40_000)],
    });
    await addOrder(suite.harness, tenantId, source, {
      number: 'P-1',
      orderedAt: '2027-02-05T10:00:00Z',
      status: 'completed',
      lines: [line(fan, 1, 50_000)],
    });
    // A POS sale that produced its own invoice: counted once, through the invoice.
    await addOrder(suite.harness, tenantId, source, {
      number: 'P-2',
      orderedAt: '2027-02-06T10:00:00Z',
      status: 'completed',
      lines: [line(fan, 2, 50_000)],
    });
    await addInvoice(suite.harness, tenantId, {
      number: 'TR-4',
      issueDate: '2027-02-06',
      source: { id: source, externalId: 'order:P-2' },
      lines: [line(fan, 2, 50_000)],
    });
    await addOrder(suite.harness, tenantId, source, {
      number: 'P-3',
      orderedAt: '2027-02-07T10:00:00Z',
      status: 'cancelled',
      lines: [line(fan, 5, 50_000)],
    });
    // 22:30 UTC on 31 Jan is 1 Feb in Dar es Salaam: this period, not the one before.
    await addOrder(suite.harness, tenantId, source, {
      number: 'P-4',
      orderedAt: '2027-01-31T22:30:00Z',
      status: 'completed',
      lines: [line(lamp, 1, 100_000)],
    });
    await addInvoice(suite.harness, tenantId, {
      number: 'TR-5',
      issueDate: '2027-01-25',
      lines: [line(lamp, 1, 100_000)],
    });

    const trend = await revenueTrend(suite.harness.deps, suite.shopB, {
      from: '2027-02-01',
      to: '2027-02-10',
    });
    expect(trend).toMatchObject({ previousFrom: '2027-01-22', previousTo: '2027-01-31', days: 10 });
    const [tzs, kes] = trend.currencies;
    expect(tzs).toMatchObject({
      currency: 'TZS',
      current: 200_000 + 50_000 + 100_000 + 100_000,
      previous: 100_000,
      change: 350_000,
      changePercent: 350,
      sales: { current: 4, previous: 1 },
    });
    expect(tzs?.products.map((driver) => [driver.name, driver.change, driver.share])).toEqual([
      ['Trend lamp', 200_000, 0.571],
      ['Trend fan', 150_000, 0.429],
    ]);
    expect(tzs?.tiers).toEqual([
      {
        key: 'walk_in',
        name: 'walk-in sales',
        current: 450_000,
        previous: 100_000,
        change: 350_000,
        share: 1,
      },
    ]);
    expect(tzs?.daily.find((day) => day.day === '2027-02-01')?.revenue).toBe(100_000);
    expect(kes).toMatchObject({ currency: 'KES', current: 40_000, previous: 0, changePercent: null });
  });
});

describe('insights: customer tiers', () => {
  it('are deterministic and follow the documented RFM rules, computed here independently', async () => {
    const tenantId = suite.shopA.tenant.id;
    const first = await customerTiers(suite.harness.deps, suite.shopA, { limit: 1000 });
    const second = await customerTiers(suite.harness.deps, suite.shopA, { limit: 1000 });
    expect(second).toEqual(first);

    const rows = await suite.harness.db.rows<{
      id: string;
      last: string;
      purchases: unknown;
      revenue: unknown;
    }>(sql`
      select c.id, max(i.issue_date)::text as last, count(*) as purchases, sum(i.total) as revenue
      from invoices i join customers c on c.id = i.customer_id
      where i.tenant_id = ${tenantId} and i.status <> 'void' and i.issue_date between '2025-11-24' and '2026-11-23'
        and c.merged_into is null
      group by c.id`);
    const score = (values: number[], value: number) =>
      Math.ceil((5 * values.filter((other) => other <= value).length) / values.length);
    const lasts = rows.map((row) => Date.parse(row.last));
    const counts = rows.map((row) => Number(row.purchases));
    const revenues = rows.map((row) => Number(row.revenue));
    const expected = new Map(
      rows.map((row) => {
        const total =
          score(lasts, Date.parse(row.last)) +
          score(counts, Number(row.purchases)) +
          score(revenues, Number(row.revenue));
        return [row.id, total >= goldMinScore ? 'gold' : total >= silverMinScore ? 'silver' : 'bronze'];
      }),
    );
    expect(first.customers).toBe(rows.length);
    for (const summary of first.tiers) {
      expect(summary.customers).toBe([...expected.values()].filter((tier) => tier === summary.tier).length);
      for (const customer of summary.best) expect(expected.get(customer.customerId)).toBe(summary.tier);
      // Best first: by score, then revenue.
      const order = summary.best.map((customer) => [customer.scores.total, customer.revenue]);
      expect(order).toEqual(
        [...order].sort((a, b) => (b[0] as number) - (a[0] as number) || (b[1] as number) - (a[1] as number)),
      );
    }
    const gold = first.tiers.find((summary) => summary.tier === 'gold')?.best[0];
    expect(gold?.scores.total).toBeGreaterThanOrEqual(goldMinScore);
  });

  it('shows the best customers by tier with the numbers behind them, only from this business', async () => {
    const { data, text } = await suite.call<InsightsData>(suite.shopA, 'insights');
    expect(data.tiers.tiers.map((tier) => tier.tier)).toEqual(['gold', 'silver', 'bronze']);
    expect(text).toMatch(/- Gold: \d+ customers, TSh [\d,]+ — .+ \(TSh [\d,]+, \d+ purchases, last /);
    const ids = [
      ...data.tiers.tiers.flatMap((tier) => tier.best.map((customer) => customer.customer_id)),
      ...data.products.flatMap((product) => (product.product_id ? [product.product_id] : [])),
      ...data.stock.products.map((product) => product.product_id),
      ...data.debt.top.flatMap((row) => (row.customer_id ? [row.customer_id] : [])),
      ...data.churn.customers.map((customer) => customer.customer_id),
    ];
    expect(ids.length).toBeGreaterThan(5);
    expect(await foreignIds(suite.harness, suite.shopA.tenant.id, ids)).toBe(0);
  });
});

describe('insights: a business with no data', () => {
  it('answers every card in Swahili headings without an error', async () => {
    await createTenant(suite.harness.db, {
      slug: 'tupu',
      name: 'Duka Tupu',
      currency: 'TZS',
      region: 'TZ',
      timezone: 'Africa/Dar_es_Salaam',
      language: 'sw',
      ownerName: 'Mwanaidi',
    });
    const empty = await suite.harness.context('tupu');
    const { data, text, parts } = await suite.call<InsightsData>(empty, 'insights');
    expect(data.trend).toEqual([]);
    expect(data.recommendations).toEqual([]);
    expect(parts).toEqual([]);
    for (const heading of ['Hali ya biashara', 'Mapato', 'Wateja bora', 'Madeni', 'Mapendekezo'])
      expect(text).toContain(heading);
    expect(text).toContain('Hakuna jambo la dharura leo.');
  });
});
