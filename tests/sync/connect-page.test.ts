import { eq } from 'drizzle-orm';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connections } from '../../db/schema/index.ts';
import type { TenantContext } from '../../src/core/context.ts';
import { createApp } from '../../src/http/app.ts';
import { createHarness, type Harness } from '../support/harness.ts';
import { ok } from '../support/outcomes.ts';
import { fakeDaraja, sandboxApp } from '../support/vendors/mpesa.ts';

const daraja = fakeDaraja();
const vendors = setupServer(...daraja.handlers);
let harness: Harness;
let owner: TenantContext;
let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  vendors.listen({ onUnhandledRequest: 'error' });
  harness = await createHarness({ demo: true });
  harness.deps.publicUrl = 'https://kiungo.example';
  owner = await harness.context();
  app = createApp(harness.deps);
});
afterAll(async () => {
  vendors.close();
  await harness.close();
});

async function linkFor(system: string): Promise<string> {
  const outcome = ok(
    await harness.registry.call(harness.deps, owner, 'connect_integration', { system }, { surface: 'agent' }),
  );
  const url = (outcome.data as { url: string }).url;
  expect(url).toMatch(/^https:\/\/kiungo\.example\/connect\//);
  return new URL(url).pathname;
}

const form = (fields: Record<string, string | string[]>) => {
  const body = new URLSearchParams();
  for (const [key, value] of Object.entries(fields))
    for (const item of [value].flat()) body.append(key, item);
  return {
    method: 'POST',
    body,
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://localhost' },
  };
};

describe('connecting a system through a one-time connect page', () => {
  it('refuses systems that are not built yet, in plain words', async () => {
    const outcome = await harness.registry.call(
      harness.deps,
      owner,
      'connect_integration',
      { system: 'xero' },
      { surface: 'agent' },
    );
    expect(outcome.status).toBe('error');
    expect(outcome.text).toMatch(/not yet available/);
  });

  it('shows a form without secrets, checks the credentials with the vendor, stores them sealed and spends the link', async () => {
    const path = await linkFor('mpesa');
    const page = await app.request(path);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('M-Pesa');
    expect(html).toContain('type="password"');
    expect(html).not.toContain('accessToken');

    const wrong = await app.request(
      path,
      form({
        'config.environment': 'sandbox',
        'config.consumerKey': 'nope',
        'config.consumerSecret': 'nope',
        'config.shortCode': '174379',
        'config.shortCodeType': 'paybill',
        frequency: 'realtime',
      }),
    );
    expect(wrong.status).toBe(400);
    expect(await wrong.text()).toMatch(/did not accept these details/);

    const done = await app.request(
      path,
      form({
        'config.environment': 'sandbox',
        'config.consumerKey': sandboxApp.consumerKey,
        'config.consumerSecret': sandboxApp.consumerSecret,
        'config.shortCode': sandboxApp.shortCode,
        'config.shortCodeType': 'paybill',
        'config.passkey': sandboxApp.passkey,
        streams: 'payments',
        frequency: 'realtime',
      }),
    );
    const html2 = await done.text();
    expect(done.status).toBe(200);
    expect(html2).toContain('is connected');
    expect(html2).toMatch(/https:\/\/kiungo\.example\/webhooks\/mpesa_daraja\/[0-9a-f-]{36}/);
    const [row] = await harness.db.orm
      .select()
      .from(connections)
      .where(eq(connections.tenantId, owner.tenant.id));
    expect(row?.credentials).toMatch(/^v1\./);
    expect(row?.credentials).not.toContain(sandboxApp.consumerSecret);
    expect(daraja.state.calls.some((call) => call.path === 'registerurl')).toBe(true);

    const reused = await app.request(path);
    expect(reused.status).toBe(404);
    expect(await reused.text()).toMatch(/expired or was already used/);
  });

  it('lists the catalogue with what is available and what is connected', async () => {
    const outcome = ok(
      await harness.registry.call(harness.deps, owner, 'list_integrations', {}, { surface: 'agent' }),
    );
    const systems = (outcome.data as { systems: { id: string; available: boolean; connected: boolean }[] })
      .systems;
    expect(systems.find((system) => system.id === 'mpesa_daraja')).toMatchObject({
      available: true,
      connected: true,
    });
    expect(systems.find((system) => system.id === 'xero')).toMatchObject({
      available: false,
      connected: false,
    });
    expect(systems.length).toBeGreaterThanOrEqual(25);
  });
});
