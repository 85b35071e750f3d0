/**
 * Safaricom Daraja (sandbox host) as documented, for msw: OAuth with Basic auth and the string
 * `expires_in` production sends, C2B register URL with Safaricom's URL word filter, STK push that
 * checks the password against the passkey and timestamp, STK query, Transaction Status. Like the
 * docs' FAQ says, each new token invalidates the previous one. Plus builders for the callbacks,
 * from the documented samples in tests/fixtures/mpesa.
 */
import { readFileSync } from 'node:fs';
import { HttpResponse, http } from 'msw';
import type { WebhookInput } from '../../../src/connectors/define.ts';
import { type MpesaConfig, mpesaConfig } from '../../../src/connectors/mpesa/config.ts';

export const darajaSandbox = 'https://sandbox.safaricom.co.ke';

/** The sandbox test pay bill and its published passkey (test vector M1). */
export const sandboxApp = {
  consumerKey: 'consumerKey',
  consumerSecret: 'consumerSecret',
  shortCode: '174379',
  passkey: 'bfb279f9aa9bdbcf158e97dd71a467cd2e0c893059b10f78e6b72ada1ed2c919',
};

/** A fixed hex callback secret (what `newCallbackSecret` makes), so URLs in assertions are known. */
export const testCallbackSecret = '5e1f0c2a9b8d7e6f5e1f0c2a9b8d7e6f5e1f0c2a9b8d7e6f';

/** A parsed sandbox connection for the sandbox app; `overrides` are applied before parsing. */
export function sandboxConfig(overrides: Record<string, unknown> = {}): MpesaConfig {
  return mpesaConfig.parse({
    environment: 'sandbox',
    consumerKey: sandboxApp.consumerKey,
    consumerSecret: sandboxApp.consumerSecret,
    shortCode: sandboxApp.shortCode,
    passkey: sandboxApp.passkey,
    callbackSecret: testCallbackSecret,
    ...overrides,
  });
}

export interface DarajaCall {
  path: string;
  authorization: string | null;
  body: Record<string, unknown>;
}

export interface DarajaState {
  oauthRequests: number;
  /** The one token Daraja currently honours. */
  token: string | undefined;
  /** What the next token reply says; production sends a string. */
  expiresIn: number | string;
  /** Refuses every token, as when the app's API access was revoked. */
  refuseTokens: boolean;
  /** HTTP status of the "404.001.03 Invalid Access Token" reply. */
  invalidTokenStatus: number;
  /** Calls to the authenticated APIs, in order, including refused ones. */
  calls: DarajaCall[];
  /** What an STK query answers: still processing, or a result code. */
  stkQueryAnswer: 'processing' | { ResultCode: string; ResultDesc: string };
  /** Makes the next register URL call say the URLs are already registered (production). */
  alreadyRegistered: boolean;
}

const forbiddenWords = ['m-pesa', 'safaricom', 'exe', 'exec', 'cmd', 'sql', 'query'];

function errorReply(status: number, errorCode: string, errorMessage: string) {
  return HttpResponse.json(
    { requestId: `${Math.floor(Math.random() * 1e5)}-${Date.now()}-1`, errorCode, errorMessage },
    { status },
  );
}

function base64(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64');
}

export function fakeDaraja(app = sandboxApp, host = darajaSandbox) {
  const state: DarajaState = {
    oauthRequests: 0,
    token: undefined,
    expiresIn: '3599',
    refuseTokens: false,
    invalidTokenStatus: 401,
    calls: [],
    stkQueryAnswer: { ResultCode: '0', ResultDesc: 'The service request is processed successfully.' },
    alreadyRegistered: false,
  };
  let issued = 0;

  /** Records the call; answers the invalid-token error unless the bearer is the current token. */
  async function authenticated(request: Request, path: string) {
    const authorization = request.headers.get('authorization');
    const body = (await request.json().catch(() => ({}))) as Record<string, unknown>;
    state.calls.push({ path, authorization, body });
    if (state.refuseTokens || !state.token || authorization !== `Bearer ${state.token}`)
      return { refused: errorReply(state.invalidTokenStatus, '404.001.03', 'Invalid Access Token'), body };
    return { refused: undefined, body };
  }

  function passwordProblem(body: Record<string, unknown>) {
    const timestamp = String(body.Timestamp ?? '');
    if (!/^\d{14}$/.test(timestamp)) return errorReply(400, '400.002.02', 'Bad Request - Invalid Timestamp');
    if (String(body.BusinessShortCode) !== app.shortCode)
      return errorReply(400, '400.002.02', 'Bad Request - Invalid BusinessShortCode');
    if (body.Password !== base64(`${app.shortCode}${app.passkey}${timestamp}`))
      return errorReply(500, '500.001.1001', 'Wrong credentials');
    return undefined;
  }

  const handlers = [
    // https://developer.safaricom.co.ke/apis/Authorization
    http.get(`${host}/oauth/v1/generate`, ({ request }) => {
      state.oauthRequests += 1;
      const expected = `Basic ${base64(`${app.consumerKey}:${app.consumerSecret}`)}`;
      if (request.headers.get('authorization') !== expected)
        return errorReply(400, '400.008.01', 'Invalid Authentication passed');
      if (new URL(request.url).searchParams.get('grant_type') !== 'client_credentials')
        return errorReply(400, '400.008.02', 'Invalid grant type passed');
      issued += 1;
      state.token = `sandboxToken${issued}`;
      return HttpResponse.json({ access_token: state.token, expires_in: state.expiresIn });
    }),

    // https://developer.safaricom.co.ke/apis/CustomerToBusinessRegisterURL
    http.post(`${host}/mpesa/c2b/v2/registerurl`, async ({ request }) => {
      const { refused, body } = await authenticated(request, 'registerurl');
      if (refused) return refused;
      if (String(body.ShortCode) !== app.shortCode)
        return errorReply(400, '400.003.01', 'Bad Request - Invalid ShortCode');
      if (body.ResponseType !== 'Completed' && body.ResponseType !== 'Cancelled')
        return errorReply(400, '400.003.02', 'Bad Request - Invalid ResponseType');
      for (const key of ['ConfirmationURL', 'ValidationURL'] as const) {
        const url = String(body[key] ?? '').toLowerCase();
        if (!/^https?:\/\//.test(url) || forbiddenWords.some((word) => url.includes(word)))
          return errorReply(400, '400.003.02', `Bad Request - Invalid ${key}`);
      }
      if (state.alreadyRegistered) return errorReply(500, '500.003.1001', 'Urls are already registered');
      return HttpResponse.json({
        OriginatorCoversationID: '7619-37765134-1',
        ResponseCode: '0',
        ResponseDescription: 'success',
      });
    }),

    // https://developer.safaricom.co.ke/apis/MpesaExpressSimulate
    http.post(`${host}/mpesa/stkpush/v1/processrequest`, async ({ request }) => {
      const { refused, body } = await authenticated(request, 'stkpush');
      if (refused) return refused;
      const problem = passwordProblem(body);
      if (problem) return problem;
      if (!/^254[17]\d{8}$/.test(String(body.PhoneNumber)) || body.PartyA !== body.PhoneNumber)
        return errorReply(400, '400.002.02', 'Bad Request - Invalid PhoneNumber');
      if (!Number.isInteger(body.Amount) || (body.Amount as number) < 1)
        return errorReply(400, '400.002.02', 'Bad Request - Invalid Amount');
      const expectedType =
        body.TransactionType === 'CustomerPayBillOnline' || body.TransactionType === 'CustomerBuyGoodsOnline';
      if (!expectedType) return errorReply(400, '400.002.02', 'Bad Request - Invalid TransactionType');
      if (String(body.AccountReference ?? '').length > 12)
        return errorReply(400, '400.002.02', 'Bad Request - Invalid AccountReference');
      if (!/^https:\/\//.test(String(body.CallBackURL)))
        return errorReply(400, '400.002.02', 'Bad Request - Invalid CallBackURL');
      return HttpResponse.json(fixture('stkpush-response.json'));
    }),

    // https://developer.safaricom.co.ke/apis/MpesaExpressQuery
    http.post(`${host}/mpesa/stkpushquery/v1/query`, async ({ request }) => {
      const { refused, body } = await authenticated(request, 'stkpushquery');
      if (refused) return refused;
      const problem = passwordProblem(body);
      if (problem) return problem;
      if (state.stkQueryAnswer === 'processing')
        return errorReply(500, '500.001.1001', 'The transaction is being processed');
      return HttpResponse.json({
        ResponseCode: '0',
        ResponseDescription: 'The service request has been accepted successsfully',
        MerchantRequestID: '22205-34066-1',
        CheckoutRequestID: body.CheckoutRequestID,
        ...state.stkQueryAnswer,
      });
    }),

    // https://developer.safaricom.co.ke/apis/TransactionStatus
    http.post(`${host}/mpesa/transactionstatus/v1/query`, async ({ request }) => {
      const { refused, body } = await authenticated(request, 'transactionstatus');
      if (refused) return refused;
      if (body.CommandID !== 'TransactionStatusQuery')
        return errorReply(400, '400.002.02', 'Bad Request - Invalid CommandID');
      return HttpResponse.json({
        OriginatorConversationID: '1236-7134259-1',
        ConversationID: 'AG_20210709_1234409f86436c583e3f',
        ResponseCode: '0',
        ResponseDescription: 'Accept the service request successfully.',
      });
    }),
  ];

  return { state, handlers };
}

/** A stored fixture, parsed afresh each time so tests may change it. */
export function fixture<T = Record<string, unknown>>(name: string): T {
  return JSON.parse(readFileSync(new URL(`../../fixtures/mpesa/${name}`, import.meta.url), 'utf8')) as T;
}

/** The documented C2B confirmation: v2 masks the MSISDN, v1 sends its SHA-256. */
export function c2bConfirmation(
  overrides: Record<string, unknown> = {},
  version: 'v1' | 'v2' = 'v2',
): Record<string, unknown> {
  return { ...fixture(`c2b-confirmation-${version}.json`), ...overrides };
}

export function c2bValidation(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { ...fixture('c2b-validation.json'), ...overrides };
}

/** The documented STK success callback; `balance` adds the optional Balance item first (items move). */
export function stkCallbackSuccess(
  options: { checkoutRequestId?: string; balance?: boolean } = {},
): Record<string, unknown> {
  const body = fixture<{
    Body: { stkCallback: { CheckoutRequestID: string; CallbackMetadata: { Item: unknown[] } } };
  }>('stk-callback-success.json');
  if (options.checkoutRequestId) body.Body.stkCallback.CheckoutRequestID = options.checkoutRequestId;
  if (options.balance) body.Body.stkCallback.CallbackMetadata.Item.unshift({ Name: 'Balance' });
  return body;
}

export function stkCallbackFailure(
  resultCode: number = 1032,
  resultDesc = 'Request cancelled by user',
): Record<string, unknown> {
  const body = fixture<{ Body: { stkCallback: Record<string, unknown> } }>('stk-callback-failure.json');
  body.Body.stkCallback.ResultCode = resultCode;
  body.Body.stkCallback.ResultDesc = resultDesc;
  return body;
}

export function transactionStatusResult(
  overrides: { resultCode?: number; resultDesc?: string } = {},
): Record<string, unknown> {
  const body = fixture<{ Result: Record<string, unknown> }>('transaction-status-result.json');
  if (overrides.resultCode !== undefined) {
    body.Result.ResultCode = overrides.resultCode;
    body.Result.ResultDesc = overrides.resultDesc ?? 'The transaction could not be found';
    delete body.Result.ResultParameters;
  }
  return body;
}

/** A delivery as the webhook route hands it over. */
export function callbackInput(
  body: unknown,
  subpath: readonly string[],
  options: { remoteAddress?: string; raw?: string } = {},
): WebhookInput {
  return {
    headers: new Headers({ 'content-type': 'application/json' }),
    body: new TextEncoder().encode(options.raw ?? JSON.stringify(body)),
    subpath,
    remoteAddress: options.remoteAddress,
  };
}
