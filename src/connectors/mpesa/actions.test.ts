import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { testRuntime } from '../../../tests/support/connector-runtime.ts';
import {
  fakeDaraja,
  sandboxApp,
  sandboxConfig,
  testCallbackSecret,
} from '../../../tests/support/vendors/mpesa.ts';
import { AppError } from '../../core/errors.ts';
import { stkPush, stkQuery, transactionStatus } from './actions.ts';
import { stkPassword } from './format.ts';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

function daraja() {
  const fake = fakeDaraja();
  server.use(...fake.handlers);
  return fake.state;
}

const push = {
  phone: '+254 708 374 149',
  amount: 15_000,
  accountReference: 'INV1001',
  description: 'Payment',
};

describe('STK push', () => {
  it('asks the customer to pay, signed with the passkey and an EAT timestamp', async () => {
    const state = daraja();
    const runtime = testRuntime(sandboxConfig());
    await expect(stkPush(runtime, push)).resolves.toEqual({
      checkoutRequestId: 'ws_CO_191220191020363925',
      merchantRequestId: '29115-34620561-1',
      customerMessage: 'Success. Request accepted for processing',
    });
    const call = state.calls.find((each) => each.path === 'stkpush');
    // The runtime clock says 09:00 UTC: 12:00 in Nairobi.
    expect(call?.body).toEqual({
      BusinessShortCode: 174379,
      Password: stkPassword(sandboxApp.shortCode, sandboxApp.passkey, '20261123120000'),
      Timestamp: '20261123120000',
      TransactionType: 'CustomerPayBillOnline',
      Amount: 150,
      PartyA: 254708374149,
      PartyB: 174379,
      PhoneNumber: 254708374149,
      CallBackURL: `${runtime.webhookUrl}/${testCallbackSecret}/stk/callback`,
      AccountReference: 'INV1001',
      TransactionDesc: 'Payment',
    });
  });

  it('uses Buy Goods for a till', async () => {
    const state = daraja();
    await stkPush(testRuntime(sandboxConfig({ shortCodeType: 'till' })), push);
    expect(state.calls[0]?.body.TransactionType).toBe('CustomerBuyGoodsOnline');
  });

  it('refuses bad input before calling M-Pesa', async () => {
    const state = daraja();
    const runtime = testRuntime(sandboxConfig());
    for (const input of [
      { ...push, amount: 15_050 },
      { ...push, amount: 0 },
      { ...push, amount: 1.5 },
      { ...push, phone: '+255712345678' },
      { ...push, accountReference: 'INVOICE-000123' },
      { ...push, description: 'Payment for invoice' },
    ])
      await expect(stkPush(runtime, input)).rejects.toBeInstanceOf(AppError);
    await expect(stkPush(runtime, { ...push, amount: 15_050 })).rejects.toThrow(/whole shillings/);
    await expect(stkPush(testRuntime(sandboxConfig({ passkey: undefined })), push)).rejects.toMatchObject({
      failure: 'configuration',
    });
    expect(state.calls).toHaveLength(0);
  });

  it('reports Daraja’s error body in its own words, without sending the push twice', async () => {
    const state = daraja();
    const runtime = testRuntime(sandboxConfig({ passkey: 'not-the-passkey' }));
    await expect(stkPush(runtime, push)).rejects.toMatchObject({
      failure: 'rejected',
      message: 'Wrong credentials',
      details: { errorCode: '500.001.1001' },
    });
    expect(state.calls).toHaveLength(1);
  });
});

describe('STK query', () => {
  it('says pending while M-Pesa is still processing', async () => {
    const state = daraja();
    state.stkQueryAnswer = 'processing';
    await expect(stkQuery(testRuntime(sandboxConfig()), 'ws_CO_191220191020363925')).resolves.toEqual({
      state: 'pending',
      message: 'The customer has not answered yet',
    });
  });

  it('reports paid and failed results with their meaning', async () => {
    const state = daraja();
    const runtime = testRuntime(sandboxConfig());
    await expect(stkQuery(runtime, 'ws_CO_1')).resolves.toMatchObject({ state: 'paid', resultCode: '0' });
    state.stkQueryAnswer = { ResultCode: '1032', ResultDesc: 'Request cancelled by user' };
    await expect(stkQuery(runtime, 'ws_CO_1')).resolves.toEqual({
      state: 'failed',
      resultCode: '1032',
      message: 'the customer cancelled the request',
    });
    expect(state.calls.at(-1)?.body).toMatchObject({
      CheckoutRequestID: 'ws_CO_1',
      BusinessShortCode: 174379,
    });
  });
});

describe('Transaction status', () => {
  it('asks about a receipt with the operator’s encrypted credential and our result URLs', async () => {
    const state = daraja();
    const runtime = testRuntime(sandboxConfig());
    await expect(
      transactionStatus(runtime, {
        transactionId: 'nlj7rt61sv',
        initiator: 'testapi',
        securityCredential: 'RSA-ENCRYPTED-BASE64==',
      }),
    ).resolves.toEqual({
      conversationId: 'AG_20210709_1234409f86436c583e3f',
      originatorConversationId: '1236-7134259-1',
      message: 'Accept the service request successfully.',
    });
    expect(state.calls[0]?.body).toMatchObject({
      Initiator: 'testapi',
      SecurityCredential: 'RSA-ENCRYPTED-BASE64==',
      CommandID: 'TransactionStatusQuery',
      TransactionID: 'NLJ7RT61SV',
      PartyA: '174379',
      IdentifierType: '4',
      ResultURL: `${runtime.webhookUrl}/${testCallbackSecret}/status/result`,
      QueueTimeOutURL: `${runtime.webhookUrl}/${testCallbackSecret}/status/timeout`,
    });
  });
});
