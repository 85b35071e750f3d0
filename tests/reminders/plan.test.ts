/** Planning reminders on the demo business: who gets what, checked against SQL written independently. */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TenantContext } from '../../src/core/context.ts';
import { composeReminder } from '../../src/reminders/compose.ts';
import { isOptOutMessage, recordOptOut } from '../../src/reminders/opt-out.ts';
import { planReminders } from '../../src/reminders/reminders.ts';
import { createHarness, type Harness, testToday } from '../support/harness.ts';

let harness: Harness;
let owner: TenantContext;

beforeAll(async () => {
  harness = await createHarness({ demo: true });
  owner = await harness.context('demo', 'owner', 'mcp');
});
afterAll(() => harness.close());

/** Open invoices of customers with a phone, at least `days` past due today, straight from the tables. */
async function expectedInvoices(days: number): Promise<{ id: string; phone: string }[]> {
  return harness.db.rows<{ id: string; phone: string }>(sql`
    select i.id, c.phone from invoices i join customers c on c.id = i.customer_id
    where i.tenant_id = ${owner.tenant.id} and i.status = 'open' and i.amount_paid < i.total
      and c.phone is not null and ${testToday}::date - coalesce(i.due_date, i.issue_date) >= ${days}`);
}

const plannedIds = (plan: Awaited<ReturnType<typeof planReminders>>) =>
  plan.reminders.flatMap((reminder) => reminder.invoices.map((invoice) => invoice.id)).sort();

describe('planning reminders', () => {
  it('picks exactly the invoices 3+ days overdue of customers with a phone, one message per phone', async () => {
    const plan = await planReminders(harness.deps, owner);
    const expected = await expectedInvoices(3);
    expect(expected.length).toBeGreaterThan(10);
    expect(plannedIds(plan)).toEqual(expected.map((row) => row.id).sort());
    expect(plan.reminders).toHaveLength(new Set(expected.map((row) => row.phone)).size);
    expect(plan.daysOverdueMin).toBe(3);
    expect(plan.asOf).toBe(testToday);
    for (const reminder of plan.reminders) {
      const phones = new Set(
        expected
          .filter((row) => reminder.invoices.some((invoice) => invoice.id === row.id))
          .map((row) => row.phone),
      );
      expect([...phones]).toEqual([reminder.address]);
      expect(reminder.address).toMatch(/^\+255\d{9}$/);
      expect(reminder.invoices.every((invoice) => invoice.daysOverdue >= 3)).toBe(true);
      const sum = reminder.invoices.reduce((total, invoice) => total + invoice.balance, 0);
      expect(reminder.totals).toEqual([{ currency: 'TZS', amount: sum }]);
    }
    // The same person entered twice (same phone, name written differently) gets one message.
    expect(plan.reminders.some((reminder) => reminder.customerIds.length > 1)).toBe(true);
    // Customers with several overdue invoices get one message naming all of them.
    const grouped = plan.reminders.filter((reminder) => reminder.invoices.length > 1);
    expect(grouped.length).toBeGreaterThan(3);
    for (const reminder of grouped)
      for (const invoice of reminder.invoices) expect(reminder.body).toContain(invoice.number);
  });

  it('says why overdue invoices are left out: no customer phone', async () => {
    const plan = await planReminders(harness.deps, owner);
    const [row] = await harness.db.rows<{ count: number }>(sql`
      select count(*)::int as count from invoices i left join customers c on c.id = i.customer_id
      where i.tenant_id = ${owner.tenant.id} and i.status = 'open' and i.amount_paid < i.total
        and c.phone is null and ${testToday}::date - coalesce(i.due_date, i.issue_date) >= 3`);
    expect(row?.count).toBeGreaterThan(0);
    expect(plan.skipped).toHaveLength(row?.count ?? -1);
    expect(plan.skipped.every((skip) => /no phone|no customer/.test(skip.reason))).toBe(true);
  });

  it('respects daysOverdueMin', async () => {
    for (const days of [0, 30, 90]) {
      const plan = await planReminders(harness.deps, owner, { daysOverdueMin: days });
      expect(plannedIds(plan)).toEqual((await expectedInvoices(days)).map((row) => row.id).sort());
    }
  });

  it('writes Swahili then English, with the WhatsApp template for outside the 24-hour window', async () => {
    const plan = await planReminders(harness.deps, owner);
    const single = plan.reminders.find((reminder) => reminder.invoices.length === 1);
    expect(single).toBeDefined();
    if (!single) return;
    const invoice = single.invoices[0];
    expect(single.language).toBe('sw');
    expect(single.body).toMatch(
      new RegExp(
        `^Habari ${single.name}, ankara ${invoice?.number} ya TSh [\\d,]+ kutoka Kariakoo Electronics imepita tarehe ya malipo`,
      ),
    );
    expect(single.body).toContain(`Hello ${single.name}, invoice ${invoice?.number} for TSh`);
    expect(single.body).toMatch(/Jibu ACHA/);
    expect(single.template).toMatchObject({ name: 'payment_reminder', language: 'sw' });
    expect(single.template.parameters[0]).toBe(single.name);
    expect(single.template.parameters[1]).toBe(invoice?.number);
    expect(single.template.parameters[3]).toBe('Kariakoo Electronics');
  });

  it('names several invoices and currencies, and writes English only outside East Africa', () => {
    const composed = composeReminder(
      { name: 'Duka', language: 'en', region: 'GB', timezone: 'Europe/London' },
      'Ann',
      [
        { number: 'A-1', dueDate: '2026-01-05', balance: 150_000, currency: 'KES' },
        { number: 'A-2', dueDate: '2026-01-02', balance: 2_000, currency: 'USD' },
      ],
    );
    expect(composed.language).toBe('en');
    expect(composed.body).toBe(
      'Hello Ann, invoices A-1 and A-2 totalling KES 1,500 and $ 20 from Duka are past their due dates (the oldest 2 Jan 2026). Please pay at your earliest convenience. If you have already paid, please ignore this message. Reply STOP to stop these messages.',
    );
  });

  it('filters by customer and by invoice, and explains named invoices it leaves out', async () => {
    const plan = await planReminders(harness.deps, owner);
    const target = plan.reminders.find(
      (reminder) => reminder.invoices.length > 1 && reminder.customerIds.length === 1,
    );
    if (!target) throw new Error('the demo has a customer with several overdue invoices');
    const byCustomer = await planReminders(harness.deps, owner, { customer: target.address });
    expect(byCustomer.reminders).toHaveLength(1);
    expect(byCustomer.reminders[0]?.invoices.map((invoice) => invoice.id)).toEqual(
      target.invoices.map((invoice) => invoice.id),
    );

    const [paid] = await harness.db.rows<{ id: string }>(sql`
      select id from invoices where tenant_id = ${owner.tenant.id} and status = 'paid' limit 1`);
    const [fresh] = await harness.db.rows<{ id: string; number: string }>(sql`
      select id, number from invoices where tenant_id = ${owner.tenant.id} and status = 'open'
        and due_date > ${testToday}::date limit 1`);
    const first = target.invoices[0];
    if (!first || !paid || !fresh) throw new Error('demo data');
    const byInvoice = await planReminders(harness.deps, owner, {
      invoiceIds: [first.number, paid.id, fresh.id, '7b0c4a55-0000-4000-8000-000000000000'],
    });
    expect(plannedIds(byInvoice)).toEqual([first.id]);
    expect(byInvoice.skipped.map((skip) => skip.reason).sort()).toEqual([
      'it is not due yet',
      'it is paid',
      'no such invoice in this business',
    ]);
  });

  it('leaves out customers who opted out', async () => {
    const before = await planReminders(harness.deps, owner);
    const target = before.reminders[0];
    if (!target) throw new Error('demo data');
    expect(isOptOutMessage('  Acha ')).toBe(true);
    const local = target.address.replace('+255', '0');
    const opted = await recordOptOut(harness.deps, owner.tenant.id, local, 'replied "acha"');
    expect(opted).toMatchObject({ address: target.address, customerId: target.customerId, already: false });
    const after = await planReminders(harness.deps, owner);
    expect(after.reminders.map((reminder) => reminder.address)).not.toContain(target.address);
    expect(after.reminders).toHaveLength(before.reminders.length - 1);
    const reasons = after.skipped.filter((skip) =>
      target.invoices.some((invoice) => invoice.id === skip.invoiceId),
    );
    expect(reasons).toHaveLength(target.invoices.length);
    expect(reasons.every((skip) => skip.reason === 'the customer asked not to get messages')).toBe(true);
    expect((await recordOptOut(harness.deps, owner.tenant.id, target.address, 'stop')).already).toBe(true);
  });
});

describe('opt-out words', () => {
  it('recognises the whole message only, trimmed, in any case', () => {
    for (const text of ['stop', 'STOP', ' Stop. ', 'acha', 'ACHA!', 'sitaki', 'Unsubscribe', '\tstop\n'])
      expect(isOptOutMessage(text)).toBe(true);
    for (const text of ['', 'stop it', "don't stop", 'acha nikulipe kesho', 'sitaki tena?', 'stopp', 'hello'])
      expect(isOptOutMessage(text)).toBe(false);
  });
});
