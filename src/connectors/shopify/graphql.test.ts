import { describe, expect, it } from 'vitest';
import { testRuntime } from '../../../tests/support/connector-runtime.ts';
import {
  createShopifyStore,
  rateLimitLowerBoundMs,
  startShopifyServer,
} from '../../../tests/support/vendors/shopify.ts';
import { systemClock } from '../../core/time.ts';
import { createHttpClient } from '../http-client.ts';
import { shopifyConfig } from './config.ts';
import { createCostBucket } from './graphql.ts';
import { shopify } from './index.ts';
import {
  customersPageSize,
  inventoryPageSize,
  ordersPageSize,
  pageSizeFor,
  productsPageSize,
} from './queries.ts';

describe('Shopify cost bucket estimate', () => {
  it('restores points over time up to the maximum and says how long to wait for a cost', () => {
    const bucket = createCostBucket();
    expect(bucket.waitMs(500, 0)).toBe(0); // nothing known yet: let Shopify decide
    bucket.observe({ maximumAvailable: 2000, currentlyAvailable: 26, restoreRate: 100 }, 10_000);
    expect(bucket.available(10_000)).toBe(26);
    expect(bucket.waitMs(974, 10_000)).toBe(9480);
    expect(bucket.waitMs(974, 15_000)).toBe(4480);
    expect(bucket.waitMs(974, 20_000)).toBe(0);
    expect(bucket.available(60_000)).toBe(2000);
  });

  it('keeps every page under the 1000-point single query limit', () => {
    expect(pageSizeFor(1)).toBe(250);
    expect([ordersPageSize, customersPageSize, productsPageSize, inventoryPageSize]).toEqual([
      27, 249, 76, 55,
    ]);
  });

  it('computes the least time a sequence of queries needs', () => {
    // 2000 points to start, then each 974-point query costs 400: the fourth must wait for 174 points.
    const log = Array.from({ length: 5 }, () => ({ requested: 974, actual: 400 }));
    expect(rateLimitLowerBoundMs(log, 100)).toBeCloseTo(1740 + 4000, 6);
  });
});

describe('Shopify config', () => {
  it('takes a pasted admin URL and rejects what is not a shop domain', () => {
    const base = { accessToken: 'shpat_x', webhookSecret: 'shpss_x' };
    expect(shopifyConfig.parse({ ...base, shop: ' https://Kariakoo.myshopify.com/ ' })).toMatchObject({
      shop: 'kariakoo.myshopify.com',
      apiVersion: '2026-10',
      bulk: 'auto',
      bulkThreshold: 10_000,
    });
    expect(shopifyConfig.safeParse({ ...base, shop: 'kariakoo.example.com' }).success).toBe(false);
    expect(shopifyConfig.safeParse({ ...base, shop: '-bad.myshopify.com' }).success).toBe(false);
    expect(shopifyConfig.safeParse({ ...base, shop: 'k.myshopify.com', apiVersion: '2026-11' }).success).toBe(
      false,
    );
  });
});

describe('Shopify simulator on a loopback server', () => {
  it('serves a sync and a bulk export over real HTTP with real time', async () => {
    const server = await startShopifyServer(createShopifyStore({ orders: 120, restoreRate: 1000 }));
    try {
      const config = shopifyConfig.parse({
        shop: server.store.shop,
        accessToken: server.store.accessToken,
        webhookSecret: 'shpss_test_secret',
        bulk: 'always',
      });
      const runtime = Object.assign(testRuntime(config, { clock: systemClock }), {
        http: (http: Parameters<ReturnType<typeof testRuntime>['http']>[0]) =>
          createHttpClient({ ...http, connector: 'shopify', fetch: server.fetch, sleep: async () => {} }),
      });
      const paged: string[] = [];
      for await (const batch of shopify.sync?.(runtime, 'orders', { mode: 'incremental' }, null) ?? [])
        paged.push(...batch.records.map((record) => record.externalId));
      const bulk: string[] = [];
      for await (const batch of shopify.sync?.(runtime, 'orders', { mode: 'full' }, null) ?? [])
        bulk.push(...batch.records.map((record) => record.externalId));
      expect(paged).toHaveLength(120);
      expect(bulk).toEqual(paged);
      expect(server.store.stats.throttled).toBe(0);
    } finally {
      await server.close();
    }
  });
});
