/**
 * What a WooCommerce connection needs: the shop's address, a REST API key pair (WooCommerce →
 * Settings → Advanced → REST API, Read/Write so Kiungo can register its webhooks) and the webhook
 * secret Kiungo generates.
 */
import { z } from 'zod';
import { bytesToBase64Url, randomBytes } from '../../core/encoding.ts';
import { isCurrencyCode } from '../../core/money.ts';
import type { ConfigField } from '../define.ts';

/** Plain HTTP is only for a shop running on the developer's own machine. */
export function isLocalHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '');
  return host === 'localhost' || host.endsWith('.localhost') || host === '::1' || /^127\./.test(host);
}

const siteUrl = z
  .url({ protocol: /^https?$/, error: 'The shop address is a web address such as https://myshop.co.tz' })
  .refine((value) => {
    const url = new URL(value);
    return url.protocol === 'https:' || isLocalHost(url.hostname);
  }, 'The shop address must start with https:// (plain http only works for a shop on this computer)')
  .refine((value) => {
    const url = new URL(value);
    return url.search === '' && url.hash === '';
  }, 'The shop address has no ?query or #fragment')
  // WordPress may live in a folder (https://example.com/shop); keep the path, drop the final slash.
  .transform((value) => value.replace(/\/+$/, ''));

export const wooConfig = z.object({
  siteUrl,
  consumerKey: z.string().trim().startsWith('ck_', 'The consumer key starts with ck_'),
  consumerSecret: z.string().trim().startsWith('cs_', 'The consumer secret starts with cs_'),
  /**
   * WooCommerce signs each delivery with it. WordPress HTML-escapes what is typed into the admin
   * (`&` becomes `&amp;`) and WooCommerce decodes it again before signing, so a secret made only of
   * URL-safe characters is the one that survives both unchanged.
   */
  webhookSecret: z.string().min(16, 'The webhook secret has at least 16 characters'),
  /**
   * The shop's currency (WooCommerce → Settings → General), learned during setup and syncs. Products
   * carry no currency of their own, and a webhook is parsed without calling the shop back.
   */
  currency: z
    .string()
    .refine(isCurrencyCode, 'Not an ISO 4217 currency code')
    .transform((code) => code.toUpperCase())
    .optional(),
});

export type WooConfig = z.output<typeof wooConfig>;

export const wooFields: readonly ConfigField[] = [
  {
    name: 'siteUrl',
    label: 'Shop address',
    placeholder: 'https://myshop.co.tz',
    help: 'The address of your WordPress site, as in Settings → General → Site Address',
  },
  {
    name: 'consumerKey',
    label: 'Consumer key',
    placeholder: 'ck_…',
    help: 'WooCommerce → Settings → Advanced → REST API → Add key, with Read/Write permission',
  },
  { name: 'consumerSecret', label: 'Consumer secret', secret: true, placeholder: 'cs_…' },
  {
    name: 'webhookSecret',
    label: 'Webhook secret',
    secret: true,
    generated: true,
    generate: () => newWebhookSecret(),
    help: 'Kiungo registers its webhooks with this secret. Adding them by hand? Paste it into WooCommerce → Settings → Advanced → Webhooks → Secret, with API version "WP REST API Integration v3"',
  },
];

/** A webhook secret for a new connection: 32 random bytes, URL-safe, so WordPress never escapes it. */
export function newWebhookSecret(): string {
  return bytesToBase64Url(randomBytes(32));
}
