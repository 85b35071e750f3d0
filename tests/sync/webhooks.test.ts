import { and, eq } from 'drizzle-orm';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customers, payments, webhookInbox } from '../../db/schema/index.ts';
import type { TenantContext } from '../../src/core/context.ts';
import { createApp } from '../../src/http/app.ts';
import { createConnection } from '../../src/sync/connections.ts';
import { createHarness, type Harness } from '../support/harness.ts';
import { ok, pending } from '../support/outcomes.ts';
import {
  c2bConfirmation,
  fakeDaraja,
  sandboxConfig,
  stkCallbackFailure,
  stkCallbackSuccess,
  testCallbackSecret,
} from '../support/vendors/mpesa.ts';

const daraja = fakeDaraja();
const vendors = setupServer(...daraja.handlers);
let harness: Harness;
let owner: TenantContext;
let app: ReturnType<typeof createApp>;
let connectionId: string;

beforeAll(async () => {
  vendors.listen({ onUnhandledRequest: 'error' });
  harness = await createHarness({ demo: true });
  harness.deps.publicUrl = 'https://kiungo.example';
  owner = await harness.context();
  app = createApp(harness.deps);
  const created = await createConnection(harness.deps, owner, {
    connector: 'mpesa_daraja',
    config: sandboxConfig(),
  });
  connectionId = created.row.id;
});
afterAll(async () => {
  vendors.close();
  await harness.close();
});

const post = (path: string, body: string | Uint8Array, headers: Record<string, string> = {}) =>
  app.request(path, {
    method: 'POST',
    body: body as BodyInit,
    headers: { 'content-type': 'application/json', ...headers },
  });

describe('vendor webhooks', () => {
  it('stores, acknowledges the way Daraja expects, and records the payment once however often it is delivered', async () => {
    const body = JSON.stringify(
      c2bConfirmation({ TransID: 'RKL51ZDR4F', TransAmount: '1500.00', BillRefNumber: 'INV-1001' }),
    );
    const path = `/webhooks/mpesa_daraja/${connectionId}/${testCallbackSecret}/c2b/confirmation`;
    const first = await post(path, body);
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ ResultCode: 0, ResultDesc: 'Success' });
    const again = await post(path, body);
    expect(again.status).toBe(200);
    const stored = await harness.db.orm
      .select()
      .from(webhookInbox)
      .where(eq(webhookInbox.connectionId, connectionId));
    expect(stored).toHaveLength(1);
    expect(stored[0]?.status).toBe('processed');
    const saved = await harness.db.orm
      .select()
      .from(payments)
      .where(and(eq(payments.tenantId, owner.tenant.id), eq(payments.externalId, 'RKL51ZDR4F')));
    expect(saved).toHaveLength(1);
    expect(saved[0]).toMatchObject({
      amount: 150000,
      currency: 'KES',
      method: 'mpesa',
      invoiceNumber: 'INV-1001',
    });
  });

  it('rejects a forged callback (wrong secret in the path) and stores nothing', async () => {
    const before = await harness.db.orm.select().from(webhookInbox);
    const forged = await post(
      `/webhooks/mpesa_daraja/${connectionId}/${'0'.repeat(testCallbackSecret.length)}/c2b/confirmation`,
      JSON.stringify(c2bConfirmation({ TransID: 'FORGED0001' })),
    );
    expect(forged.status).toBe(401);
    expect(await harness.db.orm.select().from(webhookInbox)).toHaveLength(before.length);
    expect(harness.logs.some((line) => line.includes('webhook rejected'))).toBe(true);
  });

  it('answers 404 for an unknown connection or connector and 413 for a huge body', async () => {
    expect((await post(`/webhooks/mpesa_daraja/not-a-uuid/x`, '{}')).status).toBe(404);
    expect((await post(`/webhooks/shopify/${connectionId}`, '{}')).status).toBe(404);
    const huge = new Uint8Array(1024 * 1024 + 10).fill(32);
    expect(
      (await post(`/webhooks/mpesa_daraja/${connectionId}/${testCallbackSecret}/c2b/confirmation`, huge))
        .status,
    ).toBe(413);
  });

  it('answers 400 to a body it cannot read, without storing it', async () => {
    const response = await post(
      `/webhooks/mpesa_daraja/${connectionId}/${testCallbackSecret}/c2b/confirmation`,
      '{"TransID": ',
    );
    expect(response.status).toBe(400);
  });

  it('keeps a failed payment prompt as an ignored delivery with the reason', async () => {
    const response = await post(
      `/webhooks/mpesa_daraja/${connectionId}/${testCallbackSecret}/stk/callback`,
      JSON.stringify(stkCallbackFailure(1032, 'Request cancelled by user')),
    );
    expect(response.status).toBe(200);
    const [row] = await harness.db.orm
      .select()
      .from(webhookInbox)
      .where(and(eq(webhookInbox.connectionId, connectionId), eq(webhookInbox.status, 'ignored')));
    expect(row?.error).toMatch(/cancel/i);
  });

  it('asks a customer to pay by M-Pesa after confirmation, and records the payment when the prompt is paid', async () => {
    const [customer] = await harness.db.orm
      .insert(customers)
      .values({ tenantId: owner.tenant.id, fullName: 'Wanjiru Kamau', phone: '+254708374149' })
      .returning();
    const request = pending(
      await harness.registry.call(
        harness.deps,
        owner,
        'request_payment',
        { customer: 'Wanjiru Kamau', amount: 1 },
        { surface: 'mcp' },
      ),
    );
    expect(request.action.summary).toMatch(/KES 1 to Wanjiru Kamau/);
    expect(daraja.state.calls.some((call) => call.path === 'stkpush')).toBe(false);
    ok(
      await harness.registry.decide(harness.deps, owner, {
        actionId: request.action.id,
        decision: 'confirm',
        proof: { token: request.confirmToken },
      }),
    );
    expect(daraja.state.calls.some((call) => call.path === 'stkpush')).toBe(true);
    const callback = await post(
      `/webhooks/mpesa_daraja/${connectionId}/${testCallbackSecret}/stk/callback`,
      JSON.stringify(stkCallbackSuccess({ checkoutRequestId: 'ws_CO_231120260900000001' })),
    );
    expect(callback.status).toBe(200);
    const [paid] = await harness.db.orm
      .select()
      .from(payments)
      .where(and(eq(payments.tenantId, owner.tenant.id), eq(payments.externalId, 'NLJ7RT61SV')));
    expect(paid).toMatchObject({ customerId: customer?.id, amount: 100, currency: 'KES' });
  });
});
