/**
 * Churn risk, recommendations and `take_action` on the demo business: a customer who bought every
 * 14 days and stopped 50 days ago, a TV about to run out and the overdue invoices become scored
 * recommendations with their evidence; taking one writes only after confirmation, once, in this
 * business only.
 */
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { activities, contactOptOuts } from '../../db/schema/index.ts';
import type { TenantContext } from '../../src/core/context.ts';
import { addDays } from '../../src/core/time.ts';
import { churnRisk } from '../../src/insights/churn.ts';
import { type Recommendation, recommendations } from '../../src/insights/recommendations.ts';
import { domainTools } from '../../src/tools/catalogue.ts';
import { insightsTool } from '../../src/tools/insights/insights.ts';
import { takeActionTool } from '../../src/tools/insights/take-action.ts';
import { createRegistry } from '../../src/tools/registry.ts';
import { testToday } from '../support/harness.ts';
import { ok, pending } from '../support/outcomes.ts';
import { addCustomer, addInvoice, addProduct, count, foreignIds, useInsightsSuite } from './support.ts';

const suite = useInsightsSuite();
const ours = new Set(['insights', 'take_action']);
let rhythm: string;
let tv: string;

beforeAll(async () => {
  suite.registry = createRegistry([
    ...domainTools.filter((tool) => !ours.has(tool.name)),
    insightsTool,
    takeActionTool,
  ]);
  const tenantId = suite.shopA.tenant.id;
  const customer = (fullName: string, phone: string) =>
    addCustomer(suite.harness, tenantId, { fullName, phone, email: null });
  const buys = async (customerId: string, daysAgo: number[], unitPrice = 2_000_000_000) => {
    for (const ago of daysAgo)
      await addInvoice(suite.harness, tenantId, {
        number: `R-${customerId.slice(0, 6)}-${ago}`,
        issueDate: addDays(testToday, -ago),
        customerId,
        lines: [{ productId: null, description: 'Wholesale lot', quantity: 1, unitPrice }],
      });
  };
  const every14 = (last: number) => Array.from({ length: 8 }, (_, index) => last + 14 * index);
  rhythm = await customer('Rhythm Mwita', '+255754999001');
  await buys(rhythm, every14(50));
  // The same rhythm, 20 days since the last purchase: within max(2 × 14, 14 + 14) = 28 days.
  await buys(await customer('Steady Mwita', '+255754999002'), every14(20));
  // Two purchases are not a rhythm.
  await buys(await customer('Twice Mwita', '+255754999003'), [200, 100]);

  // 45 TVs in the last 30 days, 3 left: 1.5 a day, 2 days of cover, order 45 − 3 = 42 for 30 days.
  tv = await addProduct(suite.harness, tenantId, {
    name: 'Rec TV 32',
    sku: 'REC-TV-32',
    price: 42_000_000,
    stockQty: 3,
    reorderLevel: 5,
  });
  for (const ago of [29, 10, 0])
    await addInvoice(suite.harness, tenantId, {
      number: `TV-${ago}`,
      issueDate: addDays(testToday, -ago),
      lines: [{ productId: tv, description: 'TV', quantity: 15, unitPrice: 42_000_000 }],
    });
});

/** Customers with ≥ 3 distinct purchase days whose silence exceeds max(2G, G + 14), computed in JS. */
async function expectedChurners(tenantId: string): Promise<Map<string, { gap: number; silent: number }>> {
  const rows = await suite.harness.db.rows<{ id: string; days: string[] }>(sql`
    select customer_id as id, array_agg(distinct issue_date::text order by issue_date::text) as days
    from invoices where tenant_id = ${tenantId} and status <> 'void' and customer_id is not null
      and issue_date between ${addDays(testToday, -729)} and ${testToday}
    group by customer_id`);
  const result = new Map<string, { gap: number; silent: number }>();
  for (const row of rows) {
    const days = row.days.map((day) => Date.parse(day) / 86_400_000);
    if (days.length < 3) continue;
    const gaps = days
      .slice(1)
      .map((day, index) => day - (days[index] as number))
      .sort((a, b) => a - b);
    const middle = Math.floor(gaps.length / 2);
    const gap =
      gaps.length % 2 === 1
        ? (gaps[middle] as number)
        : ((gaps[middle - 1] as number) + (gaps[middle] as number)) / 2;
    const silent = Date.parse(testToday) / 86_400_000 - (days.at(-1) as number);
    if (silent > Math.max(2 * gap, gap + 14) && silent <= 365) result.set(row.id, { gap, silent });
  }
  return result;
}

async function take(context: TenantContext, recommendation: string) {
  return suite.registry.call(
    suite.harness.deps,
    context,
    'take_action',
    { recommendation },
    { surface: 'mcp' },
  );
}

async function decide(context: TenantContext, reference: string, decision: 'confirm' | 'cancel') {
  const request = pending(await take(context, reference));
  const outcome = ok(
    await suite.registry.decide(suite.harness.deps, context, {
      actionId: request.action.id,
      decision,
      proof: { token: request.confirmToken },
    }),
  );
  return { request, outcome };
}

const activitiesOf = (id: string) =>
  count(suite.harness, sql`select count(*) as n from activities where data->>'recommendation_id' = ${id}`);

async function today(context: TenantContext): Promise<Recommendation[]> {
  return (await recommendations(suite.harness.deps, context)).items;
}

describe('churn risk', () => {
  it('flags the customer whose 14-day rhythm stopped 50 days ago, and exactly the customers the rule names', async () => {
    const report = await churnRisk(suite.harness.deps, suite.shopA, { limit: 1000 });
    expect(report.rows[0]).toMatchObject({
      customerId: rhythm,
      name: 'Rhythm Mwita',
      purchases: 8,
      medianGap: 14,
      daysSilent: 50,
      threshold: 28,
      revenueAtRisk: 8 * 2_000_000_000,
    });
    const expected = await expectedChurners(suite.shopA.tenant.id);
    expect(
      new Map(report.rows.map((row) => [row.customerId, { gap: row.medianGap, silent: row.daysSilent }])),
    ).toEqual(expected);
    expect(report.count).toBe(expected.size);
    const names = report.rows.map((row) => row.name);
    expect(names).not.toContain('Steady Mwita');
    expect(names).not.toContain('Twice Mwita');
    const revenues = report.rows.map((row) => row.revenueAtRisk);
    expect(revenues).toEqual([...revenues].sort((a, b) => b - a));
    // The other business has its own customers only.
    const other = await churnRisk(suite.harness.deps, suite.shopB, { limit: 1000 });
    expect(other.rows.map((row) => row.customerId)).not.toContain(rhythm);
  });
});

describe('recommendations', () => {
  it('include reminders, a restock and a follow-up with their evidence, numbered, with stable ids', async () => {
    const tenantId = suite.shopA.tenant.id;
    const items = await today(suite.shopA);
    expect(items.map((item) => item.number)).toEqual(items.map((_, index) => index + 1));
    expect(await today(suite.shopA)).toEqual(items);
    expect(new Set(items.map((item) => item.id)).size).toBe(items.length);

    const overdue = await count(
      suite.harness,
      sql`select count(*) as n from invoices i join customers c on c.id = i.customer_id
        where i.tenant_id = ${tenantId} and i.status = 'open' and i.total > i.amount_paid
          and ${testToday}::date - coalesce(i.due_date, i.issue_date) >= 3 and coalesce(c.phone, '') <> ''`,
    );
    const reminders = items.find((item) => item.kind === 'send_reminders');
    expect(overdue).toBeGreaterThan(0);
    expect(reminders?.evidence.invoices).toBe(overdue);
    expect(reminders?.title).toBe(`Send WhatsApp reminders for ${overdue} overdue invoices`);
    const invoiceIds = reminders?.action.kind === 'send_reminders' ? reminders.action.input.invoice_ids : [];
    expect(invoiceIds).toHaveLength(Math.min(overdue, 100));
    expect(await foreignIds(suite.harness, tenantId, invoiceIds)).toBe(0);

    const restock = items.find((item) => item.kind === 'restock_note' && item.subject.id === tv);
    expect(restock).toMatchObject({
      title: 'Restock Rec TV 32 within 2 days',
      priority: 'high',
      evidence: { stock: 3, reorder_level: 5, sold: 45, per_day: 1.5, days_of_cover: 2, quantity: 42 },
      action: { kind: 'restock_note', input: { product_id: tv, quantity: 42 } },
    });
    expect(restock?.reason).toBe(
      '3 in stock (reorder level 5), 45 sold in 30 days (1.5 a day); order 42 for 30 days',
    );

    const call = items.find((item) => item.kind === 'follow_up' && item.subject.id === rhythm);
    expect(call?.title).toBe('Call Rhythm Mwita: used to buy every 2 weeks, nothing for 7 weeks');
    expect(call?.reason).toContain('8 purchases, usually 14 days apart');
    expect(call?.action).toMatchObject({
      kind: 'follow_up',
      input: { customer_id: rhythm, due_date: testToday },
    });

    const scores = items.map((item) => item.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    for (const item of items)
      expect(item.priority).toBe(item.score >= 60 ? 'high' : item.score >= 35 ? 'medium' : 'low');

    const { text } = await suite.call(suite.shopA, 'insights');
    expect(text).toContain(`${restock?.number}. [high] Restock Rec TV 32 within 2 days — 3 in stock`);
    expect(text).toContain('Say "take action 1"');
  });

  it('leave out customers who opted out of messages', async () => {
    const tenantId = suite.shopA.tenant.id;
    const before = (await today(suite.shopA)).find((item) => item.kind === 'send_reminders');
    const [debtor] = await suite.harness.db.rows<{ id: string; phone: string; n: unknown }>(sql`
      select c.id, c.phone, count(*) as n from invoices i join customers c on c.id = i.customer_id
      where i.id = any(${`{${before?.action.kind === 'send_reminders' ? before.action.input.invoice_ids.join(',') : ''}}`}::uuid[])
      group by c.id, c.phone order by count(*) desc, c.id limit 1`);
    await suite.harness.db.orm.insert(contactOptOuts).values({
      tenantId,
      address: debtor?.phone as string,
      customerId: debtor?.id as string,
      reason: 'acha',
    });
    const after = (await today(suite.shopA)).find((item) => item.kind === 'send_reminders');
    expect(after?.evidence.invoices).toBe((before?.evidence.invoices as number) - Number(debtor?.n));
    expect(after?.id).toBe(before?.id);
  });
});

describe('take_action', () => {
  it('saves a restock note only after confirmation, and only once', async () => {
    const restock = (await today(suite.shopA)).find((item) => item.subject.id === tv) as Recommendation;
    const request = pending(await take(suite.shopA, String(restock.number)));
    expect(request.action.summary).toContain('order 42 × Rec TV 32');
    expect(request.action.summary).toContain('Nothing is sent to a supplier');
    expect(await activitiesOf(restock.id)).toBe(0);

    const outcome = ok(
      await suite.registry.decide(suite.harness.deps, suite.shopA, {
        actionId: request.action.id,
        decision: 'confirm',
        proof: { token: request.confirmToken },
      }),
    );
    expect(outcome.text).toBe('Saved a restock note: order 42 × Rec TV 32 by 25 Nov 2026.');
    const [note] = await suite.harness.db.orm
      .select()
      .from(activities)
      .where(sql`${activities.tenantId} = ${suite.shopA.tenant.id} and ${activities.kind} = 'restock'`);
    expect(note).toMatchObject({
      summary: 'Restock Rec TV 32: order 42 units',
      customerId: null,
      data: { product_id: tv, quantity: 42, draft: 'purchase_order', recommendation_id: restock.id },
    });
    expect(note?.dueAt?.toISOString()).toBe('2026-11-25T14:00:00.000Z');

    const again = await take(suite.shopA, restock.id);
    expect(again).toMatchObject({ status: 'error', error: { code: 'conflict' } });
    expect((await today(suite.shopA)).find((item) => item.id === restock.id)?.done).toBe(true);
  });

  it('schedules a follow-up by id; a cancelled one changes nothing', async () => {
    const call = (await today(suite.shopA)).find((item) => item.subject.id === rhythm) as Recommendation;
    const cancelled = await decide(suite.shopA, call.id, 'cancel');
    expect(cancelled.request.action.summary).toContain(
      'Schedule a follow-up for 23 Nov 2026: Call Rhythm Mwita',
    );
    expect(await activitiesOf(call.id)).toBe(0);

    const { outcome } = await decide(suite.shopA, call.id, 'confirm');
    expect(outcome.text).toContain('Follow-up scheduled for 23 Nov 2026: Call Rhythm Mwita');
    const [row] = await suite.harness.db.orm
      .select()
      .from(activities)
      .where(sql`${activities.tenantId} = ${suite.shopA.tenant.id} and ${activities.kind} = 'follow_up'`);
    expect(row).toMatchObject({
      customerId: rhythm,
      data: { recommendation_id: call.id, due_date: testToday },
    });
    expect(row?.summary).toMatch(/^Call Rhythm Mwita: used to buy every 2 weeks, nothing for 7 weeks/);
    expect(row?.dueAt?.toISOString()).toBe('2026-11-23T14:00:00.000Z');
  });

  it('cannot reach another business’s recommendations, nor an unknown number', async () => {
    const ofA = await today(suite.shopA);
    for (const item of ofA)
      expect(await take(suite.shopB, item.id)).toMatchObject({
        status: 'error',
        error: { code: 'not_found' },
      });
    expect(await take(suite.shopA, '99')).toMatchObject({ status: 'error', error: { code: 'not_found' } });
    expect(
      await count(
        suite.harness,
        sql`select count(*) as n from activities where tenant_id = ${suite.shopB.tenant.id}`,
      ),
    ).toBe(0);
  });

  it('queues WhatsApp reminders for the overdue invoices after confirmation', async () => {
    const tenantId = suite.shopA.tenant.id;
    const queued = () =>
      count(
        suite.harness,
        sql`select count(*) as n from outbound_messages where tenant_id = ${tenantId} and kind = 'reminder' and status = 'queued'`,
      );
    const reminders = (await today(suite.shopA)).find(
      (item) => item.kind === 'send_reminders',
    ) as Recommendation;
    const request = pending(await take(suite.shopA, reminders.id));
    expect(request.action.summary).toMatch(/^Queue WhatsApp payment reminders for \d+ overdue invoices/);
    expect(await queued()).toBe(0);
    const { outcome } = await decide(suite.shopA, reminders.id, 'confirm');
    const messages = await queued();
    expect(messages).toBeGreaterThan(0);
    expect(outcome.data).toMatchObject({ kind: 'send_reminders', queued: messages });
    expect(outcome.text).toContain(`Queued ${messages} WhatsApp reminders (not sent yet`);
    // Reminded invoices drop out of today's recommendation.
    expect((await today(suite.shopA)).find((item) => item.kind === 'send_reminders')).toBeUndefined();
  });
});
