import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { shopifyHandlers } from '../../../tests/support/vendors/shopify.ts';
import { virtualShopify } from '../../../tests/support/vendors/shopify-runtime.ts';
import type { RecordOf } from '../../sync/records.ts';
import type { StreamBatch } from '../define.ts';
import { ConnectorError } from '../errors.ts';
import { parseBulkPosition, readBulkOrders } from './bulk.ts';
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

async function fullOrders(shop: ReturnType<typeof virtualShopify>, resumeFrom: string | null = null) {
  const batches: StreamBatch[] = [];
  for await (const batch of shopify.sync?.(shop.runtime, 'orders', { mode: 'full' }, resumeFrom) ?? [])
    batches.push(batch);
  return batches;
}

const records = (batches: StreamBatch[]) => batches.flatMap((batch) => batch.records) as RecordOf<'order'>[];

async function* linesOf(text: string) {
  yield* text.split('\n');
}

describe('Shopify bulk export of orders', () => {
  it('reads interleaved children into their parents, whatever the order', async () => {
    const file = [
      '{"id":"gid://shopify/Order/1","name":"#1"}',
      '{"id":"gid://shopify/LineItem/11","__parentId":"gid://shopify/Order/1"}',
      '{"id":"gid://shopify/Order/2","name":"#2"}',
      '{"id":"gid://shopify/LineItem/21","__parentId":"gid://shopify/Order/2"}',
      '{"id":"gid://shopify/LineItem/12","__parentId":"gid://shopify/Order/1"}',
      '{"id":"gid://shopify/LineItem/31","__parentId":"gid://shopify/Order/3"}',
      '{"id":"gid://shopify/Order/3","name":"#3"}',
    ]
      .map((line) =>
        line.replace(
          '}',
          ',"createdAt":"2026-01-01T00:00:00Z","updatedAt":"2026-01-01T00:00:00Z","totalPriceSet":{"shopMoney":{"amount":"1.0","currencyCode":"KES"}},"title":"x","quantity":1,"originalUnitPriceSet":{"shopMoney":{"amount":"1.0","currencyCode":"KES"}}}',
        ),
      )
      .join('\n');
    const orders = await readBulkOrders(linesOf(file));
    expect(orders.map((order) => [order.name, order.lineItems.nodes.map((line) => line.id)])).toEqual([
      ['#1', ['gid://shopify/LineItem/11', 'gid://shopify/LineItem/12']],
      ['#2', ['gid://shopify/LineItem/21']],
      ['#3', ['gid://shopify/LineItem/31']],
    ]);
  });

  it('exports a big shop in bulk: same orders and lines as paging, 250 a batch', async () => {
    const shop = connect({ orders: 600, config: { bulkThreshold: 500 } });
    const batches = await fullOrders(shop);
    // The first batch only checkpoints the operation, then 250, 250, 100.
    expect(batches.map((batch) => batch.records.length)).toEqual([0, 250, 250, 100]);
    expect(batches[0]?.position).toMatch(/^bulk:gid:\/\/shopify\/BulkOperation\/\d+:0$/);
    expect(batches.map((batch) => batch.position?.replace(/.*:/, '') ?? null)).toEqual([
      '0',
      '250',
      '500',
      null,
    ]);
    expect(batches.at(-1)?.total).toBe(600);
    const operation = [...shop.store.bulkOperations.values()][0];
    expect(operation?.status).toBe('COMPLETED');
    expect(operation?.polls).toBe(3);
    // The file really interleaves: some line items come after the next order.
    const lines = (shop.store.bulkFiles.values().next().value ?? '').trim().split('\n');
    const parents: string[] = [];
    let late = 0;
    for (const line of lines) {
      const object = JSON.parse(line) as { id: string; __parentId?: string };
      if (!object.__parentId) parents.push(object.id);
      else if (parents.at(-1) !== object.__parentId) late += 1;
    }
    expect(late).toBeGreaterThan(100);
    const exported = records(batches);
    expect(exported.map((order) => order.externalId)).toEqual(
      shop.store.orders.map((order) => order.legacyResourceId),
    );
    for (const [index, order] of shop.store.orders.entries()) {
      expect(exported[index]?.fields.lines.map((line) => line.sku)).toEqual(
        order.lineItems.nodes.map((line) => line.sku),
      );
    }
    // Polling waited with backoff (1 s, 2 s) rather than hammering Shopify.
    expect(shop.waits.filter((ms) => ms >= 1000)).toEqual([1000, 2000]);
  });

  it('pages instead when the shop is small, and when told to', async () => {
    const small = connect({ orders: 50 });
    expect((await fullOrders(small)).map((batch) => batch.records.length)).toEqual([27, 23]);
    expect(small.store.bulkOperations.size).toBe(0);
    const always = connect({ orders: 50, config: { bulk: 'always' } });
    expect(records(await fullOrders(always))).toHaveLength(50);
    expect(always.store.bulkOperations.size).toBe(1);
  });

  it('resumes by skipping the orders already yielded from the same export', async () => {
    const shop = connect({ orders: 600, config: { bulk: 'always' } });
    const first = await fullOrders(shop);
    const position = first[2]?.position ?? null;
    expect(parseBulkPosition(position)?.yielded).toBe(500);
    const resumed = await fullOrders(shop, position);
    expect(shop.store.bulkOperations.size).toBe(1);
    expect(records(resumed).map((order) => order.externalId)).toEqual(
      records(first)
        .slice(500)
        .map((order) => order.externalId),
    );
    expect(resumed.at(-1)?.position).toBeNull();
  });

  it('resumes a still-running export by polling it, not by starting another', async () => {
    const shop = connect({ orders: 40, config: { bulk: 'always' }, bulkPollsUntilDone: 5 });
    const iterator = shopify.sync?.(shop.runtime, 'orders', { mode: 'full' }, null)[Symbol.asyncIterator]();
    const checkpoint = (await iterator?.next())?.value as StreamBatch;
    await iterator?.return?.(undefined);
    expect(shop.store.bulkOperations.size).toBe(1);
    expect(records(await fullOrders(shop, checkpoint.position))).toHaveLength(40);
    expect(shop.store.bulkOperations.size).toBe(1);
  });

  it('reports a failed export with its error code, and starts afresh when resumed', async () => {
    const shop = connect({ orders: 40, config: { bulk: 'always' } });
    shop.store.bulkFailure = 'ACCESS_DENIED';
    const batches: StreamBatch[] = [];
    const failure = await (async () => {
      for await (const batch of shopify.sync?.(shop.runtime, 'orders', { mode: 'full' }, null) ?? [])
        batches.push(batch);
    })().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ConnectorError);
    expect((failure as ConnectorError).failure).toBe('permission');
    expect((failure as ConnectorError).message).toMatch(/failed \(ACCESS_DENIED\)/);
    const again = await fullOrders(shop, batches[0]?.position ?? null);
    expect(records(again)).toHaveLength(40);
    expect(shop.store.bulkOperations.size).toBe(2);
  });

  it('starts a new export when the old file has expired', async () => {
    const shop = connect({ orders: 40, config: { bulk: 'always' } });
    const first = await fullOrders(shop);
    shop.store.bulkFiles.clear();
    const again = await fullOrders(shop, first[0]?.position ?? null);
    expect(records(again)).toHaveLength(40);
    expect(shop.store.bulkOperations.size).toBe(2);
  });
});
