/**
 * Shopify: orders, customers, products (one per variant) and inventory levels through the Admin
 * GraphQL API, with webhooks for changes as they happen. Connects with a custom app's Admin API
 * access token; the app's client secret verifies webhooks.
 *
 * Files: config.ts (connect page), graphql.ts (client and cost bucket), queries.ts (documents and
 * their costs), streams.ts (paged syncs), bulk.ts (bulk export of orders), schemas.ts (Shopify's
 * shapes), map.ts (→ canonical records), webhooks.ts (verify and parse), actions.ts (stock
 * write-back by SKU).
 */
import { z } from 'zod';
import { defineConnector } from '../define.ts';
import { ConnectorError } from '../errors.ts';
import { bulkDecision, bulkOrders } from './bulk.ts';
import { type ShopifyConfig, shopifyConfig, shopifyFields } from './config.ts';
import { createAdminClient, readData } from './graphql.ts';
import { shopQuery, webhookSubscriptionCreate } from './queries.ts';
import { shopNode, userErrors } from './schemas.ts';
import { pagedCustomers, pagedInventory, pagedOrders, pagedProducts } from './streams.ts';
import { parseShopifyWebhook, verifyShopifyWebhook, webhookTopics } from './webhooks.ts';

export type { SetStockInput, SetStockResult } from './actions.ts';

import { setStockBySku } from './actions.ts';

export type { ShopifyConfig } from './config.ts';
export { setStockBySku };

export const shopify = defineConnector<ShopifyConfig>({
  id: 'shopify',
  name: 'Shopify',
  category: 'ecommerce',
  regions: ['global'],
  auth: 'api_key',
  docsUrl: 'https://shopify.dev/docs/api/admin-graphql',
  rateLimits:
    'GraphQL cost bucket per shop and app: 20 × the restore rate (100 points/s on Standard, 1000 on Plus); at most 1000 points per query',
  streams: ['customers', 'products', 'orders', 'inventory'],
  actions: ['Set stock by SKU (the available quantity at one location)'],
  realtime: true,
  config: shopifyConfig,
  fields: shopifyFields,

  // Runs before the connection is stored, so it saves nothing; setup remembers the currency.
  async check(runtime) {
    const client = createAdminClient(runtime);
    const { shop } = readData(z.looseObject({ shop: shopNode }), await client.query(shopQuery), 'the shop');
    return { account: shop.name };
  },

  async setup(runtime) {
    const client = createAdminClient(runtime);
    const { shop } = readData(z.looseObject({ shop: shopNode }), await client.query(shopQuery), 'the shop');
    if (runtime.config.currency !== shop.currencyCode)
      await runtime.saveConfig({ currency: shop.currencyCode });
    let created = 0;
    let existing = 0;
    for (const topic of webhookTopics) {
      const data = await client.query(webhookSubscriptionCreate, {
        topic,
        webhookSubscription: { uri: runtime.webhookUrl, format: 'JSON' },
      });
      const payload = readData(
        z.looseObject({
          webhookSubscriptionCreate: z.looseObject({
            webhookSubscription: z.looseObject({ id: z.string() }).nullish(),
            userErrors,
          }),
        }),
        data,
        'the webhook subscription',
      ).webhookSubscriptionCreate;
      const problems = payload.userErrors.map((error) => error.message);
      // Running setup again meets "Address for this topic has already been taken": that is success.
      if (problems.length > 0 && problems.every((message) => /already been taken/i.test(message)))
        existing += 1;
      else if (problems.length > 0)
        throw new ConnectorError('rejected', `Shopify refused the ${topic} webhook: ${problems.join('; ')}`);
      else created += 1;
    }
    return [
      `Shopify will tell Kiungo about new and changed orders, customers, products and stock (${created} webhooks added${existing ? `, ${existing} already there` : ''}).`,
      `Prices are in ${shop.currencyCode}, the currency of ${shop.name}.`,
    ];
  },

  async *sync(runtime, stream, request, resumeFrom) {
    const client = createAdminClient(runtime);
    try {
      if (stream === 'orders') {
        const decision = await bulkDecision(client, runtime.config, request, resumeFrom);
        if (decision.bulk) yield* bulkOrders(client, resumeFrom, runtime.signal);
        else yield* pagedOrders(client, request, resumeFrom, decision.total);
      } else if (stream === 'customers') yield* pagedCustomers(client, request, resumeFrom);
      else if (stream === 'products')
        yield* pagedProducts(client, request, resumeFrom, runtime.config.currency, (currency) =>
          runtime.saveConfig({ currency }),
        );
      else if (stream === 'inventory') yield* pagedInventory(client, request, resumeFrom);
      else throw new ConnectorError('configuration', `Shopify has no ${stream} stream`);
    } finally {
      const { requests, throttled, waits, waitedMs } = client.stats;
      runtime.log('info', `Shopify ${stream}: ${requests} requests, ${waits} waits for the cost bucket`, {
        requests,
        throttled,
        waits,
        waitedMs,
      });
    }
  },

  webhook: { verify: verifyShopifyWebhook, parse: parseShopifyWebhook },

  // Idempotent: an absolute quantity, a compare-and-swap on the quantity read, an idempotency key.
  async pushStock(runtime, input) {
    const result = await setStockBySku(runtime, input);
    return { changed: result.changed, from: result.from, to: result.to };
  },
});
