/**
 * Write-backs: ask a customer to pay from their phone (STK push, "M-Pesa Express"), ask how that
 * request ended, and ask M-Pesa about any transaction by its receipt. Results of the push and of the
 * status query arrive later as callbacks (see `webhook.ts`). Not yet wired to tools.
 */
import { AppError } from '../../core/errors.ts';
import type { ConnectorRuntime } from '../define.ts';
import { ConnectorError } from '../errors.ts';
import { darajaClient } from './client.ts';
import type { MpesaConfig } from './config.ts';
import { darajaMsisdn, eatTimestamp, resultMeaning, stkPassword } from './format.ts';
import { stkPushReply, stkQueryReply, transactionStatusReply } from './schemas.ts';
import { callbackUrls, checkCallbackUrl } from './setup.ts';

type Runtime = ConnectorRuntime<MpesaConfig>;

export interface StkPushInput {
  /** +2547…, 2547…, 07… or 01…: a Safaricom line. */
  phone: string;
  /** Integer minor units (cents); M-Pesa takes whole shillings only. */
  amount: number;
  /** Shown to the customer as the account; at most 12 characters. */
  accountReference: string;
  /** At most 13 characters. */
  description: string;
}

export interface StkPushResult {
  checkoutRequestId: string;
  merchantRequestId: string;
  customerMessage: string;
}

export type StkQueryResult =
  | { state: 'pending'; message: string }
  | { state: 'paid'; resultCode: '0'; message: string }
  | { state: 'failed'; resultCode: string; message: string };

export interface TransactionStatusInput {
  /** The M-Pesa receipt, e.g. "NLJ7RT61SV". */
  transactionId: string;
  /** The API operator's user name, created on the M-Pesa business portal. */
  initiator: string;
  /**
   * The operator's password, already RSA-encrypted with Safaricom's sandbox or production certificate
   * and base64-encoded. Kiungo never holds the password in clear: the operator produces this once
   * (Daraja's portal or openssl) and it stays valid until the password changes.
   */
  securityCredential: string;
  originalConversationId?: string;
  remarks?: string;
  occasion?: string;
}

export interface TransactionStatusResult {
  conversationId: string;
  originatorConversationId: string | undefined;
  message: string;
}

function invalid(message: string): never {
  throw new AppError('bad_request', message);
}

function passkeyOf(config: MpesaConfig): string {
  if (config.passkey) return config.passkey;
  throw new ConnectorError(
    'configuration',
    'Add the Lipa Na M-Pesa Online passkey to this connection before asking customers to pay from their phone',
  );
}

/**
 * Sends the customer a PIN prompt for `amount` to this short code. Sent once, never retried: a
 * retried push whose first reply was lost prompts the customer twice.
 * Doc: https://developer.safaricom.co.ke/apis/MpesaExpressSimulate
 */
export async function stkPush(runtime: Runtime, input: StkPushInput): Promise<StkPushResult> {
  const { config } = runtime;
  const passkey = passkeyOf(config);
  const phone = darajaMsisdn(input.phone) ?? invalid(`${input.phone} is not a Kenyan mobile number`);
  if (!Number.isInteger(input.amount) || input.amount <= 0)
    invalid('The amount must be a positive whole number of cents');
  if (input.amount % 100 !== 0) invalid('M-Pesa takes whole shillings only: round the amount');
  const accountReference = input.accountReference.trim();
  const description = input.description.trim();
  if (accountReference === '' || accountReference.length > 12)
    invalid('The account reference must be 1 to 12 characters');
  if (description === '' || description.length > 13) invalid('The description must be 1 to 13 characters');
  const callbackUrl = callbackUrls(runtime).stk;
  checkCallbackUrl(callbackUrl, config.environment, config.callbackSecret);

  const timestamp = eatTimestamp(runtime.clock.now());
  const reply = await darajaClient(runtime, { retry: false }).post(
    'mpesa/stkpush/v1/processrequest',
    {
      // Numbers where the documented sample has numbers.
      BusinessShortCode: Number(config.shortCode),
      Password: stkPassword(config.shortCode, passkey, timestamp),
      Timestamp: timestamp,
      TransactionType: config.shortCodeType === 'till' ? 'CustomerBuyGoodsOnline' : 'CustomerPayBillOnline',
      Amount: input.amount / 100,
      PartyA: Number(phone),
      PartyB: Number(config.shortCode),
      PhoneNumber: Number(phone),
      CallBackURL: callbackUrl,
      AccountReference: accountReference,
      TransactionDesc: description,
    },
    stkPushReply,
  );
  if (!reply.ok) throw new ConnectorError('rejected', reply.error.errorMessage);
  const body = reply.body;
  if (body.ResponseCode !== '0')
    throw new ConnectorError('rejected', body.ResponseDescription, {
      details: { responseCode: body.ResponseCode },
    });
  return {
    checkoutRequestId: body.CheckoutRequestID,
    merchantRequestId: body.MerchantRequestID,
    customerMessage: body.CustomerMessage ?? body.ResponseDescription,
  };
}

/**
 * How an STK push ended, for when its callback is late or lost. `pending` while the customer has
 * not answered (Daraja replies with an error body saying the transaction is being processed).
 * Doc: https://developer.safaricom.co.ke/apis/MpesaExpressQuery
 */
export async function stkQuery(runtime: Runtime, checkoutRequestId: string): Promise<StkQueryResult> {
  const { config } = runtime;
  const passkey = passkeyOf(config);
  if (checkoutRequestId.trim() === '') invalid('Which request? The CheckoutRequestID is empty');
  const timestamp = eatTimestamp(runtime.clock.now());
  const reply = await darajaClient(runtime).post(
    'mpesa/stkpushquery/v1/query',
    {
      BusinessShortCode: Number(config.shortCode),
      Password: stkPassword(config.shortCode, passkey, timestamp),
      Timestamp: timestamp,
      CheckoutRequestID: checkoutRequestId,
    },
    stkQueryReply,
    { tolerate: (error) => /being processed|still under processing/i.test(error.errorMessage) },
  );
  if (!reply.ok) return { state: 'pending', message: 'The customer has not answered yet' };
  const { ResultCode: resultCode, ResultDesc: description } = reply.body;
  if (resultCode === '0') return { state: 'paid', resultCode, message: resultMeaning(resultCode) };
  return { state: 'failed', resultCode, message: resultMeaning(resultCode, description) };
}

/**
 * Asks M-Pesa about a transaction by receipt; the answer arrives at `<secret>/status/result` (or
 * `/status/timeout`). IdentifierType 4 = organisation short code (the store number for tills).
 * Doc: https://developer.safaricom.co.ke/apis/TransactionStatus
 */
export async function transactionStatus(
  runtime: Runtime,
  input: TransactionStatusInput,
): Promise<TransactionStatusResult> {
  const { config } = runtime;
  const transactionId = input.transactionId.trim().toUpperCase();
  if (!/^[A-Z0-9]{8,12}$/.test(transactionId)) invalid(`${input.transactionId} is not an M-Pesa receipt`);
  if (input.initiator.trim() === '' || input.securityCredential.trim() === '')
    invalid('The initiator name and its security credential are both needed');
  const urls = callbackUrls(runtime);
  checkCallbackUrl(urls.statusResult, config.environment, config.callbackSecret);
  const reply = await darajaClient(runtime).post(
    'mpesa/transactionstatus/v1/query',
    {
      Initiator: input.initiator,
      SecurityCredential: input.securityCredential,
      CommandID: 'TransactionStatusQuery',
      TransactionID: transactionId,
      OriginalConversationID: input.originalConversationId ?? '',
      PartyA: config.shortCode,
      IdentifierType: '4',
      ResultURL: urls.statusResult,
      QueueTimeOutURL: urls.statusTimeout,
      Remarks: (input.remarks ?? 'Payment check').slice(0, 100),
      Occasion: (input.occasion ?? '').slice(0, 100),
    },
    transactionStatusReply,
  );
  if (!reply.ok) throw new ConnectorError('rejected', reply.error.errorMessage);
  const body = reply.body;
  if (body.ResponseCode !== '0') throw new ConnectorError('rejected', body.ResponseDescription);
  return {
    conversationId: body.ConversationID,
    originatorConversationId: body.OriginatorConversationID,
    message: body.ResponseDescription,
  };
}
