/**
 * Shopify webhooks (https://shopify.dev/docs/apps/build/webhooks/delivery-structure): a POST with
 * the REST-shaped JSON of the object and headers naming the topic, the shop and the event. The
 * `X-Shopify-Hmac-Sha256` header is the base64 HMAC-SHA256 of the raw body under the app's client
 * secret (https://shopify.dev/docs/apps/build/webhooks/subscribe/https#step-5-verify-the-webhook);
 * there is no timestamp, so replays are stopped by de-duplicating on `X-Shopify-Event-Id`
 * (https://shopify.dev/docs/apps/build/webhooks/ignore-duplicates).
 */
import type { z } from 'zod';
import type { ParsedWebhook, WebhookInput, WebhookVerdict } from '../define.ts';
import { ConnectorError } from '../errors.ts';
import { verifyBase64Hmac } from '../signatures.ts';
import type { ShopifyConfig } from './config.ts';
import {
  customerFromWebhook,
  deletedRecord,
  inventoryKeyFromWebhook,
  orderFromWebhook,
  productsFromWebhook,
} from './map.ts';
import { restCustomer, restDeleted, restInventoryLevel, restOrder, restProduct } from './schemas.ts';

/** The topics `setup` subscribes to, as GraphQL enum values. */
export const webhookTopics = [
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
] as const;

/** Classic deliveries use `X-Shopify-*`; the newer "Events" deliveries drop the `X-` prefix. */
function header(headers: Headers, name: string): string | null {
  return headers.get(`x-shopify-${name}`) ?? headers.get(`shopify-${name}`);
}

export async function verifyShopifyWebhook(
  config: ShopifyConfig,
  input: WebhookInput,
): Promise<WebhookVerdict> {
  const signature = header(input.headers, 'hmac-sha256');
  const topic = header(input.headers, 'topic');
  const domain = header(input.headers, 'shop-domain');
  if (!signature) return { ok: false, reason: 'The X-Shopify-Hmac-Sha256 header is missing' };
  if (!topic || !domain)
    return { ok: false, reason: 'The X-Shopify-Topic or X-Shopify-Shop-Domain header is missing' };
  if (input.body.length === 0) return { ok: false, reason: 'The body is empty' };
  if (!(await verifyBase64Hmac(config.webhookSecret, input.body, signature)))
    return { ok: false, reason: 'The signature does not match the body' };
  // A valid signature for another shop means the app's secret is shared: not ours to take.
  if (domain.trim().toLowerCase() !== config.shop)
    return { ok: false, reason: `The webhook is for ${domain}, not ${config.shop}` };
  return { ok: true };
}

/**
 * JSON with Shopify's int64 ids kept exact: ids above 2^53 (the docs' sample order is
 * 820982911946154508) would otherwise lose digits, so they are kept as the digits Shopify sent.
 */
export function parseWebhookJson(body: Uint8Array): unknown {
  const text = new TextDecoder().decode(body);
  let sourceSeen = false;
  const exact = (_key: string, value: unknown, context?: { source?: string }) => {
    if (context?.source !== undefined) sourceSeen = true;
    if (
      typeof value === 'number' &&
      !Number.isSafeInteger(value) &&
      context?.source &&
      /^-?\d+$/.test(context.source)
    )
      return context.source;
    return value;
  };
  try {
    const parsed = JSON.parse(text, exact);
    if (sourceSeen || !/\d{16,}/.test(text)) return parsed;
    // A runtime without JSON.parse source access: quote long integers of `id`-like keys first.
    return JSON.parse(text.replace(/("(?:id|[a-z_]+_id)"\s*:\s*)(-?\d{16,})/g, '$1"$2"'));
  } catch (cause) {
    throw new ConnectorError('malformed', 'Shopify sent a webhook body that is not JSON', { cause });
  }
}

function read<Schema extends z.ZodType>(schema: Schema, body: unknown, topic: string): z.output<Schema> {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new ConnectorError('malformed', `Shopify sent a ${topic} webhook we could not read`, {
    details: { path: issue?.path.join('.'), issue: issue?.message },
  });
}

export function parseShopifyWebhook(config: ShopifyConfig, input: WebhookInput): ParsedWebhook {
  const topic = (header(input.headers, 'topic') ?? '').toLowerCase();
  // Event-Id is shared by every delivery of one change; Webhook-Id differs per delivery.
  const eventId =
    header(input.headers, 'event-id') ??
    header(input.headers, 'webhook-id') ??
    header(input.headers, 'hmac-sha256');
  if (!eventId) throw new ConnectorError('malformed', 'The Shopify webhook has no event id');
  const base = { eventId, topic };
  const body = parseWebhookJson(input.body);
  const [resource, action] = topic.split('/');

  if (action === 'delete' && (resource === 'orders' || resource === 'customers' || resource === 'products')) {
    const { id } = read(restDeleted, body, topic);
    const entity = resource === 'orders' ? 'order' : resource === 'customers' ? 'customer' : 'product';
    return {
      ...base,
      records: [deletedRecord(entity, id, body)],
      // Canonical products are variants; the payload names only the product.
      note: entity === 'product' ? `Shopify product ${id} and all its variants were deleted` : undefined,
    };
  }
  if (resource === 'orders' && action !== 'edited')
    return { ...base, records: [orderFromWebhook(read(restOrder, body, topic))] };
  if (resource === 'customers' && ['create', 'update', 'enable', 'disable'].includes(action ?? ''))
    return { ...base, records: [customerFromWebhook(read(restCustomer, body, topic))] };
  if (resource === 'products') {
    const product = read(restProduct, body, topic);
    if (!config.currency)
      return {
        ...base,
        records: [],
        note: 'The shop’s currency is not known yet; the next products sync fills it in',
      };
    return { ...base, records: productsFromWebhook(product, config.currency) };
  }
  if (topic === 'inventory_levels/update') {
    // The payload has the inventory item and location ids but no SKU or location name, which
    // inventory records need: a records-mode inventory sync of this id fetches them.
    const level = read(restInventoryLevel, body, topic);
    return {
      ...base,
      records: [],
      note: `Inventory ${inventoryKeyFromWebhook(level)} is now ${level.available ?? 'untracked'}; a records sync of that id brings the SKU and location`,
    };
  }
  if (topic === 'app/uninstalled') return { ...base, records: [], note: 'The Shopify app was uninstalled' };
  return { ...base, records: [], note: `Kiungo does not use the ${topic} webhook` };
}
