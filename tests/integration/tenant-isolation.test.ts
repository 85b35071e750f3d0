/**
 * No tool, query or API route returns or changes another business's data, even when the input
 * names the other business's ids, names or references.
 */
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customers, invoices, payments } from '../../db/schema/index.ts';
import type { TenantContext } from '../../src/core/context.ts';
import { createApp } from '../../src/http/app.ts';
import { createApiKey } from '../../src/tenancy/api-keys.ts';
import { createHarness, type Harness } from '../support/harness.ts';

let harness: Harness;
let shopA: TenantContext;
let shopB: TenantContext;
let foreignCustomer: { id: string; fullName: string; phone: string | null };
let foreignInvoice: { id: string; number: string };
let foreignPayment: { reference: string | null };

beforeAll(async () => {
  harness = await createHarness({ demo: ['shop-a', 'shop-b'] });
  shopA = await harness.context('shop-a');
  shopB = await harness.context('shop-b');
  const [customer] = await harness.db.orm
    .select()
    .from(customers)
    .where(and(eq(customers.tenantId, shopB.tenant.id), eq(customers.fullName, 'Hassan Omari')));
  foreignCustomer = customer as typeof foreignCustomer;
  const [invoice] = await harness.db.orm
    .select()
    .from(invoices)
    .where(eq(invoices.tenantId, shopB.tenant.id))
    .limit(1);
  foreignInvoice = invoice as typeof foreignInvoice;
  const [payment] = await harness.db.orm
    .select()
    .from(payments)
    .where(eq(payments.tenantId, shopB.tenant.id))
    .limit(1);
  foreignPayment = payment as typeof foreignPayment;
});
afterAll(() => harness.close());

const idsOf = (value: unknown): string[] =>
  JSON.stringify(value).match(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g) ?? [];

async function tenantOwnedIds(tenantId: string): Promise<Set<string>> {
  const rows = await harness.db.rows<{ id: string }>(
    sql`select id from customers where tenant_id = ${tenantId}
      union all select id from invoices where tenant_id = ${tenantId}
      union all select id from payments where tenant_id = ${tenantId}
      union all select id from products where tenant_id = ${tenantId}`,
  );
  return new Set(rows.map((row) => row.id));
}

describe('tenant isolation', () => {
  it('the two businesses have different data with overlapping names', async () => {
    const [a] = await harness.db.orm
      .select()
      .from(customers)
      .where(and(eq(customers.tenantId, shopA.tenant.id), eq(customers.fullName, 'Hassan Omari')));
    expect(a?.id).toBeDefined();
    expect(a?.id).not.toBe(foreignCustomer.id);
  });

  it('read tools never return another business’s rows, whatever the input names', async () => {
    const foreignIds = await tenantOwnedIds(shopB.tenant.id);
    const calls: [string, Record<string, unknown>][] = [
      ['who_owes_me', { limit: 100 }],
      ['find_records', { query: 'Hassan Omari' }],
      ['find_records', { query: foreignInvoice.number }],
      ['find_records', { query: foreignCustomer.phone ?? '0754 000 000' }],
      ['find_records', { query: foreignPayment.reference ?? 'x' }],
      ['customer_profile', { customer_id: foreignCustomer.id }],
      ['customer_profile', { customer: 'Hassan Omari' }],
    ];
    for (const [tool, input] of calls) {
      const outcome = await harness.registry.call(harness.deps, shopA, tool, input, { surface: 'mcp' });
      const leaked = idsOf(outcome).filter((id) => foreignIds.has(id));
      expect(leaked, `${tool} ${JSON.stringify(input)}`).toEqual([]);
    }
  });

  it('naming another business’s customer id is "not found", never a write', async () => {
    const outcome = await harness.registry.call(
      harness.deps,
      shopA,
      'record_payment',
      { customer_id: foreignCustomer.id, amount: 1000 },
      { surface: 'agent' },
    );
    expect(outcome.status).toBe('error');
    if (outcome.status === 'error') expect(outcome.error.code).toBe('not_found');
  });

  it('a pending action of one business cannot be confirmed from another, even with its token', async () => {
    const request = await harness.registry.call(
      harness.deps,
      shopB,
      'record_payment',
      { customer_id: foreignCustomer.id, amount: 1000 },
      { surface: 'cli' },
    );
    if (request.status !== 'pending_confirmation') throw new Error('expected pending');
    const stolen = await harness.registry.decide(harness.deps, shopA, {
      actionId: request.action.id,
      proof: { token: request.confirmToken },
      decision: 'confirm',
    });
    expect(stolen.status).toBe('error');
    if (stolen.status === 'error') expect(stolen.error.code).toBe('not_found');
    const recorded = await harness.db.orm
      .select()
      .from(payments)
      .where(
        and(
          eq(payments.tenantId, shopB.tenant.id),
          eq(payments.amount, 100_000),
          eq(payments.customerId, foreignCustomer.id),
        ),
      );
    expect(recorded).toHaveLength(0);
  });

  it('an API key reaches only its own business over HTTP', async () => {
    const app = createApp(harness.deps);
    const keyA = await createApiKey(harness.db, shopA, { name: 'a', scopes: ['read', 'write'] });
    const me = await app.request('/api/v1/me', { headers: { authorization: `Bearer ${keyA.key}` } });
    expect(((await me.json()) as { tenant: { slug: string } }).tenant.slug).toBe('shop-a');
    const foreignIds = await tenantOwnedIds(shopB.tenant.id);
    for (const [tool, input] of [
      ['customer_profile', { customer_id: foreignCustomer.id }],
      ['find_records', { query: foreignInvoice.number }],
      ['who_owes_me', { limit: 100 }],
    ] as const) {
      const response = await app.request(`/api/v1/tools/${tool}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${keyA.key}`, 'content-type': 'application/json' },
        body: JSON.stringify(input),
      });
      const leaked = idsOf(await response.json()).filter((id) => foreignIds.has(id));
      expect(leaked, tool).toEqual([]);
    }
  });
});
