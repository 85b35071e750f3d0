import { describe, expect, it } from 'vitest';
import {
  c2bConfirmation,
  c2bValidation,
  callbackInput,
  sandboxConfig,
  stkCallbackFailure,
  stkCallbackSuccess,
  testCallbackSecret,
  transactionStatusResult,
} from '../../../tests/support/vendors/mpesa.ts';
import type { RecordOf } from '../../sync/records.ts';
import { ConnectorError } from '../errors.ts';
import { mpesaWebhook } from './webhook.ts';

const config = sandboxConfig();
const secret = testCallbackSecret;

async function parse(body: unknown, ...path: string[]) {
  return mpesaWebhook.parse(config, callbackInput(body, [secret, ...path]));
}

function onlyPayment(records: unknown[]): RecordOf<'payment'> {
  expect(records).toHaveLength(1);
  return records[0] as RecordOf<'payment'>;
}

describe('M-Pesa callbacks: parse', () => {
  it('reads the documented STK success callback (test vector M3)', async () => {
    const parsed = await parse(stkCallbackSuccess(), 'stk', 'callback');
    expect(parsed).toMatchObject({ eventId: 'stk:ws_CO_191220191020363925', topic: 'stk.callback' });
    const payment = onlyPayment(parsed.records);
    expect(payment.externalId).toBe('NLJ7RT61SV');
    expect(payment.fields).toEqual({
      reference: 'NLJ7RT61SV',
      payer_name: null,
      phone: '+254708374149',
      amount: 100,
      currency: 'KES',
      paid_at: new Date('2019-12-19T10:21:15+03:00'),
      method: 'mpesa',
      invoice_number: null,
    });
    expect(payment.fields.paid_at.toISOString()).toBe('2019-12-19T07:21:15.000Z');
    expect(payment.raw).toMatchObject({
      Body: { stkCallback: { CheckoutRequestID: 'ws_CO_191220191020363925' } },
    });
  });

  it('finds STK items by name when the optional Balance item shifts them', async () => {
    const parsed = await parse(stkCallbackSuccess({ balance: true }), 'stk', 'callback');
    expect(onlyPayment(parsed.records).fields).toMatchObject({ amount: 100, reference: 'NLJ7RT61SV' });
  });

  it('stores a failed STK push as no records with a note naming the result', async () => {
    const cancelled = await parse(stkCallbackFailure(), 'stk', 'callback');
    expect(cancelled.records).toEqual([]);
    expect(cancelled.eventId).toBe('stk:ws_CO_191220191020363925');
    expect(cancelled.note).toMatch(/cancelled/);
    expect(cancelled.note).toMatch(/1032/);
    const unreachable = await parse(
      stkCallbackFailure(1037, 'DS timeout user cannot be reached'),
      'stk',
      'callback',
    );
    expect(unreachable.note).toMatch(/could not be reached.*1037/);
    const poor = await parse(
      stkCallbackFailure(1, 'The balance is insufficient for the transaction'),
      'stk',
      'callback',
    );
    expect(poor.note).toMatch(/balance was not enough/);
  });

  it('reads the documented C2B v2 confirmation (masked MSISDN)', async () => {
    const parsed = await parse(c2bConfirmation(), 'c2b', 'confirmation');
    expect(parsed).toMatchObject({ eventId: 'RKL51ZDR4F', topic: 'c2b.confirmation' });
    const payment = onlyPayment(parsed.records);
    expect(payment.externalId).toBe('RKL51ZDR4F');
    expect(payment.fields).toEqual({
      reference: 'RKL51ZDR4F',
      payer_name: 'NICHOLAS',
      phone: null,
      amount: 500,
      currency: 'KES',
      paid_at: new Date('2023-11-21T09:13:25Z'),
      method: 'mpesa',
      invoice_number: 'Sample Transaction',
    });
    expect(payment.raw).toMatchObject({ MSISDN: '2547 ***** 126' });
  });

  it('reads a C2B v1 confirmation (hashed MSISDN), trimming the account and joining names', async () => {
    const parsed = await parse(c2bConfirmation({}, 'v1'), 'c2b', 'confirmation');
    const payment = onlyPayment(parsed.records);
    expect(payment.fields).toMatchObject({
      payer_name: 'John Doe',
      phone: null,
      amount: 1000,
      invoice_number: 'INV-00042',
      paid_at: new Date('2019-11-22T03:38:45Z'),
    });
    expect((payment.raw as { MSISDN: string }).MSISDN).toMatch(/^[0-9a-f]{64}$/);
  });

  it('keeps a full MSISDN, and an empty account as null', async () => {
    const parsed = await parse(
      c2bConfirmation({ MSISDN: '254708374149', BillRefNumber: '  ', FirstName: '', MiddleName: ' ' }),
      'c2b',
      'confirmation',
    );
    expect(onlyPayment(parsed.records).fields).toMatchObject({
      phone: '+254708374149',
      invoice_number: null,
      payer_name: null,
    });
  });

  it('accepts a validation request without recording anything', async () => {
    const parsed = await parse(c2bValidation(), 'c2b', 'validation');
    expect(parsed).toMatchObject({ eventId: 'validation:RKL51ZDR4F', topic: 'c2b.validation', records: [] });
    expect(parsed.note).toMatch(/accepted/);
  });

  it('reads a Transaction Status result as the payment it describes', async () => {
    const parsed = await parse(transactionStatusResult(), 'status', 'result');
    expect(parsed).toMatchObject({ eventId: 'AG_20240702_20303738b089a9fb5233', topic: 'status.result' });
    const payment = onlyPayment(parsed.records);
    expect(payment.externalId).toBe('SFT4XYZ1AB');
    expect(payment.fields).toMatchObject({
      reference: 'SFT4XYZ1AB',
      payer_name: 'John Doe',
      phone: '+254708374149',
      amount: 150000,
      paid_at: new Date('2024-06-29T15:43:02Z'),
      method: 'mpesa',
    });
  });

  it('notes a failed status query, and a queue timeout, without records', async () => {
    const failed = await parse(
      transactionStatusResult({ resultCode: 2001, resultDesc: 'The initiator information is invalid.' }),
      'status',
      'result',
    );
    expect(failed.records).toEqual([]);
    expect(failed.note).toMatch(/2001/);
    const timeout = await parse(transactionStatusResult(), 'status', 'timeout');
    expect(timeout).toMatchObject({ eventId: 'timeout:AG_20240702_20303738b089a9fb5233', records: [] });
  });

  it('refuses bodies it cannot read', async () => {
    const notJson = (async () =>
      mpesaWebhook.parse(config, callbackInput(null, [secret, 'c2b', 'confirmation'], { raw: '<xml/>' })))();
    await expect(notJson).rejects.toThrow(ConnectorError);
    await expect(
      parse({ ...c2bConfirmation(), TransID: undefined }, 'c2b', 'confirmation'),
    ).rejects.toMatchObject({
      failure: 'malformed',
    });
    await expect(
      parse(c2bConfirmation({ TransTime: '2023-11-21 12:13' }), 'c2b', 'confirmation'),
    ).rejects.toMatchObject({
      failure: 'malformed',
    });
    await expect(parse({ Body: {} }, 'stk', 'callback')).rejects.toMatchObject({ failure: 'malformed' });
  });
});

describe('M-Pesa callbacks: verify', () => {
  const confirmation = [secret, 'c2b', 'confirmation'];

  it('accepts the right secret and refuses a wrong one of any length', async () => {
    await expect(mpesaWebhook.verify(config, callbackInput({}, confirmation))).resolves.toEqual({ ok: true });
    const sameLength = `${secret.slice(0, -1)}0`;
    expect(sameLength).toHaveLength(secret.length);
    for (const wrong of [sameLength, secret.slice(0, 20), `${secret}00`, ''])
      await expect(
        mpesaWebhook.verify(config, callbackInput({}, [wrong, 'c2b', 'confirmation'])),
      ).resolves.toMatchObject({ ok: false });
    await expect(mpesaWebhook.verify(config, callbackInput({}, []))).resolves.toMatchObject({ ok: false });
  });

  it('refuses addresses we never gave out', async () => {
    await expect(
      mpesaWebhook.verify(config, callbackInput({}, [secret, 'c2b', 'other'])),
    ).resolves.toMatchObject({
      ok: false,
    });
  });

  it('enforces the IP allow-list only when one is set', async () => {
    await expect(
      mpesaWebhook.verify(config, callbackInput({}, confirmation, { remoteAddress: '203.0.113.9' })),
    ).resolves.toEqual({ ok: true });
    const listed = sandboxConfig({ allowedIps: ['196.201.214.200', '196.201.214.206'] });
    await expect(
      mpesaWebhook.verify(listed, callbackInput({}, confirmation, { remoteAddress: '196.201.214.206' })),
    ).resolves.toEqual({ ok: true });
    await expect(
      mpesaWebhook.verify(
        listed,
        callbackInput({}, confirmation, { remoteAddress: '::ffff:196.201.214.200' }),
      ),
    ).resolves.toEqual({ ok: true });
    const stranger = await mpesaWebhook.verify(
      listed,
      callbackInput({}, confirmation, { remoteAddress: '203.0.113.9' }),
    );
    expect(stranger).toMatchObject({ ok: false, reason: expect.stringMatching(/203\.0\.113\.9/) });
    await expect(mpesaWebhook.verify(listed, callbackInput({}, confirmation))).resolves.toMatchObject({
      ok: false,
    });
  });
});

describe('M-Pesa callbacks: acknowledge', () => {
  it('answers validation with the string code and everything else with the number', () => {
    expect(mpesaWebhook.acknowledge?.(callbackInput({}, [secret, 'c2b', 'validation']))).toEqual({
      status: 200,
      body: { ResultCode: '0', ResultDesc: 'Accepted' },
    });
    for (const path of [
      ['c2b', 'confirmation'],
      ['stk', 'callback'],
      ['status', 'result'],
      ['status', 'timeout'],
    ])
      expect(mpesaWebhook.acknowledge?.(callbackInput({}, [secret, ...path]))).toEqual({
        status: 200,
        body: { ResultCode: 0, ResultDesc: 'Success' },
      });
  });
});
