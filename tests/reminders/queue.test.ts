/** Queueing reminders: at most once per invoice per interval, and the send_reminders tool. */
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outboundMessages } from '../../db/schema/index.ts';
import type { TenantContext } from '../../src/core/context.ts';
import { fixedClock } from '../../src/core/time.ts';
import { planReminders, queueReminders, reminderOutbox } from '../../src/reminders/reminders.ts';
import { createRegistry, type ToolRegistry } from '../../src/tools/registry.ts';
import { sendRemindersTool } from '../../src/tools/reminders/send-reminders.ts';
import { createHarness, type Harness, testNow } from '../support/harness.ts';
import { ok, pending } from '../support/outcomes.ts';

let harness: Harness;
let owner: TenantContext;
/** The tool on a registry of its own, so the suite does not depend on the catalogue's wiring. */
const registry: ToolRegistry = createRegistry([sendRemindersTool]);

beforeAll(async () => {
  harness = await createHarness({ demo: true });
  owner = await harness.context('demo', 'owner', 'mcp');
});
afterAll(() => harness.close());

async function outbox() {
  return harness.db.orm.select().from(outboundMessages).where(eq(outboundMessages.tenantId, owner.tenant.id));
}

const at = (iso: string) => ({ ...harness.deps, clock: fixedClock(iso) });
const daysLater = (days: number) => new Date(Date.parse(testNow) + days * 86_400_000).toISOString();

describe('the send_reminders tool', () => {
  it('changes nothing before confirmation, then queues (never "sent") after it', async () => {
    const plan = await planReminders(harness.deps, owner);
    const request = pending(
      await registry.call(harness.deps, owner, 'send_reminders', {}, { surface: 'mcp' }),
    );
    expect(request.action.summary).toMatch(
      new RegExp(
        `^Queue ${plan.reminders.length} WhatsApp reminders for \\d+ overdue invoices \\(TSh [\\d,]+\\) to: `,
      ),
    );
    expect(request.action.summary).toContain(plan.reminders[0]?.name as string);
    expect(request.action.summary).toMatch(/once the WhatsApp channel is connected/);
    expect(request.text).not.toMatch(/\bsent\b/i);
    expect(await outbox()).toHaveLength(0);

    const done = ok(
      await registry.decide(harness.deps, owner, {
        actionId: request.action.id,
        decision: 'confirm',
        proof: { token: request.confirmToken },
      }),
    );
    expect(done.text).toMatch(new RegExp(`^Queued ${plan.reminders.length} WhatsApp reminders`));
    expect(done.text).toMatch(/nothing has been delivered yet/);
    expect(done.text).not.toMatch(/\bsent\b/i);
    expect(done.data).toMatchObject({ status: 'queued', queued: plan.reminders.length });

    const rows = await outbox();
    const invoices = plan.reminders.reduce((sum, reminder) => sum + reminder.invoices.length, 0);
    expect(rows).toHaveLength(invoices);
    const queued = rows.filter((row) => row.status === 'queued');
    expect(queued).toHaveLength(plan.reminders.length);
    for (const row of queued) {
      expect(row).toMatchObject({
        kind: 'reminder',
        channel: 'whatsapp',
        template: 'payment_reminder',
        sentAt: null,
      });
      expect(row.dedupeKey).toMatch(/^reminder:[0-9a-f-]{36}:\d+$/);
      expect(row.body).toMatch(/^Habari /);
    }
    expect(rows.filter((row) => row.status === 'grouped')).toHaveLength(invoices - plan.reminders.length);
    expect(await reminderOutbox(harness.deps, owner.tenant.id)).toMatchObject({
      queued: plan.reminders.length,
      sent: 0,
    });
  });

  it('a second run in the same interval queues nothing and says why', async () => {
    const before = (await outbox()).length;
    const result = await queueReminders(harness.deps, owner, {});
    expect(result.queued).toBe(0);
    expect(result.skipped.some((skip) => /already reminded/.test(skip.reason))).toBe(true);
    expect((await outbox()).length).toBe(before);
    // Through the tool, the preview finds nothing to queue.
    const outcome = await registry.call(harness.deps, owner, 'send_reminders', {}, { surface: 'mcp' });
    expect(outcome.status).toBe('error');
    expect(JSON.stringify(outcome)).toMatch(/no reminders to queue/i);
    expect(JSON.stringify(outcome)).not.toMatch(/\bsent\b/i);
  });

  it('reminds the same invoice again only after interval_days, and at most once per interval', async () => {
    const rows = await outbox();
    const reminded = new Set(rows.map((row) => row.invoiceId));
    // Three days later: the rhythm is weekly, so nothing already reminded is queued again.
    const soon = await queueReminders(at(daysLater(3)), owner, {});
    const soonRows = (await outbox()).filter((row) => row.createdAt.toISOString() === daysLater(3));
    expect(soonRows.every((row) => !reminded.has(row.invoiceId))).toBe(true);
    expect(
      soon.skipped
        .filter((skip) => reminded.has(skip.invoiceId))
        .every((skip) => /already reminded/.test(skip.reason)),
    ).toBe(true);
    // A week later: reminded again, once, with the next interval's key.
    const later = await queueReminders(at(daysLater(7)), owner, {});
    expect(later.queued).toBeGreaterThan(0);
    const laterRows = (await outbox()).filter((row) => row.createdAt.toISOString() === daysLater(7));
    expect(laterRows.some((row) => reminded.has(row.invoiceId))).toBe(true);
    const keys = (await outbox()).map((row) => row.dedupeKey);
    expect(new Set(keys).size).toBe(keys.length);
    expect((await queueReminders(at(daysLater(7)), owner, {})).queued).toBe(0);
  });
});

describe('two workers at once', () => {
  it('queue each reminder once', async () => {
    const when = at(daysLater(30));
    const plan = await planReminders(when, owner);
    expect(plan.reminders.length).toBeGreaterThan(5);
    const results = await Promise.all([
      queueReminders(when, owner, {}),
      queueReminders(when, owner, {}),
      queueReminders(when, owner, {}),
    ]);
    const queued = results.reduce((sum, result) => sum + result.queued, 0);
    expect(queued).toBe(plan.reminders.length);
    const [counts] = await harness.db.rows<{ messages: number; rows: number }>(sql`
      select count(*) filter (where status = 'queued')::int as messages, count(*)::int as rows
      from outbound_messages where tenant_id = ${owner.tenant.id} and data->>'day' = '2026-12-23'`);
    expect(counts).toEqual({
      messages: plan.reminders.length,
      rows: plan.reminders.reduce((sum, reminder) => sum + reminder.invoices.length, 0),
    });
    // Every invoice is named by exactly one queued message.
    const named = await harness.db.rows<{ invoice: string; count: number }>(sql`
      select invoice, count(*)::int as count from outbound_messages,
        jsonb_array_elements_text(data->'invoiceIds') as invoice
      where tenant_id = ${owner.tenant.id} and status = 'queued' and data->>'day' = '2026-12-23'
      group by invoice having count(*) > 1`);
    expect(named).toEqual([]);
  });

  it('keeps the claimed rows tied to their message', async () => {
    const grouped = await harness.db.orm
      .select()
      .from(outboundMessages)
      .where(and(eq(outboundMessages.tenantId, owner.tenant.id), eq(outboundMessages.status, 'grouped')));
    expect(grouped.length).toBeGreaterThan(0);
    const ids = new Set((await outbox()).filter((row) => row.status === 'queued').map((row) => row.id));
    for (const row of grouped) expect(ids.has((row.data as { messageId: string }).messageId)).toBe(true);
  });
});
