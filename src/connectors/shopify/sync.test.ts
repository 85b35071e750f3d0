import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { drain } from '../../../tests/support/connector-runtime.ts';
import { rateLimitLowerBoundMs, shopifyHandlers } from '../../../tests/support/vendors/shopify.ts';
import { virtualShopify } from '../../../tests/support/vendors/shopify-runtime.ts';
import type { RecordOf } from '../../sync/records.ts';
import type { StreamBatch, SyncRequest } from '../define.ts';
import { ConnectorError } from '../errors.ts';
import { shopify } from './index.ts';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

function connect(options: Parameters<typeof virtualShopify>[0] = {}) {
  const shop = virtualShopify(options);
  server.use(...shopifyHandlers(shop.store));
  return shop;
}

function run(
  shop: ReturnType<typeof virtualShopify>,
  stream: 'orders' | 'customers' | 'products' | 'inventory',
  request: SyncRequest,
  resumeFrom: string | null = null,
): AsyncIterable<StreamBatch> {
  if (!shopify.sync) throw new Error('the Shopify connector syncs');
  return shopify.sync(shop.runtime, stream, request, resumeFrom);
}

async function collect(
  shop: ReturnType<typeof virtualShopify>,
  stream: 'orders' | 'customers' | 'products' | 'inventory',
  request: SyncRequest,
  resumeFrom: string | null = null,
) {
  const batches: StreamBatch[] = [];
  for await (const batch of run(shop, stream, request, resumeFrom)) batches.push(batch);
  return batches;
}

const orders = (batches: StreamBatch[]) => batches.flatMap((batch) => batch.records) as RecordOf<'order'>[];

describe('Shopify orders by paging', () => {
  it('yields every order once, 27 a page, each page with a position to resume from', async () => {
    const shop = connect({ orders: 100 });
    const batches = await collect(shop, 'orders', { mode: 'full' });
    expect(batches.map((batch) => batch.records.length)).toEqual([27, 27, 27, 19]);
    expect(batches.map((batch) => batch.position === null)).toEqual([false, false, false, true]);
    expect(batches[0]?.total).toBe(100);
    const records = orders(batches);
    expect(new Set(records.map((record) => record.externalId)).size).toBe(100);
    expect(records.map((record) => record.externalId)).toEqual(
      shop.store.orders.map((order) => order.legacyResourceId),
    );
  });

  it('maps the money, status, customer and line items of an order exactly', async () => {
    const shop = connect({ orders: 100 });
    const records = orders(await collect(shop, 'orders', { mode: 'full' }));
    const first = records.find((record) => record.fields.number === '#1001');
    expect(first).toMatchObject({
      externalId: '5912440001',
      changedAt: new Date('2026-01-06T09:00:00Z'),
      fields: {
        total: 335000,
        currency: 'KES',
        status: 'completed',
        ordered_at: new Date('2026-01-05T06:10:00Z'),
        customer: { externalId: '6821002001', full_name: 'Amina Mwangi', email: 'amina.mwangi@example.com' },
        lines: [
          { sku: 'KNG-RED', description: 'Kanga Classic', quantity: 2, unit_price: 120000, total: 240000 },
          { sku: 'KIK-001', description: 'Kikoi Beach Wrap', quantity: 1, unit_price: 95000, total: 95000 },
        ],
      },
    });
    const statuses = Object.fromEntries(
      records.slice(0, 4).map((record) => [record.fields.number, record.fields.status]),
    );
    expect(statuses).toEqual({
      '#1001': 'completed',
      '#1002': 'open',
      '#1003': 'cancelled',
      '#1004': 'refunded',
    });
    expect(records.find((record) => record.fields.number === '#1002')?.fields.customer).toMatchObject({
      externalId: null,
      email: 'guest.buyer@example.com',
    });
    // Every 25th generated order has 14 line items: 10 with the page, 4 from a follow-up query.
    for (const [index, order] of shop.store.orders.entries()) {
      expect(records[index]?.fields.lines).toHaveLength(order.lineItems.nodes.length);
      const sum = records[index]?.fields.lines.reduce((total, line) => total + line.total, 0) ?? 0;
      expect(sum).toBeLessThanOrEqual(records[index]?.fields.total ?? 0);
    }
    expect(records.filter((record) => record.fields.lines.length === 14)).toHaveLength(3);
  });

  it('resumes from a middle position with exactly the orders after it', async () => {
    const shop = connect({ orders: 100 });
    const all = await collect(shop, 'orders', { mode: 'full' });
    const resumed = await collect(shop, 'orders', { mode: 'full' }, all[1]?.position ?? null);
    expect(resumed.map((batch) => batch.records.length)).toEqual([27, 19]);
    expect(orders(resumed).map((record) => record.externalId)).toEqual(
      orders(all)
        .slice(54)
        .map((record) => record.externalId),
    );
  });

  it('asks only for orders updated since the watermark, and within a range', async () => {
    const shop = connect({ orders: 200 });
    const since = new Date('2026-01-12T00:00:00Z');
    const until = new Date('2026-01-14T00:00:00Z');
    const updated = (from: Date, to?: Date) =>
      shop.store.orders.filter(
        (order) =>
          Date.parse(order.updatedAt) >= from.getTime() &&
          (!to || Date.parse(order.updatedAt) <= to.getTime()),
      );
    const incremental = orders(await collect(shop, 'orders', { mode: 'incremental', since }));
    expect(incremental.length).toBe(updated(since).length);
    expect(incremental.length).toBeGreaterThan(0);
    expect(incremental.length).toBeLessThan(200);
    expect(incremental.every((record) => (record.changedAt?.getTime() ?? 0) >= since.getTime())).toBe(true);
    const range = orders(await collect(shop, 'orders', { mode: 'range', since, until }));
    expect(range.map((record) => record.externalId)).toEqual(
      updated(since, until).map((order) => order.legacyResourceId),
    );
  });

  it('fetches named orders in records mode', async () => {
    const shop = connect({ orders: 60 });
    const ids = ['5912440003', shop.store.orders[28]?.legacyResourceId ?? '', '999'];
    const records = orders(await collect(shop, 'orders', { mode: 'records', ids }));
    expect(records.map((record) => record.externalId)).toEqual(ids.slice(0, 2));
    expect(records[1]?.fields.lines).toHaveLength(14);
  });
});

describe('Shopify cost bucket', () => {
  it('waits for the bucket instead of being throttled, and completes with no error', async () => {
    // Standard plan at half speed: a 1000-point bucket refilling 50 points a second.
    const shop = connect({ orders: 400, restoreRate: 50 });
    const records = orders(await collect(shop, 'orders', { mode: 'full' }));
    expect(records).toHaveLength(400);
    expect(shop.waits.length).toBeGreaterThan(5);
    expect(shop.store.stats.throttled).toBe(0);
    // Waited exactly as long as the bucket demands (each wait is rounded up to a millisecond).
    const waited = shop.waits.reduce((sum, ms) => sum + ms, 0);
    const bound = rateLimitLowerBoundMs(shop.store.costLog, 50);
    expect(waited).toBeGreaterThanOrEqual(bound - 1);
    expect(waited).toBeLessThanOrEqual(bound + shop.waits.length);
  });

  it('retries a THROTTLED answer after the wait the answer implies', async () => {
    const shop = connect({ orders: 30 });
    shop.store.bucket.available = 100; // another app drained it
    const records = orders(
      await collect(shop, 'orders', { mode: 'incremental', since: new Date('2026-01-01T00:00:00Z') }),
    );
    expect(records).toHaveLength(30);
    expect(shop.store.stats.throttled).toBe(1);
    // (974 requested − 100 available) / 100 points a second = 8.74 s.
    expect(shop.waits[0]).toBe(8740);
    // The throttled try, two pages and one follow-up for the 14-line order on page two.
    expect(shop.runtime.logged.at(-1)).toMatch(/^info: Shopify orders: 4 requests/);
  });

  it('retries THROTTLED answers, server errors and unreadable bodies', async () => {
    const shop = connect({ orders: 30 });
    shop.store.faults.push(
      { throttle: true },
      { status: 500 },
      { status: 200, body: '{"data": {"orders": ' },
    );
    const records = orders(await collect(shop, 'orders', { mode: 'incremental' }));
    expect(records).toHaveLength(30);
    expect(shop.store.stats.faults).toBe(3);
    expect(shop.waits).toHaveLength(3);
  });

  it('surfaces a throttle only when the retries run out', async () => {
    const shop = connect({ orders: 30 });
    shop.store.faults.push(...Array.from({ length: 11 }, () => ({ throttle: true as const })));
    const failure = await collect(shop, 'orders', { mode: 'incremental' }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ConnectorError);
    expect((failure as ConnectorError).failure).toBe('rate_limited');
  });
});

describe('Shopify failures', () => {
  it('reports a wrong access token as a credentials failure', async () => {
    const shop = connect({ config: { accessToken: 'shpat_wrong' } });
    const failure = await collect(shop, 'customers', { mode: 'full' }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ConnectorError);
    expect((failure as ConnectorError).failure).toBe('credentials');
    expect(shop.store.stats.unauthorized).toBe(1);
  });

  it('reports ACCESS_DENIED as a permission failure and other GraphQL errors as rejected', async () => {
    const shop = connect();
    const denied = JSON.stringify({
      data: null,
      errors: [{ message: 'Access denied for orders field.', extensions: { code: 'ACCESS_DENIED' } }],
    });
    shop.store.faults.push(
      { body: denied },
      { body: JSON.stringify({ errors: [{ message: 'Field is wrong' }] }) },
    );
    const permission = await collect(shop, 'orders', { mode: 'incremental' }).catch(
      (error: unknown) => error,
    );
    expect((permission as ConnectorError).failure).toBe('permission');
    const rejected = await collect(shop, 'orders', { mode: 'incremental' }).catch((error: unknown) => error);
    expect((rejected as ConnectorError).failure).toBe('rejected');
    expect((rejected as ConnectorError).message).toMatch(/Field is wrong/);
  });
});

describe('Shopify customers, products and inventory', () => {
  it('maps customers with their default contact and address', async () => {
    const shop = connect();
    const records = (await drain(run(shop, 'customers', { mode: 'full' }))).records;
    expect(records).toHaveLength(3);
    expect(records[1]).toMatchObject({
      entity: 'customer',
      externalId: '6821002002',
      fields: {
        full_name: 'Baraka Otieno',
        email: 'baraka@example.com',
        phone: null,
        company: 'Otieno Traders',
        street: 'Oginga Odinga St 4 Floor 2',
        city: 'Kisumu',
        tags: [],
      },
    });
    expect(records[2]).toMatchObject({ fields: { full_name: '+255754000111', phone: '+255754000111' } });
  });

  it('yields one product per variant, named after the variant unless it is the default', async () => {
    const shop = connect();
    const records = (await drain(run(shop, 'products', { mode: 'full' }))).records as RecordOf<'product'>[];
    // 3 kanga colours, 1 kikoi, 12 bracelets (10 with the page, 2 from a follow-up), 1 gift card.
    expect(records).toHaveLength(17);
    expect(records.map((record) => record.fields.name)).toContain('Kanga Classic – Red');
    expect(records.find((record) => record.fields.sku === 'KIK-001')).toMatchObject({
      externalId: '44100201',
      fields: {
        name: 'Kikoi Beach Wrap',
        price: 95000,
        currency: 'KES',
        stock_qty: 40,
        category: 'Textiles',
      },
    });
    expect(records.find((record) => record.fields.name === 'Gift Card – KES 500')?.fields.sku).toBeNull();
  });

  it('yields inventory per SKU and location, skipping items without a SKU', async () => {
    const shop = connect();
    const records = (await drain(run(shop, 'inventory', { mode: 'full' })))
      .records as RecordOf<'inventory'>[];
    expect(records).toHaveLength(32);
    expect(records.filter((record) => record.fields.sku === 'KNG-RED')).toEqual([
      expect.objectContaining({
        externalId: '10044100101:71203012',
        fields: { sku: 'KNG-RED', location: 'Kariakoo Shop', qty: 22 },
      }),
      expect.objectContaining({
        externalId: '10044100101:71203013',
        fields: { sku: 'KNG-RED', location: 'Westlands Store', qty: 12 },
      }),
    ]);
    const one = (await drain(run(shop, 'inventory', { mode: 'records', ids: ['10044100101:71203013'] })))
      .records;
    expect(one.map((record) => record.externalId)).toEqual(['10044100101:71203013']);
  });
});

describe('Shopify check and setup', () => {
  it('names the shop; setup and the products sync remember its currency', async () => {
    const shop = connect();
    expect(await shopify.check?.(shop.runtime)).toEqual({ account: 'Kariakoo Kanga House' });
    expect(shop.runtime.saved).toEqual([]);
    await collect(shop, 'products', { mode: 'full' });
    expect(shop.runtime.saved).toEqual([{ currency: 'KES' }]);
    const other = connect();
    await shopify.setup?.(other.runtime);
    expect(other.runtime.saved).toEqual([{ currency: 'KES' }]);
  });

  it('subscribes to the webhooks once, and again without complaint', async () => {
    const shop = connect();
    const notes = await shopify.setup?.(shop.runtime);
    expect(notes?.[0]).toMatch(/11 webhooks added/);
    expect(shop.store.webhookSubscriptions.map((subscription) => subscription.topic)).toEqual([
      'ORDERS_CREATE',
      'ORDERS_UPDATED',
      'ORDERS_DELETE',
      'CUSTOMERS_CREATE',
      'CUSTOMERS_UPDATE',
      'CUSTOMERS_DELETE',
      'PRODUCTS_CREATE',
      'PRODUCTS_UPDATE',
      'PRODUCTS_DELETE',
      'INVENTORY_LEVELS_UPDATE',
      'APP_UNINSTALLED',
    ]);
    expect(new Set(shop.store.webhookSubscriptions.map((subscription) => subscription.uri))).toEqual(
      new Set([shop.runtime.webhookUrl]),
    );
    const again = await shopify.setup?.(shop.runtime);
    expect(again?.[0]).toMatch(/0 webhooks added, 11 already there/);
    expect(shop.store.webhookSubscriptions).toHaveLength(11);
  });
});
