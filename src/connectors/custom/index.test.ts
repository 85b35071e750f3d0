import { Webhook } from 'standardwebhooks';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import type { WebhookInput } from '../define.ts';
import { ConnectorError } from '../errors.ts';
import { customConfig, customWebhook, customWebhookBody, newSigningSecret } from './index.ts';

const now = new Date('2026-11-23T09:00:00Z');
const config = customConfig.parse({ signingSecret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' });
const handler = customWebhook.webhook ?? expect.unreachable();
const encoder = new TextEncoder();

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(now);
});
afterEach(() => vi.useRealTimers());

function signedInput(body: string, options: { id?: string; at?: Date; secret?: string } = {}): WebhookInput {
  const id = options.id ?? 'msg_2KWPBgLlAfxdpx2AI54pPJ85f4W';
  const at = options.at ?? now;
  const signature = new Webhook(options.secret ?? config.signingSecret).sign(id, at, body);
  return {
    headers: new Headers({
      'content-type': 'application/json',
      'webhook-id': id,
      'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
      'webhook-signature': signature,
    }),
    body: encoder.encode(body),
    subpath: [],
  };
}

const sale = {
  type: 'sale.completed',
  data: {
    id: 'S-1001',
    customer: { id: 'C-7', full_name: 'Amina Juma', phone: '0712 345 678' },
    ordered_at: '2026-11-23T11:45:00+03:00',
    total: '2400000',
    currency: 'TZS',
    lines: [
      { sku: 'KNG-01', description: 'Kanga', quantity: 2, unit_price: '1000000' },
      { sku: 'SOAP', quantity: 4, unit_price: 100000, total: '400000.00' },
    ],
  },
};

describe('custom webhook signatures (Standard Webhooks)', () => {
  it('accepts a body signed by the standardwebhooks library', async () => {
    expect(await handler.verify(config, signedInput(JSON.stringify(sale)))).toEqual({ ok: true });
  });

  it('verifies the exact bytes, unicode and escapes included', async () => {
    const body =
      '{"type":"customer.upserted","data":{"id":"C-9","full_name":"Am\\u00e9lie \u00c9t\u00e9","notes":"a\\/b"}}';
    expect(await handler.verify(config, signedInput(body))).toEqual({ ok: true });
    const reserialised = { ...signedInput(body), body: encoder.encode(JSON.stringify(JSON.parse(body))) };
    expect(await handler.verify(config, reserialised)).toMatchObject({ ok: false });
  });

  it('rejects a forged signature, a tampered body and another secret', async () => {
    const input = signedInput(JSON.stringify(sale));
    const forged = new Headers(input.headers);
    forged.set('webhook-signature', 'v1,Zm9yZ2VkIHNpZ25hdHVyZSBmb3IgdGVzdGluZyBvbmx5IQ==');
    expect(await handler.verify(config, { ...input, headers: forged })).toEqual({
      ok: false,
      reason: 'The signature does not match',
    });
    const tampered = { ...input, body: encoder.encode(JSON.stringify(sale).replace('2400000', '2500000')) };
    expect(await handler.verify(config, tampered)).toMatchObject({ ok: false });
    const otherSecret = signedInput(JSON.stringify(sale), { secret: newSigningSecret() });
    expect(await handler.verify(config, otherSecret)).toMatchObject({ ok: false });
  });

  it('rejects missing headers, naming them', async () => {
    const input = signedInput(JSON.stringify(sale));
    const headers = new Headers(input.headers);
    headers.delete('webhook-signature');
    headers.delete('webhook-timestamp');
    expect(await handler.verify(config, { ...input, headers })).toEqual({
      ok: false,
      reason: 'Missing the webhook-timestamp, webhook-signature headers',
    });
  });

  it('rejects timestamps more than 5 minutes old (or ahead), even when correctly signed', async () => {
    const old = signedInput(JSON.stringify(sale), { at: new Date(now.getTime() - 5 * 60_000 - 1000) });
    expect(await handler.verify(config, old)).toMatchObject({
      ok: false,
      reason: expect.stringContaining('too old'),
    });
    const ahead = signedInput(JSON.stringify(sale), { at: new Date(now.getTime() + 6 * 60_000) });
    expect(await handler.verify(config, ahead)).toMatchObject({
      ok: false,
      reason: expect.stringContaining('too new'),
    });
    const recent = signedInput(JSON.stringify(sale), { at: new Date(now.getTime() - 4 * 60_000) });
    expect(await handler.verify(config, recent)).toEqual({ ok: true });
  });

  it('rejects a body that is not UTF-8', async () => {
    const input = signedInput('{}');
    expect(
      await handler.verify(config, { ...input, body: new Uint8Array([0x7b, 0xff, 0x7d]) }),
    ).toMatchObject({
      ok: false,
      reason: 'The body is not UTF-8 text',
    });
  });

  it('only takes whsec_ secrets of 24 bytes or more, and makes them', () => {
    expect(customConfig.safeParse({ signingSecret: 'whsec_c2hvcnQ=' }).success).toBe(false);
    expect(customConfig.safeParse({ signingSecret: 'not-a-secret' }).success).toBe(false);
    const fresh = newSigningSecret();
    expect(fresh).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(customConfig.parse({ signingSecret: fresh }).signingSecret).toBe(fresh);
  });
});

describe('the custom webhook schema is reusable', () => {
  it('converts to JSON Schema for docs and OpenAPI', () => {
    const schema = z.toJSONSchema(customWebhookBody) as { oneOf: unknown[] };
    expect(schema.oneOf).toHaveLength(12);
  });

  it('rejects malformed JSON as malformed', async () => {
    const call = async () => handler.parse(config, signedInput('{"type": "sale.completed", "data": '));
    await expect(call).rejects.toThrow(ConnectorError);
    await expect(call).rejects.toMatchObject({
      failure: 'malformed',
      message: expect.stringContaining('not valid JSON'),
    });
  });
});
