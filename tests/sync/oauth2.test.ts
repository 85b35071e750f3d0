/** OAuth 2 refresh with rotating refresh tokens, shared by two workers through the database. */
import { eq } from 'drizzle-orm';
import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connections } from '../../db/schema/index.ts';
import { customWebhook } from '../../src/connectors/custom/index.ts';
import { ConnectorError } from '../../src/connectors/errors.ts';
import { oauth2Tokens, type StoredTokens } from '../../src/connectors/oauth2.ts';
import type { TenantContext } from '../../src/core/context.ts';
import { openCredentials } from '../../src/sync/connections.ts';
import { runtimeFor } from '../../src/sync/runtime.ts';
import { createHarness, type Harness } from '../support/harness.ts';

const tokenUrl = 'https://identity.vendor.test/oauth2/token';
/** A vendor that rotates refresh tokens: each one works once, like QuickBooks' and Xero's. */
const vendor = { valid: 'rt-1', issued: 0, requests: 0 };
const server = setupServer(
  http.post(tokenUrl, async ({ request }) => {
    vendor.requests++;
    if (request.headers.get('authorization') !== `Basic ${btoa('client:secret')}`)
      return HttpResponse.json({ error: 'invalid_client' }, { status: 401 });
    const form = new URLSearchParams(await request.text());
    if (form.get('grant_type') !== 'refresh_token' || form.get('refresh_token') !== vendor.valid)
      return HttpResponse.json({ error: 'invalid_grant' }, { status: 400 });
    vendor.issued++;
    vendor.valid = `rt-${vendor.issued + 1}`;
    await new Promise((resolve) => setTimeout(resolve, 30));
    return HttpResponse.json({
      access_token: `at-${vendor.issued}`,
      refresh_token: vendor.valid,
      expires_in: 3600,
      token_type: 'bearer',
    });
  }),
);

let harness: Harness;
let owner: TenantContext;
let connectionId: string;

beforeAll(async () => {
  server.listen({ onUnhandledRequest: 'error' });
  harness = await createHarness({ demo: true });
  owner = await harness.context();
  const id = crypto.randomUUID();
  const expired: StoredTokens = {
    accessToken: 'at-0',
    refreshToken: 'rt-1',
    expiresAt: '2026-11-23T08:00:00Z',
  };
  await harness.db.orm.insert(connections).values({
    id,
    tenantId: owner.tenant.id,
    connector: 'custom_webhook',
    name: 'Accounting',
    credentials: await harness.deps.vault.sealJson({ tokens: expired }, id),
  });
  connectionId = id;
});
afterAll(async () => {
  server.close();
  await harness.close();
});

type Config = { tokens?: StoredTokens };

function worker() {
  const runtime = runtimeFor(harness.deps, owner.tenant, customWebhook, connectionId, {});
  return (async () => {
    const [row] = await harness.db.orm.select().from(connections).where(eq(connections.id, connectionId));
    runtime.config = await openCredentials(harness.deps, row as typeof connections.$inferSelect);
    return oauth2Tokens(
      runtime as never as Parameters<typeof oauth2Tokens<Config>>[0],
      { tokenUrl, clientId: 'client', clientSecret: 'secret' },
      {
        read: (config) => config.tokens,
        write: (tokens) => ({ tokens }),
      },
    );
  })();
}

describe('OAuth 2 tokens', () => {
  it('renews an expired token once, even when two workers need it at the same moment, and stores the rotated refresh token', async () => {
    const [first, second] = await Promise.all([worker(), worker()]);
    const tokens = await Promise.all([first.accessToken(), second.accessToken()]);
    expect(tokens).toEqual(['at-1', 'at-1']);
    expect(vendor.requests).toBe(1);
    const [row] = await harness.db.orm.select().from(connections).where(eq(connections.id, connectionId));
    const stored = await openCredentials<Config>(harness.deps, row as typeof connections.$inferSelect);
    expect(stored.tokens).toMatchObject({ accessToken: 'at-1', refreshToken: 'rt-2' });
    expect(row?.credentials).not.toContain('rt-2');
  });

  it('uses a fresh token without asking, and renews after the vendor refused it', async () => {
    const tokens = await worker();
    expect(await tokens.accessToken()).toBe('at-1');
    expect(vendor.requests).toBe(1);
    expect(await tokens.renew()).toBe('at-2');
    expect(vendor.requests).toBe(2);
  });

  it('turns a revoked grant into a credentials failure (red health, reconnect)', async () => {
    vendor.valid = 'revoked-elsewhere';
    const tokens = await worker();
    const failure = await tokens.renew().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ConnectorError);
    expect((failure as ConnectorError).failure).toBe('credentials');
  });
});
