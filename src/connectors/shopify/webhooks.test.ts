import '@shopify/shopify-api/adapters/web-api';
import { readFileSync } from 'node:fs';
import { ApiVersion, shopifyApi } from '@shopify/shopify-api';
import { describe, expect, it } from 'vitest';
import type { RecordOf } from '../../sync/records.ts';
import type { WebhookInput } from '../define.ts';
import { bytesToBase64, hmacSha256 } from '../signatures.ts';
import { shopifyConfig } from './config.ts';
import { shopify } from './index.ts';
import { parseWebhookJson } from './webhooks.ts';

const secret = 'shpss_test_secret';
const config = shopifyConfig.parse({
  shop: 'kariakoo.myshopify.com',
  accessToken: 'shpat_test_token',
  webhookSecret: secret,
  currency: 'KES',
});
const webhook = (() => {
  if (!shopify.webhook) throw new Error('the Shopify connector receives webhooks');
  return shopify.webhook;
})();

// Vector S1 of vendor-api-facts.md §1.8 (cross-checked with openssl).
const s1Body = '{"id":820982911946154508,"email":"jon@example.com","total_price":"199.00"}';
const s1Signature = 'PzudfBZpUMDsDkrqMxVhwZXRqoXnHkfw1BjKtyEit/I=';

const fixture = (name: string) =>
  new Uint8Array(readFileSync(new URL(`../../../tests/fixtures/shopify/webhooks/${name}`, import.meta.url)));
const encode = (text: string) => new TextEncoder().encode(text);

function headersFor(topic: string, signature: string, extra: Record<string, string> = {}): Headers {
  return new Headers({
    'content-type': 'application/json',
    'x-shopify-topic': topic,
    'x-shopify-hmac-sha256': signature,
    'x-shopify-shop-domain': 'kariakoo.myshopify.com',
    'x-shopify-api-version': '2026-10',
    'x-shopify-webhook-id': 'b54557e4-bdd9-4b37-8a5f-bf7d70bcd043',
    'x-shopify-event-id': '98880550-7158-44d4-b7cd-2c97c8a091b5',
    'x-shopify-triggered-at': '2026-11-21T12:05:12.000Z',
    ...extra,
  });
}

async function signed(
  topic: string,
  body: Uint8Array,
  extra: Record<string, string> = {},
): Promise<WebhookInput> {
  return {
    headers: headersFor(topic, bytesToBase64(await hmacSha256(secret, body)), extra),
    body,
    subpath: [],
  };
}

const library = shopifyApi({
  apiKey: 'kiungo-test',
  apiSecretKey: secret,
  apiVersion: ApiVersion.October26,
  hostName: 'kiungo.test',
  isEmbeddedApp: false,
  logger: { level: 0, log: async () => {} },
});

/** Asks Shopify's own library whether a delivery is valid. */
async function shopifySays(input: WebhookInput): Promise<boolean> {
  const rawBody = new TextDecoder().decode(input.body);
  const rawRequest = new Request('https://kiungo.test/webhooks/shopify', {
    method: 'POST',
    headers: input.headers,
    body: input.body as BodyInit,
  });
  const result = await library.webhooks.validate({ rawBody, rawRequest, rawResponse: new Response() });
  return result.valid;
}

async function weSay(input: WebhookInput): Promise<boolean> {
  return (await webhook.verify(config, input)).ok;
}

describe('Shopify webhook signatures', () => {
  it('accepts test vector S1', async () => {
    const input = { headers: headersFor('orders/create', s1Signature), body: encode(s1Body), subpath: [] };
    expect(bytesToBase64(await hmacSha256(secret, encode(s1Body)))).toBe(s1Signature);
    expect(await webhook.verify(config, input)).toEqual({ ok: true });
  });

  it('rejects a tampered byte, an empty body, a missing header and another shop', async () => {
    const tampered = encode(s1Body.replace('199.00', '199.01'));
    expect(
      await weSay({ headers: headersFor('orders/create', s1Signature), body: tampered, subpath: [] }),
    ).toBe(false);
    const empty = await webhook.verify(config, {
      headers: headersFor('orders/create', s1Signature),
      body: new Uint8Array(),
      subpath: [],
    });
    expect(empty).toEqual({ ok: false, reason: 'The body is empty' });
    for (const name of ['x-shopify-hmac-sha256', 'x-shopify-topic', 'x-shopify-shop-domain']) {
      const headers = headersFor('orders/create', s1Signature);
      headers.delete(name);
      expect(await weSay({ headers, body: encode(s1Body), subpath: [] })).toBe(false);
    }
    const elsewhere = headersFor('orders/create', s1Signature, {
      'x-shopify-shop-domain': 'other-shop.myshopify.com',
    });
    expect(await webhook.verify(config, { headers: elsewhere, body: encode(s1Body), subpath: [] })).toEqual({
      ok: false,
      reason: 'The webhook is for other-shop.myshopify.com, not kariakoo.myshopify.com',
    });
  });

  it('agrees with @shopify/shopify-api on valid and invalid deliveries', async () => {
    const valid = await signed('orders/create', fixture('orders-create.json'));
    const withoutTopic = headersFor('orders/create', s1Signature);
    withoutTopic.delete('x-shopify-topic');
    const cases: WebhookInput[] = [
      { headers: headersFor('orders/create', s1Signature), body: encode(s1Body), subpath: [] },
      valid,
      await signed('customers/create', fixture('customers-create.json')),
      { ...valid, body: encode(`${new TextDecoder().decode(valid.body)} `) },
      {
        headers: headersFor('orders/create', s1Signature),
        body: encode(s1Body.replace('jon', 'jan')),
        subpath: [],
      },
      { headers: headersFor('orders/create', 'bm90IGEgc2lnbmF0dXJl'), body: encode(s1Body), subpath: [] },
      { headers: headersFor('orders/create', s1Signature), body: new Uint8Array(), subpath: [] },
      { headers: withoutTopic, body: encode(s1Body), subpath: [] },
    ];
    const verdicts = [];
    for (const input of cases) verdicts.push([await weSay(input), await shopifySays(input)]);
    expect(verdicts).toEqual([
      [true, true],
      [true, true],
      [true, true],
      [false, false],
      [false, false],
      [false, false],
      [false, false],
      [false, false],
    ]);
  });
});

describe('Shopify webhook payloads', () => {
  it('parses orders/create with exact money and the int64 id intact', async () => {
    const parsed = await webhook.parse(config, await signed('orders/create', fixture('orders-create.json')));
    expect(parsed.eventId).toBe('98880550-7158-44d4-b7cd-2c97c8a091b5');
    expect(parsed.topic).toBe('orders/create');
    const [order] = parsed.records as RecordOf<'order'>[];
    expect(order).toMatchObject({
      entity: 'order',
      externalId: '820982911946154508',
      changedAt: new Date('2026-11-21T11:05:12Z'),
      fields: {
        number: '#9999',
        total: 19900,
        currency: 'KES',
        status: 'open',
        ordered_at: new Date('2026-11-21T11:05:11Z'),
        customer: { externalId: '115310627314723954', full_name: 'Jon Snow', email: 'jon@example.com' },
        lines: [
          { sku: 'KNG-RED', description: 'Kanga Classic', quantity: 1, unit_price: 18900, total: 18900 },
        ],
      },
    });
  });

  it('falls back to the webhook id when there is no event id', async () => {
    const input = await signed(
      'orders/updated',
      encode(
        s1Body.replace(
          '}',
          ',"name":"#1","created_at":"2026-11-21T10:00:00Z","currency":"KES","line_items":[]}',
        ),
      ),
    );
    input.headers.delete('x-shopify-event-id');
    expect((await webhook.parse(config, input)).eventId).toBe('b54557e4-bdd9-4b37-8a5f-bf7d70bcd043');
  });

  it('parses customers/create without tags or consent (API 2025-01 and later)', async () => {
    const parsed = await webhook.parse(
      config,
      await signed('customers/create', fixture('customers-create.json')),
    );
    expect(parsed.records).toEqual([
      expect.objectContaining({
        entity: 'customer',
        externalId: '706405506930370084',
        changedAt: new Date('2026-11-21T12:02:41Z'),
        fields: expect.objectContaining({
          full_name: 'Bob Biller',
          email: 'bob@example.com',
          phone: '+254722000333',
          street: 'Biashara Street 14',
          city: 'Mombasa',
          notes: 'This customer loves ice cream',
        }),
      }),
    ]);
    expect(parsed.records[0]?.fields).not.toHaveProperty('tags');
  });

  it('parses products/create into one product per variant', async () => {
    const parsed = await webhook.parse(
      config,
      await signed('products/create', fixture('products-create.json')),
    );
    expect(
      (parsed.records as RecordOf<'product'>[]).map((record) => [
        record.externalId,
        record.fields.name,
        record.fields.price,
      ]),
    ).toEqual([
      ['642667041472713922', 'Kanga Sunrise – Small', 145000],
      ['757650484644203962', 'Kanga Sunrise – Large', 165050],
    ]);
    const unknownCurrency = await webhook.parse(
      { ...config, currency: undefined },
      await signed('products/create', fixture('products-create.json')),
    );
    expect(unknownCurrency.records).toEqual([]);
  });

  it('turns delete topics into deleted records', async () => {
    const order = await webhook.parse(config, await signed('orders/delete', fixture('orders-delete.json')));
    expect(order.records).toEqual([
      { entity: 'order', externalId: '820982911946154508', deleted: true, raw: { id: '820982911946154508' } },
    ]);
    const product = await webhook.parse(
      config,
      await signed('products/delete', fixture('products-delete.json')),
    );
    expect(product.records).toMatchObject([
      { entity: 'product', externalId: '788032119674292922', deleted: true },
    ]);
    const customer = await webhook.parse(
      config,
      await signed('customers/delete', encode('{"id":706405506930370084}')),
    );
    expect(customer.records).toMatchObject([
      { entity: 'customer', externalId: '706405506930370084', deleted: true },
    ]);
  });

  it('notes inventory changes and uninstalls without records', async () => {
    const level = await webhook.parse(
      config,
      await signed('inventory_levels/update', fixture('inventory-levels-update.json')),
    );
    expect(level.records).toEqual([]);
    expect(level.note).toMatch(/10044100101:71203012 is now 31/);
    const uninstalled = await webhook.parse(
      config,
      await signed('app/uninstalled', fixture('app-uninstalled.json')),
    );
    expect(uninstalled).toMatchObject({
      topic: 'app/uninstalled',
      records: [],
      note: 'The Shopify app was uninstalled',
    });
  });

  it('throws a malformed failure for a body it cannot read', async () => {
    await expect(async () =>
      webhook.parse(config, await signed('orders/create', encode('{"id":1}'))),
    ).rejects.toMatchObject({
      failure: 'malformed',
    });
    expect(() => parseWebhookJson(encode('not json'))).toThrow(/not JSON/);
  });
});
