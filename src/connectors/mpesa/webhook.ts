/**
 * Daraja's callbacks. Nothing in them is signed, so a callback is trusted when its address carries the
 * connection's secret segment (compared in constant time) and, when the owner set an allow-list, it
 * comes from one of those addresses. Paths, after `/webhooks/mpesa_daraja/<connection id>/`:
 *
 *   <secret>/c2b/confirmation   a payment to the pay bill or till (ConfirmationURL)
 *   <secret>/c2b/validation     the same payment before it completes, if Safaricom enabled validation
 *   <secret>/stk/callback       the end of an STK push we started (CallBackURL)
 *   <secret>/status/result      a Transaction Status answer (ResultURL)
 *   <secret>/status/timeout     a Transaction Status query that queued too long (QueueTimeOutURL)
 *
 * A payment's record id is its M-Pesa receipt (TransID = MpesaReceiptNumber = ReceiptNo), so the
 * same payment seen through C2B, STK and a status query is one record.
 */
import type { z } from 'zod';
import { timingSafeEqual } from '../../core/encoding.ts';
import type { SyncRecord } from '../../sync/records.ts';
import type { ParsedWebhook, WebhookHandler, WebhookInput } from '../define.ts';
import { ConnectorError } from '../errors.ts';
import type { MpesaConfig } from './config.ts';
import { parseEatTimestamp, phoneFromMsisdn, resultMeaning, toMinorUnits } from './format.ts';
import {
  type C2bPayload,
  c2bPayload,
  type StatusResult,
  statusResultPayload,
  stkCallbackPayload,
} from './schemas.ts';

export type MpesaTopic =
  | 'c2b.confirmation'
  | 'c2b.validation'
  | 'stk.callback'
  | 'status.result'
  | 'status.timeout';

const routes: Record<string, MpesaTopic> = {
  'c2b/confirmation': 'c2b.confirmation',
  'c2b/validation': 'c2b.validation',
  'stk/callback': 'stk.callback',
  'status/result': 'status.result',
  'status/timeout': 'status.timeout',
};

export function topicOf(subpath: readonly string[]): MpesaTopic | undefined {
  if (subpath.length !== 3) return undefined;
  return routes[`${subpath[1]}/${subpath[2]}`];
}

/** "::ffff:196.201.214.200" (IPv4 seen through an IPv6 socket) and "196.201.214.200" are one address. */
function normalizeAddress(address: string): string {
  return address
    .trim()
    .toLowerCase()
    .replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, '');
}

export const mpesaWebhook: WebhookHandler<MpesaConfig> = {
  async verify(config, input) {
    if (!timingSafeEqual(input.subpath[0] ?? '', config.callbackSecret))
      return { ok: false, reason: 'The secret in the callback address does not match this connection' };
    if (config.allowedIps && config.allowedIps.length > 0) {
      if (!input.remoteAddress)
        return { ok: false, reason: 'The sender address is unknown, and an IP allow-list is set' };
      const from = normalizeAddress(input.remoteAddress);
      if (!config.allowedIps.some((allowed) => normalizeAddress(allowed) === from))
        return { ok: false, reason: `Callback from ${from}, which is not on the allowed list` };
    }
    if (!topicOf(input.subpath)) return { ok: false, reason: 'Not an M-Pesa callback address we gave out' };
    return { ok: true };
  },

  parse(config, input) {
    const topic = topicOf(input.subpath);
    const raw = readJson(input);
    switch (topic) {
      case 'c2b.confirmation': {
        const payment = read(c2bPayload, raw, 'payment confirmation');
        return { eventId: payment.TransID, topic, records: [c2bRecord(config, payment, raw)] };
      }
      case 'c2b.validation': {
        const payment = read(c2bPayload, raw, 'payment validation');
        return {
          // Not the bare TransID: the confirmation of the same payment follows with that id.
          eventId: `validation:${payment.TransID}`,
          topic,
          records: [],
          // Rejecting by account number would need every valid invoice and account number on hand
          // within Safaricom's few seconds, and a wrong refusal bounces a customer's money; the
          // confirmation records the payment and the owner matches it.
          note: 'Validation request accepted; Kiungo does not refuse payments by account number',
        };
      }
      case 'stk.callback':
        return stkCallback(config, raw);
      case 'status.result':
        return statusResult(config, read(statusResultPayload, raw, 'transaction status result').Result, raw);
      case 'status.timeout':
        return statusTimeout(raw);
      default:
        throw new ConnectorError('malformed', 'Not an M-Pesa callback address we gave out');
    }
  },

  acknowledge(input) {
    // Validation answers with a string code; everything else with the number Daraja documents.
    if (topicOf(input.subpath) === 'c2b.validation')
      return { status: 200, body: { ResultCode: '0', ResultDesc: 'Accepted' } };
    return { status: 200, body: { ResultCode: 0, ResultDesc: 'Success' } };
  },
};

function readJson(input: WebhookInput): unknown {
  try {
    return JSON.parse(new TextDecoder().decode(input.body));
  } catch (cause) {
    throw new ConnectorError('malformed', 'M-Pesa sent a callback that is not JSON', { cause });
  }
}

function read<T>(schema: z.ZodType<T>, raw: unknown, what: string): T {
  const parsed = schema.safeParse(raw);
  if (!parsed.success)
    throw new ConnectorError('malformed', `M-Pesa sent a ${what} we could not read`, {
      details: { issues: parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`) },
    });
  return parsed.data;
}

function malformed(message: string): never {
  throw new ConnectorError('malformed', message);
}

function c2bRecord(config: MpesaConfig, payment: C2bPayload, raw: unknown): SyncRecord {
  const amount = toMinorUnits(payment.TransAmount) ?? malformed(`Unreadable amount ${payment.TransAmount}`);
  const paidAt = parseEatTimestamp(payment.TransTime) ?? malformed(`Unreadable time ${payment.TransTime}`);
  const name = [payment.FirstName, payment.MiddleName, payment.LastName]
    .map((part) => part?.trim() ?? '')
    .filter((part) => part !== '')
    .join(' ');
  return {
    entity: 'payment',
    externalId: payment.TransID,
    changedAt: paidAt,
    // The masked (v2) or hashed (v1) MSISDN stays here: it cannot be dialled, but it can be compared.
    raw,
    fields: {
      reference: payment.TransID,
      payer_name: name || null,
      phone: phoneFromMsisdn(payment.MSISDN),
      amount,
      currency: config.currency,
      paid_at: paidAt,
      method: 'mpesa',
      invoice_number: payment.BillRefNumber?.trim() || null,
    },
  };
}

function stkCallback(config: MpesaConfig, raw: unknown): ParsedWebhook {
  const callback = read(stkCallbackPayload, raw, 'STK push result').Body.stkCallback;
  const eventId = `stk:${callback.CheckoutRequestID}`;
  if (callback.ResultCode !== '0')
    return {
      eventId,
      topic: 'stk.callback',
      records: [],
      note: `Not paid: ${resultMeaning(callback.ResultCode, callback.ResultDesc)} (M-Pesa result code ${callback.ResultCode})`,
    };
  // Items by name: Balance comes and goes, so positions shift.
  const items = new Map(
    (callback.CallbackMetadata?.Item ?? []).map((item) => [item.Name.toLowerCase(), item.Value]),
  );
  const receipt = items.get('mpesareceiptnumber');
  const amountValue = items.get('amount');
  const dateValue = items.get('transactiondate');
  if (receipt === undefined || amountValue === undefined || dateValue === undefined)
    malformed('M-Pesa reported a paid STK push without its receipt, amount or date');
  const amount = toMinorUnits(amountValue) ?? malformed(`Unreadable amount ${amountValue}`);
  const paidAt = parseEatTimestamp(dateValue) ?? malformed(`Unreadable time ${dateValue}`);
  const reference = String(receipt);
  return {
    eventId,
    topic: 'stk.callback',
    records: [
      {
        entity: 'payment',
        externalId: reference,
        changedAt: paidAt,
        // Holds CheckoutRequestID, the link back to the push (and so to its AccountReference).
        raw,
        fields: {
          reference,
          payer_name: null,
          phone: phoneFromMsisdn(items.get('phonenumber')),
          amount,
          currency: config.currency,
          paid_at: paidAt,
          method: 'mpesa',
          // The AccountReference we sent is not echoed in the callback; whoever started the push
          // knows it by CheckoutRequestID.
          invoice_number: null,
        },
      },
    ],
  };
}

/** Result parameters by key, ignoring case and spaces ("Originator Conversation ID" vs "…ConversationID"). */
function parametersOf(result: StatusResult): Map<string, string | number | undefined> {
  const list = result.ResultParameters?.ResultParameter;
  const parameters = list === undefined ? [] : Array.isArray(list) ? list : [list];
  return new Map(
    parameters.map((parameter) => [parameter.Key.replace(/\s+/g, '').toLowerCase(), parameter.Value]),
  );
}

function statusResult(config: MpesaConfig, result: StatusResult, raw: unknown): ParsedWebhook {
  const eventId = result.ConversationID;
  const topic = 'status.result';
  if (result.ResultCode !== '0')
    return {
      eventId,
      topic,
      records: [],
      note: `Status query failed: ${resultMeaning(result.ResultCode, result.ResultDesc)} (M-Pesa result code ${result.ResultCode})`,
    };
  const parameters = parametersOf(result);
  const state = parameters.get('transactionstatus');
  if (state !== undefined && String(state).toLowerCase() !== 'completed')
    return { eventId, topic, records: [], note: `The transaction is ${state}, not completed` };
  // "254708374149 - John Doe" (possibly masked); the short code itself when money left the business.
  const [payerNumber, ...payerName] = String(parameters.get('debitpartyname') ?? '').split(' - ');
  if (payerNumber?.trim() === config.shortCode)
    return { eventId, topic, records: [], note: 'The transaction paid money out of this short code' };
  const receipt = parameters.get('receiptno') ?? result.TransactionID;
  const amountValue = parameters.get('amount');
  const dateValue = parameters.get('finalisedtime') ?? parameters.get('initiatedtime');
  if (receipt === undefined || amountValue === undefined || dateValue === undefined)
    malformed('M-Pesa reported a transaction status without its receipt, amount or time');
  const amount = toMinorUnits(amountValue) ?? malformed(`Unreadable amount ${amountValue}`);
  const paidAt = parseEatTimestamp(dateValue) ?? malformed(`Unreadable time ${dateValue}`);
  const reference = String(receipt);
  return {
    eventId,
    topic,
    records: [
      {
        entity: 'payment',
        externalId: reference,
        changedAt: paidAt,
        raw,
        fields: {
          reference,
          payer_name: payerName.join(' - ').trim() || null,
          phone: phoneFromMsisdn(payerNumber),
          amount,
          currency: config.currency,
          paid_at: paidAt,
          method: 'mpesa',
          invoice_number: null,
        },
      },
    ],
  };
}

/** Daraja does not document the timeout body; it is read as the result envelope, or by its ids. */
function statusTimeout(raw: unknown): ParsedWebhook {
  const parsed = statusResultPayload.safeParse(raw);
  const loose = (raw ?? {}) as { ConversationID?: unknown; OriginatorConversationID?: unknown };
  const id = parsed.success
    ? parsed.data.Result.ConversationID
    : typeof loose.ConversationID === 'string'
      ? loose.ConversationID
      : typeof loose.OriginatorConversationID === 'string'
        ? loose.OriginatorConversationID
        : malformed('M-Pesa sent a queue timeout without a conversation id');
  return {
    eventId: `timeout:${id}`,
    topic: 'status.timeout',
    records: [],
    note: 'M-Pesa did not get to the status query in time; ask again later',
  };
}
