import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { wooConfig } from './config.ts';
import { newNonce, oauthHeader, rawUrlEncode, signatureBaseString } from './oauth.ts';

describe('WooCommerce one-legged OAuth 1.0a', () => {
  it('encodes like PHP rawurlencode', () => {
    expect(rawUrlEncode("a b+c/d~e!'()*")).toBe('a%20b%2Bc%2Fd~e%21%27%28%29%2A');
  });

  it('builds the base string the way WooCommerce checks it: sorted, each pair encoded twice', () => {
    const url = new URL(
      'http://localhost:8080/wp-json/wc/v3/orders?page=2&modified_after=2026-11-21T10:59:59',
    );
    const base = signatureBaseString('get', url, {
      oauth_consumer_key: 'ck_abc',
      oauth_nonce: 'n0nce',
      oauth_signature_method: 'HMAC-SHA256',
      oauth_timestamp: '1795424400',
    });
    expect(base).toBe(
      'GET&http%3A%2F%2Flocalhost%3A8080%2Fwp-json%2Fwc%2Fv3%2Forders&' +
        [
          'modified_after%3D2026-11-21T10%253A59%253A59',
          'oauth_consumer_key%3Dck_abc',
          'oauth_nonce%3Dn0nce',
          'oauth_signature_method%3DHMAC-SHA256',
          'oauth_timestamp%3D1795424400',
          'page%3D2',
        ].join('%26'),
    );
  });

  it('signs with the consumer secret and an ampersand, and encodes the header values', async () => {
    const url = new URL('http://localhost:8080/wp-json/wc/v3/orders');
    const at = new Date('2026-11-23T09:00:00Z');
    const header = await oauthHeader(
      'GET',
      url,
      { consumerKey: 'ck_abc', consumerSecret: 'cs_def' },
      at,
      'n0nce',
    );
    const base = signatureBaseString('GET', url, {
      oauth_consumer_key: 'ck_abc',
      oauth_nonce: 'n0nce',
      oauth_signature_method: 'HMAC-SHA256',
      oauth_timestamp: String(at.getTime() / 1000),
    });
    const expected = createHmac('sha256', 'cs_def&').update(base).digest('base64');
    expect(header).toBe(
      `OAuth oauth_consumer_key="ck_abc", oauth_nonce="n0nce", oauth_signature_method="HMAC-SHA256", oauth_timestamp="${at.getTime() / 1000}", oauth_signature="${encodeURIComponent(expected)}"`,
    );
  });

  it('makes a fresh 32-character alphanumeric nonce each time', () => {
    const [a, b] = [newNonce(), newNonce()];
    expect(a).toMatch(/^[A-Za-z0-9]{32}$/);
    expect(a).not.toBe(b);
  });
});

describe('WooCommerce configuration', () => {
  const base = { consumerKey: 'ck_abc', consumerSecret: 'cs_def', webhookSecret: 'a-long-webhook-secret' };

  it('wants HTTPS, except for a shop on this computer', () => {
    expect(wooConfig.safeParse({ ...base, siteUrl: 'http://shop.example' }).success).toBe(false);
    expect(wooConfig.parse({ ...base, siteUrl: 'http://localhost:8080/' }).siteUrl).toBe(
      'http://localhost:8080',
    );
    expect(wooConfig.parse({ ...base, siteUrl: 'http://127.0.0.1' }).siteUrl).toBe('http://127.0.0.1');
    expect(wooConfig.parse({ ...base, siteUrl: 'https://example.com/shop/' }).siteUrl).toBe(
      'https://example.com/shop',
    );
  });

  it('checks the key prefixes', () => {
    const result = wooConfig.safeParse({ ...base, siteUrl: 'https://shop.test', consumerKey: 'abc' });
    expect(result.error?.issues[0]).toMatchObject({
      path: ['consumerKey'],
      message: 'The consumer key starts with ck_',
    });
  });
});
