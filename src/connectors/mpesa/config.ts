/**
 * What a Daraja connection needs: the app's consumer key and secret from developer.safaricom.co.ke,
 * the business's short code, the STK passkey, and the secret Kiungo puts in every callback address.
 */
import { z } from 'zod';
import { bytesToHex, randomBytes } from '../../core/encoding.ts';
import type { ConfigField } from '../define.ts';

export const darajaHosts = {
  sandbox: 'https://sandbox.safaricom.co.ke',
  production: 'https://api.safaricom.co.ke',
} as const;

/**
 * Safaricom's callback source addresses as listed by third-party libraries (pesafy, mpesakit); no
 * official Safaricom page confirms them, so the allow-list is off unless the owner opts in, and this
 * list is only offered as a suggestion on the connect page.
 */
export const suggestedSafaricomIps: readonly string[] = [
  '196.201.214.200',
  '196.201.214.206',
  '196.201.213.114',
  '196.201.214.207',
  '196.201.214.208',
  '196.201.213.44',
  '196.201.212.127',
  '196.201.212.138',
  '196.201.212.129',
  '196.201.212.136',
  '196.201.212.74',
  '196.201.212.69',
];

export const mpesaConfig = z.object({
  environment: z.enum(['sandbox', 'production']).default('sandbox'),
  consumerKey: z.string().min(1),
  consumerSecret: z.string().min(1),
  /** The pay bill number, or for Buy Goods the store (head office) number the API keys belong to. */
  shortCode: z.string().regex(/^\d{5,8}$/, 'A short code is 5 to 8 digits'),
  shortCodeType: z.enum(['paybill', 'till']).default('paybill'),
  /** Lipa Na M-Pesa Online passkey; only STK push and its query need it. */
  passkey: z.string().min(1).optional(),
  /** Daraja signs nothing, so an unguessable path segment is what proves a callback came from our URL. */
  callbackSecret: z.string().min(16),
  /** When set, callbacks from any other address are refused. Unset: not enforced. */
  allowedIps: z.preprocess(
    // The connect page sends text ("196.201.214.200, 196.201.214.206"); stored config sends a list.
    (value) => (typeof value === 'string' ? value.split(/[\s,]+/).filter(Boolean) : value),
    z.array(z.string().min(1)).optional(),
  ),
  currency: z.string().length(3).default('KES'),
  /** Overrides the host chosen by `environment` (tests, self-hosted proxies). */
  baseUrl: z.url().optional(),
  /** The shared OAuth token cache, written by `oauth.ts` so every worker reuses one token. */
  accessToken: z.string().optional(),
  /** ISO instant at which `accessToken` expires. */
  accessTokenExpiresAt: z.string().optional(),
});

export type MpesaConfig = z.output<typeof mpesaConfig>;

export const mpesaFields: readonly ConfigField[] = [
  {
    name: 'environment',
    label: 'Environment',
    help: 'sandbox for testing with Safaricom test numbers, production once your app is live',
    placeholder: 'production',
  },
  { name: 'consumerKey', label: 'Consumer key', help: 'From your app on developer.safaricom.co.ke' },
  { name: 'consumerSecret', label: 'Consumer secret', secret: true },
  { name: 'shortCode', label: 'Pay bill or till number', placeholder: '600984' },
  { name: 'shortCodeType', label: 'Pay bill or till', placeholder: 'paybill' },
  {
    name: 'passkey',
    label: 'Lipa Na M-Pesa Online passkey',
    secret: true,
    optional: true,
    help: 'Needed only to ask customers to pay from their phone (STK push); Safaricom emails it at go-live',
  },
  {
    name: 'callbackSecret',
    label: 'Callback secret',
    secret: true,
    generated: true,
    generate: () => newCallbackSecret(),
    help: 'Part of the address Safaricom calls; keep it private',
  },
  {
    name: 'allowedIps',
    label: 'Accept callbacks only from these addresses',
    optional: true,
    help: 'Comma-separated. Suggested (third-party list, not confirmed by Safaricom): 196.201.214.200, 196.201.214.206, 196.201.213.114, …',
    placeholder: suggestedSafaricomIps.join(', '),
  },
  { name: 'currency', label: 'Currency', optional: true, placeholder: 'KES' },
  { name: 'baseUrl', label: 'API address override', optional: true, internal: true, help: 'Leave empty' },
  // Written by Kiungo (the shared token cache), never typed in.
  {
    name: 'accessToken',
    label: 'Access token (cached)',
    secret: true,
    optional: true,
    internal: true,
    help: 'Kept by Kiungo; leave empty',
  },
  {
    name: 'accessTokenExpiresAt',
    label: 'Access token expiry (cached)',
    secret: true,
    optional: true,
    internal: true,
    help: 'Kept by Kiungo; leave empty',
  },
];

export function baseUrlOf(config: MpesaConfig): string {
  return `${(config.baseUrl ?? darajaHosts[config.environment]).replace(/\/+$/, '')}/`;
}

/**
 * A callback secret that can never trip Safaricom's URL word filter: hex has no `x`, `m`, `q`, `s`…,
 * while a base64url token contains "cmd", "exe" or "sql" now and then and the registration fails.
 */
export function newCallbackSecret(): string {
  return bytesToHex(randomBytes(24));
}
