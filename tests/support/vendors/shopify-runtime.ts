/**
 * A Shopify connection under test on virtual time: the simulator's bucket and the connector's clock
 * read the same instant, and the HTTP client's sleep moves it forward instead of waiting, so a sync
 * that waits minutes for the cost bucket runs in milliseconds and every wait is recorded.
 */
import type { ConnectorRuntime } from '../../../src/connectors/define.ts';
import { createHttpClient } from '../../../src/connectors/http-client.ts';
import { type ShopifyConfig, shopifyConfig } from '../../../src/connectors/shopify/config.ts';
import { testRuntime } from '../connector-runtime.ts';
import { createShopifyStore, type ShopifySimOptions, type ShopifyStore } from './shopify.ts';

export interface VirtualShopify {
  store: ShopifyStore;
  runtime: ConnectorRuntime<ShopifyConfig> & { saved: Partial<ShopifyConfig>[]; logged: string[] };
  /** Every sleep of the HTTP client, in milliseconds. */
  waits: number[];
  now(): number;
}

export function virtualShopify(
  options: ShopifySimOptions & { config?: Partial<ShopifyConfig> & Record<string, unknown> } = {},
): VirtualShopify {
  let now = Date.parse('2026-11-23T09:00:00Z');
  const waits: number[] = [];
  const store = createShopifyStore({ ...options, now: () => now });
  const config = shopifyConfig.parse({
    shop: store.shop,
    accessToken: store.accessToken,
    webhookSecret: 'shpss_test_secret',
    ...options.config,
  });
  const base = testRuntime(config, { clock: { now: () => new Date(now) } });
  const runtime = Object.assign(base, {
    http: (http: Parameters<typeof base.http>[0]) =>
      createHttpClient({
        ...http,
        connector: 'shopify',
        random: () => 0.5,
        sleep: async (ms: number) => {
          waits.push(ms);
          now += ms;
        },
      }),
  });
  return { store, runtime, waits, now: () => now };
}
