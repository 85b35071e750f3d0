import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { testRuntime } from '../../../tests/support/connector-runtime.ts';
import { fakeDaraja, sandboxConfig, testCallbackSecret } from '../../../tests/support/vendors/mpesa.ts';
import { mpesaConfig, mpesaDaraja, newCallbackSecret } from './index.ts';
import { checkCallbackUrl } from './setup.ts';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

function daraja() {
  const fake = fakeDaraja();
  server.use(...fake.handlers);
  return fake.state;
}

describe('M-Pesa connector', () => {
  it('declares a realtime payments connector without polling sync', () => {
    expect(mpesaDaraja).toMatchObject({
      id: 'mpesa_daraja',
      name: 'M-Pesa (Safaricom Daraja)',
      category: 'payments',
      regions: ['KE'],
      auth: 'client_credentials',
      realtime: true,
      streams: ['payments'],
    });
    expect(mpesaDaraja.sync).toBeUndefined();
    expect(mpesaDaraja.fields.find((field) => field.name === 'callbackSecret')).toMatchObject({
      secret: true,
      generated: true,
    });
    const parsed = mpesaConfig.parse({
      consumerKey: 'k',
      consumerSecret: 's',
      shortCode: '600984',
      callbackSecret: newCallbackSecret(),
    });
    expect(parsed).toMatchObject({ environment: 'sandbox', shortCodeType: 'paybill', currency: 'KES' });
    expect(parsed.allowedIps).toBeUndefined();
    const listed = mpesaConfig.parse({ ...parsed, allowedIps: '196.201.214.200, 196.201.214.206' });
    expect(listed.allowedIps).toEqual(['196.201.214.200', '196.201.214.206']);
  });

  it('makes callback secrets that never contain a word Safaricom refuses', () => {
    for (let round = 0; round < 200; round++) {
      const secret = newCallbackSecret();
      expect(secret).toMatch(/^[0-9a-f]{48}$/);
      expect(() => checkCallbackUrl(`https://kiungo.test/${secret}`, 'production')).not.toThrow();
    }
  });
});

describe('M-Pesa setup: register URL', () => {
  it('registers the confirmation and validation URLs with the secret segment', async () => {
    const state = daraja();
    const runtime = testRuntime(sandboxConfig());
    const notes = await mpesaDaraja.setup?.(runtime);
    expect(state.calls).toHaveLength(1);
    expect(state.calls[0]?.path).toBe('registerurl');
    expect(state.calls[0]?.body).toEqual({
      ShortCode: '174379',
      ResponseType: 'Completed',
      ConfirmationURL: `${runtime.webhookUrl}/${testCallbackSecret}/c2b/confirmation`,
      ValidationURL: `${runtime.webhookUrl}/${testCallbackSecret}/c2b/validation`,
    });
    expect(notes?.[0]).toMatch(/every payment to 174379/);
    expect(notes?.join('\n')).toMatch(/Sandbox/);
  });

  it('refuses, before calling Safaricom, an address containing a forbidden word', async () => {
    const state = daraja();
    const runtime = testRuntime(sandboxConfig());
    runtime.webhookUrl = 'https://pay.SafariCom-shop.example/webhooks/mpesa_daraja/c1';
    const error = await mpesaDaraja.setup?.(runtime).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ failure: 'configuration', details: { word: 'safaricom' } });
    expect((error as Error).message).toMatch(/web address without that word/);
    expect(state.calls).toHaveLength(0);
    expect(state.oauthRequests).toBe(0);
  });

  it('blames the secret when the forbidden word is in it', async () => {
    daraja();
    const runtime = testRuntime(sandboxConfig({ callbackSecret: 'abcdefSQLabcdefabcdef' }));
    await expect(mpesaDaraja.setup?.(runtime)).rejects.toThrow(/new callback secret/);
  });

  it('requires HTTPS in production', async () => {
    daraja();
    const runtime = testRuntime(
      sandboxConfig({ environment: 'production', baseUrl: 'https://sandbox.safaricom.co.ke' }),
    );
    runtime.webhookUrl = 'http://kiungo.example/webhooks/x/c1';
    await expect(mpesaDaraja.setup?.(runtime)).rejects.toMatchObject({ failure: 'configuration' });
  });

  it('turns "already registered" into a note for the owner', async () => {
    const state = daraja();
    state.alreadyRegistered = true;
    const notes = await mpesaDaraja.setup?.(testRuntime(sandboxConfig()));
    expect(notes?.[0]).toMatch(/already has payment addresses/);
  });
});
