/**
 * After connecting: tell Safaricom where to send payments (C2B register URL), and check first that
 * the addresses pass Safaricom's rules, so the owner reads a plain reason rather than Daraja's
 * "Invalid ConfirmationURL".
 */
import type { ConnectorRuntime } from '../define.ts';
import { ConnectorError } from '../errors.ts';
import { darajaClient } from './client.ts';
import type { MpesaConfig } from './config.ts';
import { registerUrlReply } from './schemas.ts';

type Runtime = ConnectorRuntime<MpesaConfig>;

/** Words Safaricom refuses anywhere in a callback URL, matched without regard to case. */
export const forbiddenUrlWords: readonly string[] = [
  'm-pesa',
  'safaricom',
  'exe',
  'exec',
  'cmd',
  'sql',
  'query',
];

export function callbackUrls(runtime: Runtime) {
  const base = `${runtime.webhookUrl}/${runtime.config.callbackSecret}`;
  return {
    confirmation: `${base}/c2b/confirmation`,
    validation: `${base}/c2b/validation`,
    stk: `${base}/stk/callback`,
    statusResult: `${base}/status/result`,
    statusTimeout: `${base}/status/timeout`,
  };
}

/**
 * Throws `ConnectorError('configuration')` when Safaricom would refuse `url`: a forbidden word in it,
 * or plain HTTP in production.
 */
export function checkCallbackUrl(
  url: string,
  environment: MpesaConfig['environment'],
  callbackSecret?: string,
): void {
  const lower = url.toLowerCase();
  const word = forbiddenUrlWords.find((forbidden) => lower.includes(forbidden));
  if (word) {
    const inSecret = callbackSecret?.toLowerCase().includes(word) ?? false;
    throw new ConnectorError(
      'configuration',
      `Safaricom refuses callback addresses containing the word "${word}", and ours (${url}) does. ` +
        (inSecret
          ? 'Generate a new callback secret for this connection and connect again.'
          : 'Serve Kiungo from a web address without that word.'),
      { details: { word } },
    );
  }
  if (environment === 'production' && !lower.startsWith('https://'))
    throw new ConnectorError(
      'configuration',
      `Safaricom sends live payments only to HTTPS addresses, and ours is ${url}. Serve Kiungo over HTTPS.`,
    );
}

/**
 * Registers the confirmation and validation URLs for the short code.
 * Doc: https://developer.safaricom.co.ke/apis/CustomerToBusinessRegisterURL
 */
export async function registerCallbackUrls(runtime: Runtime): Promise<string[]> {
  const { config } = runtime;
  const urls = callbackUrls(runtime);
  for (const url of Object.values(urls)) checkCallbackUrl(url, config.environment, config.callbackSecret);

  const notes: string[] = [];
  const reply = await darajaClient(runtime).post(
    'mpesa/c2b/v2/registerurl',
    {
      ShortCode: config.shortCode,
      // What M-Pesa does when our validation URL does not answer: complete the payment.
      ResponseType: 'Completed',
      ConfirmationURL: urls.confirmation,
      ValidationURL: urls.validation,
    },
    registerUrlReply,
    // Production keeps the first registration; re-registering fails until Safaricom deletes it.
    { tolerate: (error) => /already\s+registered/i.test(error.errorMessage) },
  );
  if (reply.ok && reply.body.ResponseCode !== '0')
    throw new ConnectorError(
      'rejected',
      `M-Pesa did not register the addresses: ${reply.body.ResponseDescription}`,
    );
  if (reply.ok) {
    notes.push(`M-Pesa will tell Kiungo about every payment to ${config.shortCode} as it happens.`);
  } else {
    notes.push(
      `Safaricom already has payment addresses for ${config.shortCode}. If they are not Kiungo's ` +
        `(${urls.confirmation}), ask apisupport@safaricom.co.ke to delete them, then connect again.`,
    );
  }
  if (config.environment === 'sandbox')
    notes.push('Sandbox: Safaricom forgets registrations, so register again before each test payment.');
  notes.push(
    'Payments are accepted without checking the account number: Kiungo records every payment and matches it afterwards.',
  );
  if (!config.passkey)
    notes.push(
      'No Lipa Na M-Pesa Online passkey yet, so Kiungo cannot send payment requests to customers’ phones.',
    );
  if (!config.allowedIps?.length)
    notes.push(
      'Callbacks are protected by the secret in their address. You can also accept them only from Safaricom’s addresses (allowed IPs).',
    );
  if (config.shortCodeType === 'till')
    notes.push(
      'Till numbers: use the store (head office) number the API keys were issued for as the short code.',
    );
  return notes;
}
