import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  customers,
  events,
  invoices,
  orders,
  payments,
  products,
  syncReviews,
} from '../../db/schema/index.ts';
import type { TenantContext } from '../../src/core/context.ts';
import type { SyncRecord } from '../../src/sync/records.ts';
import { createHarness, type Harness } from '../support/harness.ts';
import { addConnection, applier } from './pipeline-support.ts';

let harness: Harness;
let owner: TenantContext;
let apply: ReturnType<typeof applier>;
let posApply: ReturnType<typeof applier>;
let mamaPhone: string;

beforeAll(async () => {
  harness = await createHarness({ demo: true });
  owner = await harness.context();
  apply = applier(harness, owner, await addConnection(harness, owner, 'shopify', 'Shopify'));
  posApply = applier(harness, owner, await addConnection(harness, owner, 'custom_webhook', 'Till'));
  const [mama] = await harness.db.orm
    .select({ phone: customers.phone })
    .from(customers)
    .where(and(eq(customers.tenantId, owner.tenant.id), eq(customers.fullName, 'Mama Joyce')));
  mamaPhone = mama?.phone as string;
});
afterAll(() => harness.close());

const customer = (
  externalId: string,
  fields: Record<string, unknown>,
  changedAt = '2026-11-20T10:00:00Z',
): SyncRecord =>
  ({
    entity: 'customer',
    externalId,
    changedAt: new Date(changedAt),
    fields: { full_name: 'Neema Said', ...fields },
  }) as SyncRecord;

async function customerByExternal(externalId: string) {
  const [row] = await harness.db.orm
    .select()
    .from(customers)
    .where(and(eq(customers.tenantId, owner.tenant.id), eq(customers.externalId, externalId)));
  return row;
}

describe('the record pipeline', () => {
  it('creates, then skips an identical record, then updates a changed one, with provenance', async () => {
    const first = await apply([customer('c-1', { phone: '0754 111 222', email: 'Neema@Example.com' })]);
    expect(first.counts).toMatchObject({ seen: 1, created: 1 });
    const row = await customerByExternal('c-1');
    expect(row).toMatchObject({
      phone: '+255754111222',
      email: 'neema@example.com',
      sourceKind: 'connection',
    });
    expect(
      (await apply([customer('c-1', { phone: '0754 111 222', email: 'Neema@Example.com' })])).counts
        .unchanged,
    ).toBe(1);
    const changed = await apply([
      customer(
        'c-1',
        { phone: '0754 111 222', email: 'Neema@Example.com', city: 'Arusha' },
        '2026-11-21T10:00:00Z',
      ),
    ]);
    expect(changed.counts.updated).toBe(1);
    expect((await customerByExternal('c-1'))?.city).toBe('Arusha');
  });

  it('drops a record older than the one it already holds (a poll cannot clobber a fresher webhook)', async () => {
    const stale = await apply([customer('c-1', { city: 'Moshi' }, '2026-11-19T10:00:00Z')]);
    expect(stale.counts.stale).toBe(1);
    expect((await customerByExternal('c-1'))?.city).toBe('Arusha');
  });

  it('keeps phones it already has when the rule says so, and fills them when empty', async () => {
    await apply([customer('c-2', { full_name: 'Juma Ali' })]);
    await apply([customer('c-2', { full_name: 'Juma Ali', phone: '0713 000 111' }, '2026-11-21T00:00:00Z')], {
      rules: { keep_existing_phones: true },
    });
    expect((await customerByExternal('c-2'))?.phone).toBe('+255713000111');
    await apply([customer('c-2', { full_name: 'Juma Ali', phone: '0713 999 888' }, '2026-11-22T00:00:00Z')], {
      rules: { keep_existing_phones: true },
      settings: { conflictPolicy: 'theirs' },
    });
    expect((await customerByExternal('c-2'))?.phone).toBe('+255713000111');
    // A changed payload (the city) is processed again; without the rule, theirs wins.
    await apply(
      [
        customer(
          'c-2',
          { full_name: 'Juma Ali', phone: '0713 999 888', city: 'Tanga' },
          '2026-11-22T01:00:00Z',
        ),
      ],
      {
        settings: { conflictPolicy: 'theirs' },
      },
    );
    expect((await customerByExternal('c-2'))?.phone).toBe('+255713999888');
  });

  it('links a new vendor customer to the existing one with the same phone', async () => {
    const before = await harness.db.rows<{ count: number }>(
      sql`select count(*)::int as count from customers where tenant_id = ${owner.tenant.id}`,
    );
    const result = await apply([customer('c-mama', { full_name: 'Joyce Mushi', phone: mamaPhone })]);
    expect(result.counts.updated + result.counts.unchanged).toBe(1);
    const after = await harness.db.rows<{ count: number }>(
      sql`select count(*)::int as count from customers where tenant_id = ${owner.tenant.id}`,
    );
    expect(Number(after[0]?.count)).toBe(Number(before[0]?.count));
  });

  it('asks before merging when the owner said so: a new record plus a merge review', async () => {
    const result = await apply([customer('c-mama-2', { full_name: 'J. Mushi', phone: mamaPhone })], {
      rules: { ask_before_merge: true },
    });
    expect(result.counts.reviews).toBe(1);
    const created = await customerByExternal('c-mama-2');
    const [review] = await harness.db.orm
      .select()
      .from(syncReviews)
      .where(eq(syncReviews.recordId, created?.id as string));
    expect(review).toMatchObject({ kind: 'merge', status: 'open', data: { matchedOn: 'phone' } });
  });

  it('queues a conflict for the owner under the manual policy when both sides changed', async () => {
    const row = await customerByExternal('c-1');
    await harness.db.orm
      .update(customers)
      .set({ city: 'Dodoma', localChangedAt: new Date('2026-11-23T09:30:00Z') })
      .where(eq(customers.id, row?.id as string));
    const result = await apply([customer('c-1', { city: 'Mwanza' }, '2026-11-23T09:40:00Z')], {
      settings: { conflictPolicy: 'manual' },
      now: new Date('2026-11-23T10:00:00Z'),
    });
    expect(result.counts.reviews).toBe(1);
    expect((await customerByExternal('c-1'))?.city).toBe('Dodoma');
    const [review] = await harness.db.orm
      .select()
      .from(syncReviews)
      .where(and(eq(syncReviews.recordId, row?.id as string), eq(syncReviews.kind, 'conflict')));
    expect(review?.data).toEqual({ city: { ours: 'Dodoma', theirs: 'Mwanza' } });
  });

  it('applies field mappings with transforms before anything else', async () => {
    await apply(
      [
        {
          entity: 'customer',
          externalId: 'c-map',
          changedAt: new Date('2026-11-20T00:00:00Z'),
          fields: { full_name: 'x' },
          raw: { first: 'amina', last: 'JUMA', addr: { town: 'dar es salaam' }, tier: 'G' },
        },
      ],
      {
        settings: {
          fieldMappings: [
            {
              entity: 'customer',
              field: 'full_name',
              transforms: [
                { kind: 'concat', from: ['first', 'last'], separator: ' ' },
                { kind: 'case', to: 'title' },
              ],
              direction: 'inbound',
            },
            {
              entity: 'customer',
              field: 'city',
              from: 'addr.town',
              transforms: [{ kind: 'case', to: 'title' }],
              direction: 'inbound',
            },
            {
              entity: 'customer',
              field: 'notes',
              from: 'tier',
              transforms: [{ kind: 'value_map', map: { G: 'Gold' } }],
              direction: 'both',
            },
            {
              entity: 'customer',
              field: 'company',
              from: 'missing',
              transforms: [{ kind: 'default', value: 'Walk-in' }],
              direction: 'inbound',
            },
            { entity: 'customer', field: 'region', from: 'tier', transforms: [], direction: 'off' },
          ],
        },
      },
    );
    expect(await customerByExternal('c-map')).toMatchObject({
      fullName: 'Amina Juma',
      city: 'Dar Es Salaam',
      notes: 'Gold',
      company: 'Walk-in',
      region: null,
    });
  });

  it('records an order with its lines and customer, and runs the POS rules once per sale', async () => {
    await posApply([
      {
        entity: 'product',
        externalId: 'p-1',
        fields: { name: 'Solar lamp', sku: 'LAMP-1', price: 2500000, currency: 'TZS', stock_qty: 10 },
      },
    ]);
    const sale: SyncRecord = {
      entity: 'order',
      externalId: 'sale-77',
      changedAt: new Date('2026-11-23T07:00:00Z'),
      fields: {
        number: 'POS-77',
        ordered_at: new Date('2026-11-23T07:00:00Z'),
        total: 5000000,
        currency: 'TZS',
        status: 'completed',
        customer: { externalId: 'pos-cust-9', full_name: 'Rehema Kweka', phone: '0765 432 100' },
        lines: [
          { sku: 'LAMP-1', description: 'Solar lamp', quantity: 2, unit_price: 2500000, total: 5000000 },
        ],
      },
    };
    const rules = { invoice_from_pos_sale: true, update_inventory_after_sale: true };
    const first = await posApply([sale], { rules, category: 'pos' });
    expect(first.counts.created).toBe(1);
    const again = await posApply(
      [
        {
          ...sale,
          changedAt: new Date('2026-11-23T07:05:00Z'),
          fields: { ...sale.fields, status: 'completed' },
        } as SyncRecord,
      ],
      { rules, category: 'pos' },
    );
    expect(again.counts.unchanged + again.counts.updated).toBe(1);
    const [order] = await harness.db.orm
      .select()
      .from(orders)
      .where(and(eq(orders.tenantId, owner.tenant.id), eq(orders.externalId, 'sale-77')));
    expect(order).toMatchObject({ number: 'POS-77', total: 5000000, status: 'completed' });
    const [buyer] = await harness.db.orm
      .select()
      .from(customers)
      .where(eq(customers.id, order?.customerId as string));
    expect(buyer).toMatchObject({ fullName: 'Rehema Kweka', phone: '+255765432100' });
    const made = await harness.db.orm
      .select()
      .from(invoices)
      .where(and(eq(invoices.tenantId, owner.tenant.id), eq(invoices.externalId, 'order:sale-77')));
    expect(made).toHaveLength(1);
    expect(made[0]).toMatchObject({ total: 5000000, amountPaid: 5000000, status: 'paid' });
    const [lamp] = await harness.db.orm
      .select()
      .from(products)
      .where(and(eq(products.tenantId, owner.tenant.id), eq(products.sku, 'LAMP-1')));
    expect(Number(lamp?.stockQty)).toBe(8);
    const completed = await harness.db.rows(
      sql`select 1 from events where tenant_id = ${owner.tenant.id} and type = 'order.completed' and payload->>'number' = 'POS-77'`,
    );
    expect(completed).toHaveLength(1);
  });

  it('matches a payment to the invoice the payer named and allocates it', async () => {
    const [open] = await harness.db.rows<{ number: string; customer_id: string; balance: number }>(
      sql`select number, customer_id, total - amount_paid as balance from invoices
          where tenant_id = ${owner.tenant.id} and status = 'open' and total > amount_paid and customer_id is not null
          order by issue_date limit 1`,
    );
    const payment: SyncRecord = {
      entity: 'payment',
      externalId: 'RKL51ZDR4F',
      fields: {
        reference: 'RKL51ZDR4F',
        payer_name: 'NICHOLAS',
        amount: 500000,
        currency: 'TZS',
        paid_at: new Date('2026-11-23T06:00:00Z'),
        method: 'mpesa',
        invoice_number: open?.number ?? null,
      },
    };
    const result = await posApply([payment]);
    expect(result.counts.created).toBe(1);
    const [saved] = await harness.db.orm
      .select()
      .from(payments)
      .where(and(eq(payments.tenantId, owner.tenant.id), eq(payments.externalId, 'RKL51ZDR4F')));
    expect(saved?.customerId).toBe(open?.customer_id);
    const [after] = await harness.db.rows<{ balance: number }>(
      sql`select total - amount_paid as balance from invoices where tenant_id = ${owner.tenant.id} and number = ${open?.number}`,
    );
    expect(Number(after?.balance)).toBe(Number(open?.balance) - Math.min(500000, Number(open?.balance)));
    expect((await posApply([payment])).counts.unchanged).toBe(1);
    const received = await harness.db.orm
      .select()
      .from(events)
      .where(and(eq(events.tenantId, owner.tenant.id), eq(events.type, 'payment.received')));
    expect(
      received.some((event) => (event.payload as { reference?: string }).reference === 'RKL51ZDR4F'),
    ).toBe(true);
  });

  it('logs a record the database refuses and still saves the rest of the batch', async () => {
    const result = await apply([
      customer('c-good-1', { full_name: 'Good One' }),
      {
        entity: 'product',
        externalId: 'p-bad',
        fields: { name: 'Bad', currency: 'TZS', price: 1e30 },
      } as SyncRecord,
      customer('c-good-2', { full_name: 'Good Two' }),
    ]);
    expect(result.counts).toMatchObject({ created: 2, failed: 1 });
    expect(result.log.find((line) => line.level === 'error')?.message).toContain(
      'product p-bad was not saved',
    );
    expect(await customerByExternal('c-good-2')).toBeDefined();
  });

  it("marks deletions without losing Kiungo's copy", async () => {
    const result = await apply([{ entity: 'customer', externalId: 'c-good-1', deleted: true }]);
    expect(result.counts.deleted).toBe(1);
    expect(await customerByExternal('c-good-1')).toBeDefined();
  });
});
