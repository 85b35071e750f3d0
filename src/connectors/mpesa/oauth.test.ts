import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { testRuntime } from '../../../tests/support/connector-runtime.ts';
import { fakeDaraja, sandboxApp, sandboxConfig } from '../../../tests/support/vendors/mpesa.ts';
import type { Clock } from '../../core/time.ts';
import { ConnectorError } from '../errors.ts';
import { stkPush, stkQuery } from './actions.ts';
import { mpesaDaraja } from './index.ts';
import { accessToken, basicAuthorization } from './oauth.ts';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

function daraja() {
  const fake = fakeDaraja();
  server.use(...fake.handlers);
  return fake.state;
}

function movableClock(iso: string): Clock & { advance(ms: number): void } {
  let now = Date.parse(iso);
  return { now: () => new Date(now), advance: (ms) => (now += ms) };
}

const pushInput = { phone: '0708374149', amount: 100, accountReference: 'INV1001', description: 'Payment' };

describe('Daraja OAuth', () => {
  it('sends the Basic header of test vector M2', () => {
    expect(basicAuthorization('consumerKey', 'consumerSecret')).toBe(
      'Basic Y29uc3VtZXJLZXk6Y29uc3VtZXJTZWNyZXQ=',
    );
  });

  it('checks the credentials and shares the token through the config (string expires_in)', async () => {
    const state = daraja();
    const runtime = testRuntime(sandboxConfig());
    await expect(mpesaDaraja.check?.(runtime)).resolves.toEqual({ account: sandboxApp.shortCode });
    expect(state.oauthRequests).toBe(1);
    expect(runtime.saved).toEqual([
      { accessToken: 'sandboxToken1', accessTokenExpiresAt: '2026-11-23T09:59:59.000Z' },
    ]);
  });

  it('accepts expires_in as a number too', async () => {
    const state = daraja();
    state.expiresIn = 3599;
    const runtime = testRuntime(sandboxConfig());
    await accessToken(runtime);
    expect(runtime.config.accessTokenExpiresAt).toBe('2026-11-23T09:59:59.000Z');
  });

  it('makes one OAuth request for concurrent callers', async () => {
    const state = daraja();
    const runtime = testRuntime(sandboxConfig());
    const tokens = await Promise.all([accessToken(runtime), accessToken(runtime), accessToken(runtime)]);
    expect(new Set(tokens)).toEqual(new Set(['sandboxToken1']));
    expect(state.oauthRequests).toBe(1);
  });

  it('reuses the cached token, and renews it a minute before it expires', async () => {
    const state = daraja();
    const clock = movableClock('2026-11-23T09:00:00Z');
    const runtime = testRuntime(sandboxConfig(), { clock });
    await accessToken(runtime);
    clock.advance(3599_000 - 61_000);
    await expect(accessToken(runtime)).resolves.toBe('sandboxToken1');
    expect(state.oauthRequests).toBe(1);
    clock.advance(2_000);
    await expect(accessToken(runtime)).resolves.toBe('sandboxToken2');
    expect(state.oauthRequests).toBe(2);
    expect(runtime.config.accessToken).toBe('sandboxToken2');
  });

  it('uses a token another worker stored in the config without asking again', async () => {
    const state = daraja();
    state.token = 'sharedToken';
    const runtime = testRuntime(
      sandboxConfig({ accessToken: 'sharedToken', accessTokenExpiresAt: '2026-11-23T09:30:00Z' }),
    );
    await stkPush(runtime, pushInput);
    expect(state.oauthRequests).toBe(0);
    expect(state.calls[0]?.authorization).toBe('Bearer sharedToken');
  });

  it('reports refused credentials as a credentials failure', async () => {
    const state = daraja();
    const runtime = testRuntime(sandboxConfig({ consumerSecret: 'wrong' }));
    const error = await accessToken(runtime).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConnectorError);
    expect(error).toMatchObject({ failure: 'credentials', details: { errorCode: '400.008.01' } });
    expect((error as Error).message).toMatch(/Invalid Authentication passed/);
    expect(state.oauthRequests).toBe(1);
  });

  it('renews a refused token once and retries the STK push once (401)', async () => {
    const state = daraja();
    const runtime = testRuntime(
      sandboxConfig({ accessToken: 'revoked', accessTokenExpiresAt: '2026-11-23T09:30:00Z' }),
    );
    await expect(stkPush(runtime, pushInput)).resolves.toMatchObject({
      checkoutRequestId: 'ws_CO_191220191020363925',
    });
    expect(state.oauthRequests).toBe(1);
    expect(state.calls.map((call) => call.authorization)).toEqual(['Bearer revoked', 'Bearer sandboxToken1']);
  });

  it('treats Daraja’s "404.001.03 Invalid Access Token" reply like a 401', async () => {
    const state = daraja();
    state.invalidTokenStatus = 404;
    const runtime = testRuntime(
      sandboxConfig({ accessToken: 'revoked', accessTokenExpiresAt: '2026-11-23T09:30:00Z' }),
    );
    await expect(stkQuery(runtime, 'ws_CO_191220191020363925')).resolves.toMatchObject({ state: 'paid' });
    expect(state.oauthRequests).toBe(1);
    expect(state.calls).toHaveLength(2);
  });

  it('renews once when concurrent calls are refused together', async () => {
    const state = daraja();
    const runtime = testRuntime(
      sandboxConfig({ accessToken: 'revoked', accessTokenExpiresAt: '2026-11-23T09:30:00Z' }),
    );
    const results = await Promise.all([
      stkQuery(runtime, 'ws_CO_1'),
      stkQuery(runtime, 'ws_CO_2'),
      stkQuery(runtime, 'ws_CO_3'),
    ]);
    expect(results.map((result) => result.state)).toEqual(['paid', 'paid', 'paid']);
    expect(state.oauthRequests).toBe(1);
  });

  it('gives up after one renewal when the new token is refused as well', async () => {
    const state = daraja();
    state.refuseTokens = true;
    const runtime = testRuntime(
      sandboxConfig({ accessToken: 'revoked', accessTokenExpiresAt: '2026-11-23T09:30:00Z' }),
    );
    await expect(stkPush(runtime, pushInput)).rejects.toMatchObject({ failure: 'credentials' });
    expect(state.oauthRequests).toBe(1);
    expect(state.calls).toHaveLength(2);
  });
});
