/**
 * WooCommerce (REST API v3): orders, customers and products, pulled by page and pushed by webhooks.
 *
 * https://woocommerce.github.io/woocommerce-rest-api-docs/
 */
import { defineConnector } from '../define.ts';
import { type WooConfig, wooConfig, wooFields } from './config.ts';
import { checkWooCommerce, setupWooCommerce } from './setup.ts';
import { syncWooCommerce } from './sync.ts';
import { wooWebhook } from './webhook.ts';

export type { WooConfig } from './config.ts';
export { newWebhookSecret } from './config.ts';

export const woocommerce = defineConnector<WooConfig>({
  id: 'woocommerce',
  name: 'WooCommerce',
  category: 'ecommerce',
  regions: ['global'],
  auth: 'api_key',
  docsUrl: 'https://woocommerce.github.io/woocommerce-rest-api-docs/',
  rateLimits: 'None in WooCommerce itself; the shop’s host may answer 429 or 503 under load',
  streams: ['customers', 'products', 'orders'],
  realtime: true,
  config: wooConfig,
  fields: wooFields,
  check: checkWooCommerce,
  setup: setupWooCommerce,
  sync: syncWooCommerce,
  webhook: wooWebhook,
});
