/**
 * M-Pesa through Safaricom's Daraja API (Kenya). Payments arrive only as callbacks: Daraja has no
 * API to list past transactions (statements are downloaded from the M-Pesa business portal and go
 * through imports), so this connector has no polling sync. What it does:
 *
 * - on connect, registers Kiungo's confirmation and validation URLs for the short code (C2B);
 * - turns each payment confirmation, STK push result and Transaction Status result into a payment;
 * - can ask a customer to pay (STK push), ask how that ended, and ask about a receipt.
 */
import { defineConnector } from '../define.ts';
import { type MpesaConfig, mpesaConfig, mpesaFields } from './config.ts';
import { accessToken } from './oauth.ts';
import { registerCallbackUrls } from './setup.ts';
import { mpesaWebhook } from './webhook.ts';

export type { StkPushInput, StkPushResult, StkQueryResult, TransactionStatusInput } from './actions.ts';
export { stkPush, stkQuery, transactionStatus } from './actions.ts';
export type { MpesaConfig } from './config.ts';
export { mpesaConfig, newCallbackSecret, suggestedSafaricomIps } from './config.ts';

export const mpesaDaraja = defineConnector<MpesaConfig>({
  id: 'mpesa_daraja',
  name: 'M-Pesa (Safaricom Daraja)',
  category: 'payments',
  regions: ['KE'],
  auth: 'client_credentials',
  docsUrl: 'https://developer.safaricom.co.ke/apis',
  rateLimits: 'not published; tokens last an hour and a new one invalidates the old, so one is shared',
  streams: ['payments'],
  actions: [
    'Ask a customer to pay from their phone (STK push)',
    'Check how a payment request ended',
    'Ask M-Pesa about a transaction by its receipt',
  ],
  realtime: true,
  config: mpesaConfig,
  fields: mpesaFields,
  async check(runtime) {
    await accessToken(runtime);
    return { account: runtime.config.shortCode };
  },
  setup: registerCallbackUrls,
  // No `sync`: Daraja cannot list transactions. Missed callbacks are recovered by Transaction Status
  // queries or by importing the M-Pesa statement.
  webhook: mpesaWebhook,
});
