/**
 * Checking a new connection and registering Kiungo's webhooks in the shop.
 */
import { z } from 'zod';
import type { ConnectorRuntime } from '../define.ts';
import { isConnectorError } from '../errors.ts';
import type { HttpClient } from '../http-client.ts';
import { numberedPages } from '../paginate.ts';
import { wooClient } from './api.ts';
import type { WooConfig } from './config.ts';
import { type WooWebhook, wooWebhook } from './schemas.ts';
import { perPage, shopCurrency } from './sync.ts';

/** What Kiungo listens to. `*.deleted` also fires when an order or product goes to the trash. */
export const webhookTopics = [
  'order.created',
  'order.updated',
  'order.deleted',
  'customer.created',
  'customer.updated',
  'customer.deleted',
  'product.created',
  'product.updated',
  'product.deleted',
] as const;

const systemStatus = z.object({
  environment: z
    .object({ home_url: z.string().nullish(), site_url: z.string().nullish() })
    .partial()
    .nullish(),
});

const siteIndex = z.object({ name: z.string().nullish() });

/**
 * Proves the keys work with a request that needs them (the system status, manager only), then reads
 * the site's name from the public WordPress index, falling back to the shop's address.
 *
 * https://woocommerce.github.io/woocommerce-rest-api-docs/#system-status
 */
export async function checkWooCommerce(runtime: ConnectorRuntime<WooConfig>): Promise<{ account: string }> {
  const http = wooClient(runtime);
  const status = await http.request('GET', 'system_status', { query: { _fields: 'environment' } });
  const environment = systemStatus.safeParse(status.body).data?.environment;
  const home = environment?.home_url || environment?.site_url || runtime.config.siteUrl;
  const index = await http.request('GET', `${runtime.config.siteUrl}/wp-json/`, {
    query: { _fields: 'name' },
    accept: [401, 403, 404],
  });
  const name = siteIndex.safeParse(index.body).data?.name?.trim();
  return { account: name || new URL(home).host };
}

async function listWebhooks(runtime: ConnectorRuntime<WooConfig>, http: HttpClient): Promise<WooWebhook[]> {
  const webhooks: WooWebhook[] = [];
  // https://woocommerce.github.io/woocommerce-rest-api-docs/#list-all-webhooks
  const pages = numberedPages(
    http,
    { path: 'webhooks', query: { per_page: perPage }, totalPagesHeader: 'x-wp-totalpages' },
    null,
    (response) => z.array(wooWebhook).catch([]).parse(response.body),
    { signal: runtime.signal },
  );
  for await (const page of pages) webhooks.push(...page.items);
  return webhooks;
}

function manualSteps(runtime: ConnectorRuntime<WooConfig>, missing: readonly string[]): string[] {
  return [
    'The API key may only read, so Kiungo could not add its webhooks. Either make a Read/Write key and connect again, or add them by hand:',
    `WooCommerce → Settings → Advanced → Webhooks → Add webhook, once for each topic: ${missing.join(', ')}.`,
    `Status Active, Delivery URL ${runtime.webhookUrl}, Secret: the webhook secret shown on the connect page, API version "WP REST API Integration v3".`,
  ];
}

/**
 * Learns the shop's currency, then makes sure each topic has an active webhook pointing at this
 * connection: missing ones are created, ones WooCommerce disabled after failed deliveries are
 * reactivated (with the secret again), and active ones are left alone.
 */
export async function setupWooCommerce(runtime: ConnectorRuntime<WooConfig>): Promise<string[]> {
  const http = wooClient(runtime);
  const notes: string[] = [];
  const currency = await shopCurrency(runtime, http);
  notes.push(`Prices are in ${currency}, the shop's currency`);
  const ours = (await listWebhooks(runtime, http)).filter((hook) => hook.delivery_url === runtime.webhookUrl);
  const created: string[] = [];
  const reactivated: string[] = [];
  const present: string[] = [];
  const pending = [...webhookTopics];
  try {
    while (pending.length > 0) {
      const topic = pending[0] as (typeof webhookTopics)[number];
      const existing = ours.find((hook) => hook.topic === topic);
      if (existing?.status === 'active') present.push(topic);
      else if (existing) {
        // https://woocommerce.github.io/woocommerce-rest-api-docs/#update-a-webhook
        await http.request('PUT', `webhooks/${existing.id}`, {
          json: { status: 'active', secret: runtime.config.webhookSecret },
        });
        reactivated.push(topic);
      } else {
        // https://woocommerce.github.io/woocommerce-rest-api-docs/#create-a-webhook
        await http.request('POST', 'webhooks', {
          json: {
            name: `Kiungo: ${topic}`,
            topic,
            delivery_url: runtime.webhookUrl,
            secret: runtime.config.webhookSecret,
            status: 'active',
          },
        });
        created.push(topic);
      }
      pending.shift();
    }
  } catch (error) {
    if (!isConnectorError(error) || error.failure !== 'permission') throw error;
    notes.push(...manualSteps(runtime, pending));
  }
  if (created.length) notes.push(`Added ${created.length} webhooks to the shop: ${created.join(', ')}`);
  if (reactivated.length)
    notes.push(
      `Switched back on ${reactivated.length} webhooks WooCommerce had disabled: ${reactivated.join(', ')}`,
    );
  if (present.length) notes.push(`${present.length} webhooks were already in place: ${present.join(', ')}`);
  return notes;
}
