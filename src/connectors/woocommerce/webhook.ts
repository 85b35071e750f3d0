/**
 * WooCommerce webhooks (class-wc-webhook.php): the body is `wp_json_encode($payload)`, signed with
 * `X-WC-Webhook-Signature: base64(HMAC-SHA256(body, secret))` and described by `X-WC-Webhook-Topic`,
 * `-Resource`, `-Event`, `-Source`, `-ID` and `-Delivery-ID`. The signature is checked over the raw
 * bytes: WordPress escapes `/` as `\/` and non-ASCII as `\uXXXX`, which `JSON.stringify` would undo.
 *
 * https://woocommerce.github.io/woocommerce-rest-api-docs/#webhooks
 */
import type { z } from 'zod';
import type { SyncEntity, SyncRecord } from '../../sync/records.ts';
import type { ParsedWebhook, WebhookHandler, WebhookInput, WebhookVerdict } from '../define.ts';
import { ConnectorError } from '../errors.ts';
import { verifyBase64Hmac } from '../signatures.ts';
import type { WooConfig } from './config.ts';
import { mapCustomer, mapOrder, mapProduct } from './map.ts';
import { wooCustomer, wooDeleted, wooOrder, wooProduct } from './schemas.ts';

const decoder = new TextDecoder();

/**
 * On creation and activation WooCommerce posts `webhook_id=<id>` as a form, unsigned and without any
 * X-WC header, and keeps the webhook only if the answer is 2xx. It carries nothing, so it is answered
 * and never stored.
 */
function isPing(input: WebhookInput): boolean {
  if (input.headers.has('x-wc-webhook-topic') || input.body.length > 64) return false;
  return /^webhook_id=\d+$/.test(decoder.decode(input.body).trim());
}

/** `home_url('/')` of the sending site, compared by host without `www.`. */
function sameSite(source: string, siteUrl: string): boolean {
  try {
    const host = (url: string) => new URL(url).hostname.toLowerCase().replace(/^www\./, '');
    return host(source) === host(siteUrl);
  } catch {
    return false;
  }
}

export async function verifyWooWebhook(config: WooConfig, input: WebhookInput): Promise<WebhookVerdict> {
  if (isPing(input)) return { ok: true, ping: true };
  const signature = input.headers.get('x-wc-webhook-signature');
  if (!signature) return { ok: false, reason: 'The delivery is not signed (no X-WC-Webhook-Signature)' };
  if (!(await verifyBase64Hmac(config.webhookSecret, input.body, signature)))
    return {
      ok: false,
      reason: 'The X-WC-Webhook-Signature does not match this connection’s webhook secret',
    };
  if (!input.headers.get('x-wc-webhook-topic'))
    return { ok: false, reason: 'The delivery has no X-WC-Webhook-Topic' };
  // A valid signature from another site means the secret was pasted into a second shop.
  const source = input.headers.get('x-wc-webhook-source');
  if (source && !sameSite(source, config.siteUrl))
    return { ok: false, reason: `The delivery comes from ${source}, not from ${config.siteUrl}` };
  return { ok: true };
}

const entities: Record<string, SyncEntity> = { order: 'order', customer: 'customer', product: 'product' };

function readBody(input: WebhookInput): Record<string, unknown> {
  let body: unknown;
  try {
    body = JSON.parse(decoder.decode(input.body));
  } catch (cause) {
    throw new ConnectorError('malformed', 'The WooCommerce delivery is not JSON', { cause });
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw new ConnectorError('malformed', 'The WooCommerce delivery is not a JSON object');
  return body as Record<string, unknown>;
}

function parseAs<Schema extends z.ZodType>(schema: Schema, body: unknown, topic: string): z.output<Schema> {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.map(String).join('.')}: ${issue.message}`);
  throw new ConnectorError(
    'malformed',
    `The ${topic} delivery does not look like WooCommerce's: ${issues.join('; ')}`,
    {
      details: { issues },
    },
  );
}

/**
 * The event id joins the delivery id with the resource and its modification time. WooCommerce makes
 * the delivery id as `wp_hash(webhook id . current second)`: one webhook delivering two orders in the
 * same second sends the same delivery id twice, so alone it would drop the second order as a
 * duplicate. A delivery repeated in the same second (the same change fired twice by one save) keeps
 * every part and is dropped; repeated later it gets a new delivery id, passes, and the engine finds
 * its payload unchanged. Deleted payloads carry no modification time, only the id.
 */
export function parseWooWebhook(config: WooConfig, input: WebhookInput): ParsedWebhook {
  const topic = input.headers.get('x-wc-webhook-topic') ?? 'unknown';
  const [resource = '', event = ''] = topic.split('.');
  const body = readBody(input);
  const id = typeof body.id === 'number' || typeof body.id === 'string' ? String(body.id) : '';
  const modified = typeof body.date_modified_gmt === 'string' ? body.date_modified_gmt : '';
  const delivery = input.headers.get('x-wc-webhook-delivery-id') ?? '';
  const eventId = [delivery, resource, id, modified].join(':');
  const entity = entities[resource];
  if (!entity)
    return {
      eventId,
      topic,
      records: [],
      note: `Kiungo does not keep WooCommerce ${resource || topic} data`,
    };
  if (event === 'deleted') {
    const { id: deletedId } = parseAs(wooDeleted, body, topic);
    return { eventId, topic, records: [{ entity, externalId: String(deletedId), deleted: true }] };
  }
  try {
    return { eventId, topic, ...recordsOf(config, entity, body, topic) };
  } catch (error) {
    if (error instanceof ConnectorError) throw error;
    // An amount or currency the money parser refuses (a plugin's non-ISO currency, say).
    throw new ConnectorError(
      'malformed',
      `The ${topic} delivery could not be read: ${(error as Error).message}`,
      {
        cause: error,
      },
    );
  }
}

function recordsOf(
  config: WooConfig,
  entity: SyncEntity,
  body: unknown,
  topic: string,
): { records: SyncRecord[]; note?: string } {
  if (entity === 'order') {
    const record = mapOrder(parseAs(wooOrder, body, topic));
    return record ? { records: [record] } : { records: [], note: 'A checkout draft, not an order yet' };
  }
  if (entity === 'customer') return { records: [mapCustomer(parseAs(wooCustomer, body, topic))] };
  const product = parseAs(wooProduct, body, topic);
  if (!config.currency)
    return { records: [], note: 'The shop currency is not known yet; the next sync reads this product' };
  const record = mapProduct(product, config.currency);
  if (record) return { records: [record] };
  // Reading the variations needs a call back to the shop, which a webhook never makes.
  return { records: [], note: `A ${product.type} product; its variations are read by the next sync` };
}

export const wooWebhook: WebhookHandler<WooConfig> = {
  verify: verifyWooWebhook,
  parse: parseWooWebhook,
};
