/**
 * Daraja's payloads as Daraja shapes them (PascalCase, numbers that are sometimes strings), checked
 * at the edge; `webhook.ts` and `actions.ts` turn them into canonical records and plain results.
 * Objects are loose: Safaricom adds fields without notice, and the raw payload is kept anyway.
 */
import { z } from 'zod';

/** Codes arrive as "0" in one reply and 0 in the next; compare them as strings. */
const code = z.union([z.string(), z.number()]).transform(String);
const text = z.union([z.string(), z.number()]).transform(String);

/** Doc: every Daraja API's "Error" tab. */
export const darajaErrorBody = z.looseObject({
  requestId: z.string().optional(),
  errorCode: z.string(),
  errorMessage: z.string(),
});

// Doc: https://developer.safaricom.co.ke/apis/CustomerToBusinessRegisterURL
export const registerUrlReply = z.looseObject({
  // Sic: Safaricom spells it "Coversation".
  OriginatorCoversationID: z.string().optional(),
  ResponseCode: code,
  ResponseDescription: z.string(),
});

// Doc: https://developer.safaricom.co.ke/apis/MpesaExpressSimulate
export const stkPushReply = z.looseObject({
  MerchantRequestID: z.string(),
  CheckoutRequestID: z.string(),
  ResponseCode: code,
  ResponseDescription: z.string(),
  CustomerMessage: z.string().optional(),
});

// Doc: https://developer.safaricom.co.ke/apis/MpesaExpressQuery
export const stkQueryReply = z.looseObject({
  ResponseCode: code,
  ResponseDescription: z.string().optional(),
  MerchantRequestID: z.string().optional(),
  CheckoutRequestID: z.string(),
  ResultCode: code,
  ResultDesc: z.string().optional(),
});

// Doc: https://developer.safaricom.co.ke/apis/TransactionStatus
export const transactionStatusReply = z.looseObject({
  OriginatorConversationID: z.string().optional(),
  ConversationID: z.string(),
  ResponseCode: code,
  ResponseDescription: z.string(),
});

/** The C2B validation and confirmation body (v1 hashes MSISDN, v2 masks it). */
export const c2bPayload = z.looseObject({
  TransactionType: z.string().optional(),
  TransID: z.string().min(1),
  TransTime: text,
  TransAmount: text,
  BusinessShortCode: text.optional(),
  BillRefNumber: z.string().optional().nullable(),
  InvoiceNumber: z.string().optional().nullable(),
  OrgAccountBalance: text.optional().nullable(),
  ThirdPartyTransID: z.string().optional().nullable(),
  MSISDN: text.optional().nullable(),
  FirstName: z.string().optional().nullable(),
  MiddleName: z.string().optional().nullable(),
  LastName: z.string().optional().nullable(),
});
export type C2bPayload = z.output<typeof c2bPayload>;

const stkItem = z.looseObject({
  Name: z.string(),
  Value: z.union([z.string(), z.number()]).optional(),
});

/** The STK push result posted to CallBackURL; `CallbackMetadata` only when the customer paid. */
export const stkCallbackPayload = z.looseObject({
  Body: z.looseObject({
    stkCallback: z.looseObject({
      MerchantRequestID: z.string(),
      CheckoutRequestID: z.string().min(1),
      ResultCode: code,
      ResultDesc: z.string().optional(),
      CallbackMetadata: z.looseObject({ Item: z.array(stkItem) }).optional(),
    }),
  }),
});
export type StkCallback = z.output<typeof stkCallbackPayload>['Body']['stkCallback'];

const resultParameter = z.looseObject({
  Key: z.string(),
  Value: z.union([z.string(), z.number()]).optional(),
});

/** The Transaction Status result (ResultURL) and, by the same envelope, the queue timeout. */
export const statusResultPayload = z.looseObject({
  Result: z.looseObject({
    ResultType: code.optional(),
    ResultCode: code,
    ResultDesc: z.string().optional(),
    OriginatorConversationID: z.string().optional(),
    ConversationID: z.string().min(1),
    TransactionID: z.string().optional(),
    ResultParameters: z
      .looseObject({
        // A single parameter sometimes arrives as an object rather than a one-item list.
        ResultParameter: z.union([z.array(resultParameter), resultParameter]).optional(),
      })
      .optional(),
  }),
});
export type StatusResult = z.output<typeof statusResultPayload>['Result'];
