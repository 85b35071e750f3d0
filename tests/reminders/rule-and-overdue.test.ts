/**
 * debt.overdue once per invoice, the reminder rule (off by default, business hours, its settings), the
 * hourly job, and delivery through a messaging port (none today: messages stay queued).
 */
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { events, outboundMessages } from '../../db/schema/index.ts';
import type { TenantContext } from '../../src/core/context.ts';
import { fixedClock } from '../../src/core/time.ts';
import { withinBusinessHours } from '../../src/reminders/business-hours.ts';
import {
  registerReminderJobs,
  reminderJobCron,
  reminderJobName,
  runHourlyReminders,
  runReminderRule,
} from '../../src/reminders/jobs.ts';
import { deliverQueued, type MessagingPort, type OutboundMessageRow } from '../../src/reminders/messaging.ts';
import { recordOptOut } from '../../src/reminders/opt-out.ts';
import { markOverdue } from '../../src/reminders/overdue.ts';
import { planReminders, reminderOutbox } from '../../src/reminders/reminders.ts';
import { businessHoursSchema, ruleSpecs } from '../../src/rules/catalogue.ts';
import { loadRuleParams, loadRules, saveRule } from '../../src/rules/store.ts';
import type { JobQueue } from '../../src/sync/queue.ts';
import { createHarness, type Harness, testToday } from '../support/harness.ts';

let harness: Harness;
let owner: TenantContext;

beforeAll(async () => {
  harness = await createHarness({ demo: true });
  owner = await harness.context('demo', 'owner', 'mcp');
});
afterAll(() => harness.close());

const at = (iso: string) => ({ ...harness.deps, clock: fixedClock(iso) });
/** Monday 23 Nov 2026 in Dar es Salaam (UTC+3). */
const mondayNoon = '2026-11-23T09:00:00Z';
const mondayEarly = '2026-11-23T03:00:00Z';
const mondayEvening = '2026-11-23T15:30:00Z';
const sundayNoon = '2026-11-22T09:00:00Z';

async function overdueEvents() {
  return harness.db.orm
    .select()
    .from(events)
    .where(and(eq(events.tenantId, owner.tenant.id), eq(events.type, 'debt.overdue')));
}

async function queuedCount(): Promise<number> {
  return (await reminderOutbox(harness.deps, owner.tenant.id)).queued;
}

describe('debt.overdue', () => {
  it('is emitted once per invoice that crossed due + 3 days, even when marked twice or concurrently', async () => {
    const expected = await harness.db.rows<{ id: string; number: string; balance: string; age: number }>(sql`
      select id, number, balance::text, (${testToday}::date - coalesce(due_date, issue_date)) as age
      from invoices where tenant_id = ${owner.tenant.id} and status = 'open' and amount_paid < total
        and ${testToday}::date - coalesce(due_date, issue_date) >= 3`);
    expect(expected.length).toBeGreaterThan(10);
    const [first, second] = await Promise.all([
      markOverdue(harness.deps, owner.tenant.id),
      markOverdue(harness.deps, owner.tenant.id),
    ]);
    expect((first?.marked ?? 0) + (second?.marked ?? 0)).toBe(expected.length);
    expect((await markOverdue(harness.deps)).marked).toBe(0);
    const emitted = await overdueEvents();
    expect(emitted).toHaveLength(expected.length);
    const byInvoice = new Map(
      emitted.map((event) => [(event.payload as { invoice_id: string }).invoice_id, event]),
    );
    for (const invoice of expected)
      expect(byInvoice.get(invoice.id)?.payload).toMatchObject({
        invoice_id: invoice.id,
        number: invoice.number,
        balance: Number(invoice.balance),
        currency: 'TZS',
        days_overdue: invoice.age,
      });
  });

  it('marks an invoice when it crosses the line, counted in the business’s time zone', async () => {
    // 21:30 UTC on 23 Nov is already 24 Nov in Dar es Salaam: invoices due on 21 Nov cross today.
    const [crossing] = await harness.db.rows<{ count: number }>(sql`
      select count(*)::int as count from invoices where tenant_id = ${owner.tenant.id} and status = 'open'
        and amount_paid < total and coalesce(due_date, issue_date) = '2026-11-21'`);
    const result = await markOverdue(at('2026-11-23T21:30:00Z'), owner.tenant.id);
    expect(result.marked).toBe(crossing?.count);
    expect(await markOverdue(at('2026-11-23T21:30:00Z'), owner.tenant.id)).toMatchObject({ marked: 0 });
  });
});

describe('the reminder rule', () => {
  it('is off by default, listed with the other rules, with default settings', async () => {
    expect(ruleSpecs.whatsapp_reminders_unpaid).toMatchObject({
      kind: 'reminder',
      label: 'Send WhatsApp reminders for unpaid invoices',
      enabledByDefault: false,
    });
    expect((await loadRules(harness.db, owner.tenant.id)).whatsapp_reminders_unpaid).toBe(false);
    expect(await loadRuleParams(harness.db, owner.tenant.id, 'whatsapp_reminders_unpaid')).toEqual({
      days_after_due: 3,
      interval_days: 7,
      business_hours: { start: '08:00', end: '18:00', days: [1, 2, 3, 4, 5, 6] },
    });
  });

  it('off: nothing is queued, by the rule or the hourly job', async () => {
    expect(await runReminderRule(at(mondayNoon), owner.tenant.id)).toEqual({ status: 'off', queued: 0 });
    expect(await runHourlyReminders(at(mondayNoon))).toMatchObject({ businesses: 0, queued: 0 });
    expect(await queuedCount()).toBe(0);
  });

  it('on: queues only within business hours, in the business’s time zone', async () => {
    await saveRule(harness.db, owner.tenant.id, 'whatsapp_reminders_unpaid', true);
    for (const outside of [mondayEarly, mondayEvening, sundayNoon])
      expect(await runReminderRule(at(outside), owner.tenant.id)).toEqual({
        status: 'outside_hours',
        queued: 0,
      });
    expect(await queuedCount()).toBe(0);
    const plan = await planReminders(at(mondayNoon), owner);
    const ran = await runReminderRule(at(mondayNoon), owner.tenant.id);
    expect(ran).toMatchObject({ status: 'ran', queued: plan.reminders.length });
    expect(await queuedCount()).toBe(plan.reminders.length);
    // The next hour's run finds them already queued.
    expect(await runReminderRule(at('2026-11-23T10:05:00Z'), owner.tenant.id)).toMatchObject({ queued: 0 });
  });

  it('keeps its settings: validated, merged, and used by planning', async () => {
    await saveRule(harness.db, owner.tenant.id, 'whatsapp_reminders_unpaid', true, {
      business_hours: { start: '07:00' },
    });
    expect(await loadRuleParams(harness.db, owner.tenant.id, 'whatsapp_reminders_unpaid')).toMatchObject({
      days_after_due: 3,
      business_hours: { start: '07:00', end: '18:00', days: [1, 2, 3, 4, 5, 6] },
    });
    await expect(
      saveRule(harness.db, owner.tenant.id, 'whatsapp_reminders_unpaid', true, { interval_days: 0 }),
    ).rejects.toThrow(/interval_days/);
    await expect(
      saveRule(harness.db, owner.tenant.id, 'merge_customers_by_phone', true, { days_after_due: 2 }),
    ).rejects.toThrow(/no settings/);
    await saveRule(harness.db, owner.tenant.id, 'whatsapp_reminders_unpaid', true, { days_after_due: 30 });
    expect((await planReminders(harness.deps, owner)).daysOverdueMin).toBe(30);
    // Turning it off and on keeps the settings.
    await saveRule(harness.db, owner.tenant.id, 'whatsapp_reminders_unpaid', false);
    expect(
      (await loadRuleParams(harness.db, owner.tenant.id, 'whatsapp_reminders_unpaid')).days_after_due,
    ).toBe(30);
    await saveRule(harness.db, owner.tenant.id, 'whatsapp_reminders_unpaid', true, { days_after_due: 3 });
  });

  it('business hours: start inclusive, end exclusive, listed weekdays only', () => {
    const hours = businessHoursSchema.parse({});
    const zone = 'Africa/Nairobi';
    expect(withinBusinessHours(new Date('2026-11-23T05:00:00Z'), zone, hours)).toBe(true); // Mon 08:00
    expect(withinBusinessHours(new Date('2026-11-23T04:59:00Z'), zone, hours)).toBe(false);
    expect(withinBusinessHours(new Date('2026-11-23T15:00:00Z'), zone, hours)).toBe(false); // 18:00
    expect(withinBusinessHours(new Date('2026-11-28T09:00:00Z'), zone, hours)).toBe(true); // Saturday
    expect(withinBusinessHours(new Date('2026-11-29T09:00:00Z'), zone, hours)).toBe(false); // Sunday
    expect(businessHoursSchema.safeParse({ start: '18:00', end: '08:00' }).success).toBe(false);
  });
});

describe('the hourly job', () => {
  it('registers by name and schedules hourly in UTC; a run marks, queues and leaves messages queued', async () => {
    const registered: { name: string; handler?: (data: Record<string, unknown>) => Promise<void> }[] = [];
    const scheduled: unknown[][] = [];
    const jobs = {
      async work(name: string, handler: (data: Record<string, unknown>) => Promise<void>) {
        registered.push({ name, handler });
      },
      async schedule(...args: unknown[]) {
        scheduled.push(args);
      },
    } as unknown as JobQueue;
    const deps = at('2026-11-30T09:05:00Z');
    await registerReminderJobs(deps, jobs);
    expect(reminderJobName).toBe('reminders-hourly');
    expect(registered.map((job) => job.name)).toEqual([reminderJobName]);
    expect(scheduled).toEqual([[reminderJobName, reminderJobCron, {}, reminderJobName, 'UTC']]);
    expect(reminderJobCron).toBe('5 * * * *');

    const before = await queuedCount();
    const plan = await planReminders(deps, owner);
    await registered[0]?.handler?.({});
    const after = await queuedCount();
    expect(after - before).toBe(plan.reminders.length);
    expect(after - before).toBeGreaterThan(0);
    const report = await runHourlyReminders(deps);
    expect(report).toMatchObject({
      marked: 0,
      businesses: 1,
      queued: 0,
      delivery: { sent: 0, waiting: after },
    });
  });
});

describe('delivery through the messaging port', () => {
  it('without a port nothing is delivered: every message stays queued', async () => {
    const queued = await queuedCount();
    expect(queued).toBeGreaterThan(0);
    expect(await deliverQueued(at(mondayNoon), undefined, { limit: 100 })).toEqual({
      sent: 0,
      failed: 0,
      deferred: 0,
      waiting: queued,
    });
    expect(await queuedCount()).toBe(queued);
  });

  it('opting out cancels the reminders still waiting for that phone', async () => {
    const [message] = await harness.db.orm
      .select()
      .from(outboundMessages)
      .where(and(eq(outboundMessages.tenantId, owner.tenant.id), eq(outboundMessages.status, 'queued')))
      .limit(1);
    const queued = await queuedCount();
    const result = await recordOptOut(harness.deps, owner.tenant.id, message?.address as string, 'STOP');
    expect(result.cancelled).toBeGreaterThan(0);
    expect(await queuedCount()).toBe(queued - result.cancelled);
  });

  it('with a port: outside business hours it waits; within them each message is delivered once', async () => {
    const seen: OutboundMessageRow[] = [];
    let calls = 0;
    const port: MessagingPort = {
      channels: ['whatsapp'],
      async send(message) {
        calls += 1;
        seen.push(message);
        if (calls === 2) throw new Error('WhatsApp said: recipient not on WhatsApp');
        return { status: 'sent', providerId: `wamid.${calls}` };
      },
    };
    const queued = await queuedCount();
    const evening = await deliverQueued(at(mondayEvening), port, { limit: 500, tenantId: owner.tenant.id });
    expect(evening).toEqual({ sent: 0, failed: 0, deferred: queued, waiting: queued });
    expect(calls).toBe(0);

    const [noon, again] = await Promise.all([
      deliverQueued(at(mondayNoon), port, { limit: 500 }),
      deliverQueued(at(mondayNoon), port, { limit: 500 }),
    ]);
    expect((noon?.sent ?? 0) + (again?.sent ?? 0)).toBe(queued - 1);
    expect((noon?.failed ?? 0) + (again?.failed ?? 0)).toBe(1);
    expect(calls).toBe(queued);
    expect(new Set(seen.map((message) => message.id)).size).toBe(queued);
    expect(seen.every((message) => message.status === 'sending' && message.kind === 'reminder')).toBe(true);
    const outbox = await reminderOutbox(harness.deps, owner.tenant.id);
    expect(outbox).toMatchObject({ queued: 0, sending: 0, sent: queued - 1, failed: 1 });
    const [failed] = await harness.db.orm
      .select()
      .from(outboundMessages)
      .where(and(eq(outboundMessages.tenantId, owner.tenant.id), eq(outboundMessages.status, 'failed')));
    expect(failed?.reason).toBe('WhatsApp said: recipient not on WhatsApp');
    const [sent] = await harness.db.orm
      .select()
      .from(outboundMessages)
      .where(and(eq(outboundMessages.tenantId, owner.tenant.id), eq(outboundMessages.status, 'sent')))
      .limit(1);
    expect(sent?.sentAt?.toISOString()).toBe(new Date(mondayNoon).toISOString());
    expect((sent?.data as { providerId?: string } | undefined)?.providerId).toMatch(/^wamid\./);
  });
});
