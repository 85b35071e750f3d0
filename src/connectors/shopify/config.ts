/**
 * What a Shopify connection needs: the shop's myshopify.com address and the Admin API access token
 * of a custom app (Shopify admin → Settings → Apps → Develop apps), plus the app's client secret,
 * which Shopify uses to sign webhooks. The API version is pinned per connection so a Shopify release
 * never changes payloads under us; upgrading is a deliberate config change.
 */
import { z } from 'zod';
import type { ConfigField } from '../define.ts';

/** Shopify's own shop-domain check (`shop-validator.ts` in shopify-app-js), without the admin URL form. */
export const shopDomainPattern =
  /^[a-zA-Z0-9][a-zA-Z0-9-_]*\.(myshopify\.com|shopify\.com|myshopify\.io|shop\.dev)$/;

export const defaultApiVersion = '2026-10';

/** Above this many orders a full sync asks Shopify for a bulk export instead of paging (see bulk.ts). */
export const defaultBulkThreshold = 10_000;

export const shopifyConfig = z.object({
  shop: z
    .string()
    .trim()
    .toLowerCase()
    // People paste the admin URL; keep only the host.
    .transform((value) => value.replace(/^https?:\/\//, '').replace(/\/+$/, ''))
    .pipe(
      z
        .string()
        .regex(shopDomainPattern, 'Use the shop’s myshopify.com address, e.g. kariakoo.myshopify.com'),
    ),
  accessToken: z.string().trim().min(1),
  webhookSecret: z.string().trim().min(1),
  apiVersion: z
    .string()
    .regex(/^\d{4}-(01|04|07|10)$/, 'A Shopify API version looks like 2026-10')
    .default(defaultApiVersion),
  /** `auto` uses a bulk operation for full order syncs of shops with more than `bulkThreshold` orders. */
  bulk: z.enum(['auto', 'always', 'never']).default('auto'),
  bulkThreshold: z.number().int().min(0).default(defaultBulkThreshold),
  /** The shop's currency, saved by `check`/`setup`: product webhooks carry prices but no currency. */
  currency: z.string().length(3).optional(),
  /**
   * The location whose stock Kiungo writes (actions.ts). Unset: the one location an item is stocked
   * at. Takes the global id or the number from the admin URL (Settings → Locations → …/locations/123).
   */
  stockLocationId: z
    .string()
    .trim()
    .transform((value) => (/^\d+$/.test(value) ? `gid://shopify/Location/${value}` : value))
    .pipe(
      z
        .string()
        .regex(
          /^gid:\/\/shopify\/Location\/\d+$/,
          'Use the location’s number from its admin page, e.g. 71203012, or gid://shopify/Location/71203012',
        ),
    )
    .optional(),
});

export type ShopifyConfig = z.output<typeof shopifyConfig>;

export const shopifyFields: readonly ConfigField[] = [
  {
    name: 'shop',
    label: 'Shop address',
    placeholder: 'kariakoo.myshopify.com',
    help: 'Your shop’s myshopify.com address (Shopify admin → Settings → Domains).',
  },
  {
    name: 'accessToken',
    label: 'Admin API access token',
    secret: true,
    placeholder: 'shpat_…',
    help:
      'Shopify admin → Settings → Apps → Develop apps → create an app with read access to orders, ' +
      'customers, products and inventory (and write access to inventory if Kiungo should update stock), ' +
      'install it, then copy the Admin API access token (shown once).',
  },
  {
    name: 'webhookSecret',
    label: 'API secret key',
    secret: true,
    placeholder: 'shpss_…',
    help: 'On the same app’s “API credentials” tab: the API secret key. Shopify signs webhooks with it.',
  },
  {
    name: 'apiVersion',
    label: 'API version',
    optional: true,
    placeholder: defaultApiVersion,
    help: 'Leave empty unless support asks you to change it.',
  },
  {
    name: 'stockLocationId',
    label: 'Stock location',
    optional: true,
    placeholder: '71203012',
    help:
      'Only needed if your shop stocks products at more than one location: the location whose stock ' +
      'Kiungo updates. Shopify admin → Settings → Locations → open the location; the number at the end ' +
      'of the page address is its id.',
  },
];
