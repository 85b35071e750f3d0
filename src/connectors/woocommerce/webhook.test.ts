import { describe, expect, it } from 'vitest';
import { wooFixture, wooSignature, wpJsonEncode } from '../../../tests/support/vendors/woocommerce.ts';
import type { WebhookInput } from '../define.ts';
import { ConnectorError } from '../errors.ts';
import { type WooConfig, wooConfig } from './config.ts';
import { woocommerce } from './index.ts';

const config: WooConfig = wooConfig.parse({
  siteUrl: 'https://shop.test',
  consumerKey: 'ck_abc',
  consumerSecret: 'cs_def',
  webhookSecret: 'wc_webhook_secret',
  currency: 'KES',
});

const encoder = new TextEncoder();
const webhook = woocommerce.webhook ?? expect.unreachable();

function delivery(body: string, headers: Record<string, string>): WebhookInput {
  return { headers: new Headers(headers), body: encoder.encode(body), subpath: [] };
}

function signed(body: string, topic: string, extra: Record<string, string> = {}): WebhookInput {
  return delivery(body, {
    'content-type': 'application/json',
    'x-wc-webhook-source': 'https://shop.test/',
    'x-wc-webhook-topic': topic,
    'x-wc-webhook-resource': topic.split('.')[0] ?? '',
    'x-wc-webhook-event': topic.split('.')[1] ?? '',
    'x-wc-webhook-signature': wooSignature(body, config.webhookSecret),
    'x-wc-webhook-id': '100',
    'x-wc-webhook-delivery-id': 'f1c3e2d4a5b6c7d8e9f0a1b2c3d4e5f6',
    ...extra,
  });
}

// Vector W1 (vendor-api-facts §2.6): the raw body has literal `\/` and `\u00e9` escapes.
const w1Body = String.raw`{"id":1,"status":"processing","total":"25.00","permalink":"https:\/\/shop.test\/p\/1","billing":{"first_name":"Am\u00e9lie"}}`;
const w1Signature = '+DQqyuK+zBdzbhFc/aVf7T2PcvmGXLsDPvQLiHM7a48=';

describe('WooCommerce webhook verification', () => {
  const w1 = (body: string) =>
    delivery(body, { 'x-wc-webhook-topic': 'order.updated', 'x-wc-webhook-signature': w1Signature });

  it('accepts vector W1 over the raw bytes', async () => {
    expect(await webhook.verify(config, w1(w1Body))).toEqual({ ok: true });
  });

  it('rejects W1-neg: the same JSON re-serialised no longer matches the signature', async () => {
    const reserialised = JSON.stringify(JSON.parse(w1Body));
    expect(reserialised).toContain('"https://shop.test/p/1"');
    expect(wooSignature(reserialised, 'wc_webhook_secret')).toBe(
      'pK7pT11hW4H50VeDiUGN2Smurx9qMlHkICl1bIjO8cI=',
    );
    expect(await webhook.verify(config, w1(reserialised))).toMatchObject({ ok: false });
  });

  it('rejects a tampered body and a signature made with another secret', async () => {
    expect(await webhook.verify(config, w1(w1Body.replace('25.00', '2.50')))).toMatchObject({ ok: false });
    const other = delivery(w1Body, {
      'x-wc-webhook-topic': 'order.updated',
      'x-wc-webhook-signature': wooSignature(w1Body, 'another_secret'),
    });
    expect(await webhook.verify(config, other)).toMatchObject({ ok: false });
  });

  it('answers the unsigned creation ping as a ping', async () => {
    const ping = delivery('webhook_id=123', { 'content-type': 'application/x-www-form-urlencoded' });
    expect(await webhook.verify(config, ping)).toEqual({ ok: true, ping: true });
  });

  it('rejects unsigned deliveries that are not the ping', async () => {
    const unsigned = delivery('{"id":1}', { 'x-wc-webhook-topic': 'order.created' });
    expect(await webhook.verify(config, unsigned)).toMatchObject({
      ok: false,
      reason: expect.stringContaining('not signed'),
    });
    // The ping's body with a topic header is not a ping, and without a signature it is refused.
    const fakePing = delivery('webhook_id=123', { 'x-wc-webhook-topic': 'order.created' });
    expect(await webhook.verify(config, fakePing)).toMatchObject({ ok: false });
    const notPing = delivery('webhook_id=123&total=5', {});
    expect(await webhook.verify(config, notPing)).toMatchObject({ ok: false });
  });

  it('needs a topic, and refuses a signed delivery from another site', async () => {
    const body = '{"id":1}';
    const noTopic = delivery(body, { 'x-wc-webhook-signature': wooSignature(body, config.webhookSecret) });
    expect(await webhook.verify(config, noTopic)).toMatchObject({
      ok: false,
      reason: expect.stringContaining('Topic'),
    });
    const elsewhere = signed(body, 'order.created', { 'x-wc-webhook-source': 'https://other-shop.test/' });
    expect(await webhook.verify(config, elsewhere)).toMatchObject({
      ok: false,
      reason: expect.stringContaining('other-shop.test'),
    });
    const www = signed(body, 'order.created', { 'x-wc-webhook-source': 'https://www.shop.test/' });
    expect(await webhook.verify(config, www)).toEqual({ ok: true });
  });
});

describe('WooCommerce webhook parsing', () => {
  it('parses order.created into an order, with an event id that tells resources apart', async () => {
    const order = wooFixture('orders')[0];
    const input = signed(wpJsonEncode(order), 'order.created');
    expect(await webhook.verify(config, input)).toEqual({ ok: true });
    const parsed = await webhook.parse(config, input);
    expect(parsed.topic).toBe('order.created');
    expect(parsed.eventId).toBe('f1c3e2d4a5b6c7d8e9f0a1b2c3d4e5f6:order:727:2026-11-20T08:00:00');
    expect(parsed.records).toHaveLength(1);
    expect(parsed.records[0]).toMatchObject({
      entity: 'order',
      externalId: '727',
      changedAt: new Date('2026-11-20T08:00:00Z'),
      fields: { number: '727', total: 275600, currency: 'KES', status: 'open' },
    });
    // Same delivery id (same webhook, same second), another order: another event.
    const next = await webhook.parse(config, signed(wpJsonEncode({ ...order, id: 728 }), 'order.created'));
    expect(next.eventId).not.toBe(parsed.eventId);
  });

  it('parses customer.updated, keeping escaped non-ASCII names', async () => {
    const customer = { ...wooFixture('customers')[0], first_name: 'Amélie' };
    const body = wpJsonEncode(customer);
    expect(body).toContain('Am\\u00e9lie');
    const parsed = await webhook.parse(config, signed(body, 'customer.updated'));
    expect(parsed.records).toEqual([
      expect.objectContaining({
        entity: 'customer',
        externalId: '26',
        fields: expect.objectContaining({ full_name: 'Amélie Juma', phone: '0712 345 678', city: 'Nairobi' }),
      }),
    ]);
  });

  it('parses order.deleted ({"id"}) into a deleted record', async () => {
    const parsed = await webhook.parse(config, signed('{"id":729}', 'order.deleted'));
    expect(parsed.records).toEqual([{ entity: 'order', externalId: '729', deleted: true }]);
    expect(parsed.eventId).toBe('f1c3e2d4a5b6c7d8e9f0a1b2c3d4e5f6:order:729:');
  });

  it('maps product webhooks in the shop currency; variable parents wait for the next sync', async () => {
    const [simple, variable] = wooFixture('products');
    const parsed = await webhook.parse(config, signed(wpJsonEncode(simple), 'product.updated'));
    expect(parsed.records[0]).toMatchObject({
      entity: 'product',
      fields: { price: 125050, currency: 'KES', sku: 'KNG-01' },
    });
    const parent = await webhook.parse(config, signed(wpJsonEncode(variable), 'product.updated'));
    expect(parent.records).toEqual([]);
    expect(parent.note).toContain('variations');
  });

  it('stores topics Kiungo does not keep with a note, and refuses bodies it cannot read', async () => {
    const coupon = await webhook.parse(config, signed('{"id":5,"code":"SALE"}', 'coupon.created'));
    expect(coupon).toMatchObject({ records: [], note: expect.stringContaining('coupon') });
    await expect(async () => webhook.parse(config, signed('{"id":', 'order.created'))).rejects.toThrow(
      ConnectorError,
    );
    await expect(async () =>
      webhook.parse(config, signed('{"id":"x"}', 'order.updated')),
    ).rejects.toMatchObject({
      failure: 'malformed',
    });
  });
});
