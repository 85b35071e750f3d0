import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, customers, events, invoices, payments, pendingActions } from '../../db/schema/index.ts';
import type { TenantContext } from '../../src/core/context.ts';
import { fixedClock } from '../../src/core/time.ts';
import { createHarness, type Harness } from '../support/harness.ts';
import { pending } from '../support/outcomes.ts';

let harness: Harness;
let owner: TenantContext;
let customerId: string;

beforeAll(async () => {
  harness = await createHarness({ demo: true });
  owner = await harness.context();
  const [mama] = await harness.db.orm
    .select()
    .from(customers)
    .where(and(eq(customers.tenantId, owner.tenant.id), eq(customers.fullName, 'Mama Joyce')));
  customerId = mama?.id as string;
});
afterAll(() => harness.close());

async function openInvoices(id: string) {
  return harness.db.rows<{ id: string; number: string; balance: number | string }>(
    sql`select id, number, total - amount_paid as balance from invoices
        where tenant_id = ${owner.tenant.id} and customer_id = ${id} and status = 'open' and total > amount_paid
        order by coalesce(due_date, issue_date), issue_date, number`,
  );
}

describe('record_payment', () => {
  it('changes nothing until a member confirms, then allocates oldest first and emits payment.received', async () => {
    const before = await openInvoices(customerId);
    expect(before.length).toBeGreaterThan(0);
    const oldest = before[0] as { id: string; number: string; balance: number | string };
    const amount = Number(oldest.balance) + 1000_00; // clears the oldest and starts on the next
    const paymentsBefore = await harness.db.orm
      .select()
      .from(payments)
      .where(eq(payments.tenantId, owner.tenant.id));

    const request = pending(
      await harness.registry.call(
        harness.deps,
        owner,
        'record_payment',
        { customer: 'mama joyce', amount: String(amount / 100), method: 'mpesa', reference: 'QK41XYZ9AB' },
        { surface: 'agent' },
      ),
    );
    expect(request.action.summary).toContain('Mama Joyce');
    expect(request.action.summary).toContain(oldest.number);
    const paymentsAfterRequest = await harness.db.orm
      .select()
      .from(payments)
      .where(eq(payments.tenantId, owner.tenant.id));
    expect(paymentsAfterRequest).toHaveLength(paymentsBefore.length);

    const done = await harness.registry.decide(harness.deps, owner, {
      actionId: request.action.id,
      proof: { token: request.confirmToken },
      decision: 'confirm',
    });
    expect(done.status).toBe('ok');
    expect(done.text).toMatch(/^Recorded TSh/);

    const after = await openInvoices(customerId);
    expect(after.find((invoice) => invoice.id === oldest.id)).toBeUndefined();
    const [paidOldest] = await harness.db.orm.select().from(invoices).where(eq(invoices.id, oldest.id));
    expect(paidOldest?.status).toBe('paid');
    const totalBefore = before.reduce((sum, invoice) => sum + Number(invoice.balance), 0);
    const totalAfter = after.reduce((sum, invoice) => sum + Number(invoice.balance), 0);
    expect(totalBefore - totalAfter).toBe(Math.min(amount, totalBefore));

    const [event] = await harness.db.orm
      .select()
      .from(events)
      .where(and(eq(events.tenantId, owner.tenant.id), eq(events.type, 'payment.received')));
    expect(event?.payload).toMatchObject({
      customer_id: customerId,
      amount,
      currency: 'TZS',
      reference: 'QK41XYZ9AB',
    });

    const audit = await harness.db.orm
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.tenantId, owner.tenant.id), eq(auditLog.tool, 'record_payment')));
    expect(audit.map((entry) => entry.outcome).sort()).toEqual(['pending', 'succeeded']);
    expect(audit.every((entry) => entry.memberId === owner.member.id && entry.channel === 'cli')).toBe(true);
  });

  it('runs a confirmed action once, even when confirmed twice at the same moment', async () => {
    const request = pending(
      await harness.registry.call(
        harness.deps,
        owner,
        'record_payment',
        { customer_id: customerId, amount: 1000 },
        { surface: 'mcp' },
      ),
    );
    const confirm = () =>
      harness.registry.decide(harness.deps, owner, {
        actionId: request.action.id,
        proof: { token: request.confirmToken },
        decision: 'confirm',
      });
    const results = await Promise.all([confirm(), confirm()]);
    expect(results.map((result) => result.status).sort()).toEqual(['error', 'ok']);
    const recorded = await harness.db.orm
      .select()
      .from(payments)
      .where(
        and(
          eq(payments.tenantId, owner.tenant.id),
          eq(payments.customerId, customerId),
          eq(payments.amount, 100_000),
        ),
      );
    expect(recorded).toHaveLength(1);
  });

  it('refuses a second payment with the same reference', async () => {
    const outcome = await harness.registry.call(
      harness.deps,
      owner,
      'record_payment',
      { customer_id: customerId, amount: 500, reference: 'QK41XYZ9AB' },
      { surface: 'cli' },
    );
    expect(outcome.status).toBe('error');
    if (outcome.status === 'error') expect(outcome.error.message).toMatch(/already recorded/);
  });

  it('needs the right token, and a cancelled action never runs', async () => {
    const request = pending(
      await harness.registry.call(
        harness.deps,
        owner,
        'record_payment',
        { customer_id: customerId, amount: 700 },
        { surface: 'cli' },
      ),
    );
    const wrong = await harness.registry.decide(harness.deps, owner, {
      actionId: request.action.id,
      proof: { token: 'not-the-token-at-all' },
      decision: 'confirm',
    });
    expect(wrong.status).toBe('error');
    const cancelled = await harness.registry.decide(harness.deps, owner, {
      actionId: request.action.id,
      proof: { token: request.confirmToken },
      decision: 'cancel',
    });
    expect(cancelled.status).toBe('ok');
    const late = await harness.registry.decide(harness.deps, owner, {
      actionId: request.action.id,
      proof: { token: request.confirmToken },
      decision: 'confirm',
    });
    expect(late.status).toBe('error');
    const recorded = await harness.db.orm
      .select()
      .from(payments)
      .where(and(eq(payments.tenantId, owner.tenant.id), eq(payments.amount, 70_000)));
    expect(recorded).toHaveLength(0);
  });

  it('lets an action lapse after its expiry', async () => {
    const request = pending(
      await harness.registry.call(
        harness.deps,
        owner,
        'record_payment',
        { customer_id: customerId, amount: 900 },
        { surface: 'cli' },
      ),
    );
    const later = { ...harness.deps, clock: fixedClock('2026-11-23T10:00:00Z') };
    const outcome = await harness.registry.decide(later, owner, {
      actionId: request.action.id,
      proof: { token: request.confirmToken },
      decision: 'confirm',
    });
    expect(outcome.status).toBe('error');
    if (outcome.status === 'error') expect(outcome.error.message).toMatch(/expired/);
    const [row] = await harness.db.orm
      .select()
      .from(pendingActions)
      .where(eq(pendingActions.id, request.action.id));
    expect(row?.status).toBe('expired');
  });

  it('asks which customer when a name is ambiguous, and never guesses', async () => {
    const outcome = await harness.registry.call(
      harness.deps,
      owner,
      'record_payment',
      { customer: 'a', amount: 1000 },
      { surface: 'cli' },
    );
    expect(outcome.status).toBe('error');
    if (outcome.status === 'error') {
      expect(outcome.error.code).toBe('conflict');
      expect(outcome.error.details?.candidates).toBeInstanceOf(Array);
    }
  });

  it('rejects impossible amounts and future dates', async () => {
    for (const input of [
      { customer_id: customerId, amount: 'lots' },
      { customer_id: customerId, amount: -5 },
      { customer_id: customerId, amount: 100, paid_at: '2027-01-01T00:00:00Z' },
      { customer_id: customerId, amount: 100, method: 'gold' },
    ]) {
      const outcome = await harness.registry.call(harness.deps, owner, 'record_payment', input, {
        surface: 'cli',
      });
      expect(outcome.status, JSON.stringify(input)).toBe('error');
    }
  });

  it('keeps an overpayment as credit and does not touch other currencies', async () => {
    const before = await openInvoices(customerId);
    const owed = before.reduce((sum, invoice) => sum + Number(invoice.balance), 0);
    const request = pending(
      await harness.registry.call(
        harness.deps,
        owner,
        'record_payment',
        { customer_id: customerId, amount: (owed + 12_345_00) / 100 },
        { surface: 'cli' },
      ),
    );
    const done = await harness.registry.decide(harness.deps, owner, {
      actionId: request.action.id,
      proof: { token: request.confirmToken },
      decision: 'confirm',
    });
    expect(done.status).toBe('ok');
    if (done.status === 'ok')
      expect((done.data as { credit: { minor: number } }).credit.minor).toBe(12_345_00);
    expect(await openInvoices(customerId)).toHaveLength(0);
  });
});
