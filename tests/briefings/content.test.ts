/**
 * What a daily briefing says: the demo business on a fixed day (checked against plain SQL and
 * word for word), the Swahili variant and how the language is chosen, a quiet business that gets no
 * briefing, and a hand-built business with two currencies, a time zone, orders around midnight,
 * invoices without due dates, negative stock and a failed sync.
 */
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  briefingSchedules,
  connections,
  invoices,
  members,
  orders,
  payments,
  products,
  syncRuns,
} from '../../db/schema/index.ts';
import type { TenantContext } from '../../src/core/context.ts';
import { fixedClock } from '../../src/core/time.ts';
import { type BriefingContent, computeBriefing } from '../../src/insights/briefing.ts';
import { chartSvg } from '../../src/insights/charts.ts';
import { createTenant, memberContext } from '../../src/tenancy/tenants.ts';
import { createHarness, type Harness } from '../support/harness.ts';
import { briefingDay } from './support.ts';

let harness: Harness;
let owner: TenantContext;
let admin: TenantContext;

beforeAll(async () => {
  harness = await createHarness({ demo: true });
  owner = await harness.context('demo', 'owner', 'web');
  admin = await harness.context('demo', 'admin', 'web');
});
afterAll(() => harness.close());

function ready(content: BriefingContent): Extract<BriefingContent, { status: 'ready' }> {
  if (content.status !== 'ready') throw new Error(`expected a briefing, got: ${content.text}`);
  return content;
}

async function one(query: ReturnType<typeof sql>): Promise<number> {
  const [row] = await harness.db.rows<{ value: string | number | null }>(query);
  return Number(row?.value ?? 0);
}

describe('the demo business on a fixed day', () => {
  it('says what changed yesterday, with numbers that match plain SQL', async () => {
    const briefing = ready(await computeBriefing(harness.deps, owner, { day: briefingDay }));
    const tenantId = owner.tenant.id;
    const salesOn = (day: string) =>
      one(
        sql`select sum(total) as value from invoices where tenant_id = ${tenantId} and status <> 'void' and issue_date = ${day}`,
      );
    const sales = briefing.facts.sales[0];
    expect(sales?.currency).toBe('TZS');
    expect(sales?.yesterday).toBe(await salesOn('2026-11-22'));
    expect(sales?.weeks).toEqual([
      await salesOn('2026-11-15'),
      await salesOn('2026-11-08'),
      await salesOn('2026-11-01'),
      await salesOn('2026-10-25'),
    ]);
    expect(briefing.facts.received[0]?.total).toBe(
      await one(sql`select sum(amount) as value from payments where tenant_id = ${tenantId}
        and (paid_at at time zone 'Africa/Dar_es_Salaam')::date = '2026-11-22'`),
    );
    expect(briefing.facts.newlyOverdue.count).toBe(
      await one(sql`select count(*) as value from invoices where tenant_id = ${tenantId} and status = 'open'
        and total > amount_paid and coalesce(due_date, issue_date) = '2026-11-22'`),
    );
    expect(briefing.facts.overdue[0]?.overdue).toBe(
      await one(sql`select sum(total - amount_paid) as value from invoices where tenant_id = ${tenantId} and status = 'open'
        and total > amount_paid and coalesce(due_date, issue_date) < '2026-11-23'`),
    );
    expect(briefing.text).toBe(DEMO_TEXT);
    expect(briefing.text.split('\n').length).toBeLessThanOrEqual(8);
    // Sales were about usual, so the picture is the debts that fell overdue, by age.
    expect(briefing.parts).toHaveLength(1);
    expect(briefing.parts[0]).toMatchObject({ type: 'chart', kind: 'bar' });
  });

  it('is the same whatever the hour it is computed at', async () => {
    const morning = await computeBriefing(harness.deps, owner, { day: briefingDay });
    const evening = await computeBriefing(
      { ...harness.deps, clock: fixedClock('2026-11-23T20:59:00Z') },
      owner,
      { day: briefingDay },
    );
    const nextWeek = await computeBriefing(
      { ...harness.deps, clock: fixedClock('2026-11-30T05:00:00Z') },
      owner,
      { day: briefingDay },
    );
    expect(evening).toEqual(morning);
    expect(nextWeek).toEqual(morning);
  });

  it('draws the last 14 days of sales when sales moved', async () => {
    // Tuesday 17 Nov sold 30% more than a usual Tuesday.
    const briefing = ready(await computeBriefing(harness.deps, owner, { day: '2026-11-18' }));
    expect(briefing.text).toMatch(/^• Sales TSh [\d,]+: 30% above a usual Tuesday \(TSh [\d,]+\)\.$/m);
    const chart = briefing.parts[0];
    if (chart?.type !== 'chart') throw new Error('expected a chart');
    expect(chart).toMatchObject({ kind: 'line', title: 'Sales, last 14 days (TZS)' });
    expect(chart.bars.map((bar) => bar.label)).toEqual([
      '4 Nov',
      '5 Nov',
      '6 Nov',
      '7 Nov',
      '8 Nov',
      '9 Nov',
      '10 Nov',
      '11 Nov',
      '12 Nov',
      '13 Nov',
      '14 Nov',
      '15 Nov',
      '16 Nov',
      '17 Nov',
    ]);
    const last = chart.bars[13];
    expect(last?.display).toBe(
      `TSh ${(briefing.facts.sales[0]?.yesterday ?? 0) / 100}`.replace(/\B(?=(\d{3})+(?!\d))/g, ','),
    );
    expect(chartSvg(chart)).toContain('<polyline');
  });
});

describe('language', () => {
  it('speaks Swahili to a member whose language is Swahili', async () => {
    await harness.db.orm.update(members).set({ language: 'sw' }).where(eq(members.id, admin.member.id));
    const briefing = ready(await computeBriefing(harness.deps, admin, { day: briefingDay }));
    expect(briefing.language).toBe('sw');
    expect(briefing.text).toBe(DEMO_TEXT_SW);
    const chart = briefing.parts[0];
    expect(chart).toMatchObject({ type: 'chart', title: 'Madeni kwa muda wa kuchelewa (TZS)' });
  });

  it('prefers the schedule’s language, then the member’s, then what they write, then the business’s', async () => {
    await harness.db.orm
      .insert(briefingSchedules)
      .values({ tenantId: admin.tenant.id, memberId: admin.member.id, language: 'en' });
    expect((await computeBriefing(harness.deps, admin, { day: briefingDay })).language).toBe('en');

    const staff = await harness.context('demo', 'staff', 'web');
    expect((await computeBriefing(harness.deps, staff, { day: briefingDay })).language).toBe('en');
    const [conversation] = await harness.db.rows<{ id: string }>(sql`
      insert into conversations (tenant_id, member_id, channel)
      values (${staff.tenant.id}, ${staff.member.id}, 'web') returning id`);
    await harness.db.rows(sql`
      insert into messages (tenant_id, conversation_id, role, content)
      values (${staff.tenant.id}, ${conversation?.id}, 'user', ${JSON.stringify({ text: 'Nani ananidai? Nionyeshe madeni ya wiki hii' })}::jsonb)`);
    expect((await computeBriefing(harness.deps, staff, { day: briefingDay })).language).toBe('sw');
  });
});

describe('a business where nothing happened', () => {
  it('gets no briefing, and is told why', async () => {
    const { tenant, owner: quietOwner } = await createTenant(harness.db, { slug: 'kimya', language: 'sw' });
    const context = await memberContext(harness.db, tenant.id, quietOwner.id, 'web');
    const content = await computeBriefing(harness.deps, context, { day: briefingDay });
    expect(content.status).toBe('skip');
    if (content.status !== 'skip') return;
    expect(content.reason).toBe('nothing_new');
    expect(content.parts).toEqual([]);
    expect(content.language).toBe('sw');
    expect(content.text).toBe(
      'Hakuna muhtasari wa Jumapili 22 Nov: mauzo hayakubadilika zaidi ya 20% kutoka Jumapili ya kawaida, hakuna ankara iliyopitiliza muda, hakuna bidhaa inayoisha na hakuna usawazishaji ulioshindwa.',
    );
  });
});

describe('a hand-built business in Nairobi with two currencies', () => {
  it('counts by local day, per currency, with orders, due dates, stock and syncs', async () => {
    const { tenant, owner: duka } = await createTenant(harness.db, {
      slug: 'duka-nairobi',
      currency: 'KES',
      region: 'KE',
      timezone: 'Africa/Nairobi',
      ownerName: 'Wanjiru Kamau',
    });
    const tenantId = tenant.id;
    const invoice = (
      number: string,
      issueDate: string,
      total: number,
      extra: Partial<typeof invoices.$inferInsert> = {},
    ) => ({
      tenantId,
      number,
      issueDate,
      dueDate: issueDate,
      total,
      amountPaid: total,
      currency: 'KES',
      status: 'paid' as const,
      ...extra,
    });
    await harness.db.orm.insert(invoices).values([
      // Four Sundays before: KES 1,000 each.
      invoice('A-1', '2026-10-25', 100_000),
      invoice('A-2', '2026-11-01', 100_000),
      invoice('A-3', '2026-11-08', 100_000),
      invoice('A-4', '2026-11-15', 100_000),
      // Yesterday (Sunday 22 Nov): KES 5,000 paid, USD 20 paid, a void one that does not count.
      invoice('A-5', '2026-11-22', 500_000),
      invoice('A-6', '2026-11-22', 2_000, { currency: 'USD' }),
      invoice('A-7', '2026-11-22', 900_000, { status: 'void', amountPaid: 0 }),
      // Open and due yesterday: overdue since this morning. One has no due date (due on issue).
      invoice('A-8', '2026-11-09', 250_000, { dueDate: '2026-11-22', status: 'open', amountPaid: 50_000 }),
      invoice('A-9', '2026-11-22', 70_000, { dueDate: null, status: 'open', amountPaid: 0 }),
      // Open, due today: not overdue yet.
      invoice('A-10', '2026-11-10', 40_000, { dueDate: '2026-11-23', status: 'open', amountPaid: 0 }),
    ]);
    await harness.db.orm.insert(orders).values([
      // 00:30 on 22 Nov in Nairobi: yesterday's sale.
      {
        tenantId,
        number: 'O-1',
        orderedAt: new Date('2026-11-21T21:30:00Z'),
        total: 100_000,
        currency: 'KES',
        status: 'completed',
      },
      // 01:30 on 23 Nov in Nairobi: today's, not yesterday's.
      {
        tenantId,
        number: 'O-2',
        orderedAt: new Date('2026-11-22T22:30:00Z'),
        total: 999_900,
        currency: 'KES',
        status: 'completed',
      },
      // Cancelled: not a sale.
      {
        tenantId,
        number: 'O-3',
        orderedAt: new Date('2026-11-22T10:00:00Z'),
        total: 777_700,
        currency: 'KES',
        status: 'cancelled',
      },
    ]);
    await harness.db.orm.insert(payments).values([
      {
        tenantId,
        amount: 300_000,
        currency: 'KES',
        paidAt: new Date('2026-11-22T10:00:00Z'),
        method: 'mpesa',
      },
      {
        tenantId,
        amount: 111_100,
        currency: 'KES',
        paidAt: new Date('2026-11-22T21:30:00Z'),
        method: 'cash',
      },
    ]);
    await harness.db.orm.insert(products).values([
      { tenantId, name: 'Unga 2kg', sku: 'UNGA', currency: 'KES', stockQty: -2, reorderLevel: 10 },
      { tenantId, name: 'Sukari 1kg', sku: 'SUK', currency: 'KES', stockQty: 500, reorderLevel: 10 },
    ]);
    const [connection] = await harness.db.orm
      .insert(connections)
      .values({ tenantId, connector: 'shopify', name: 'Shopify' })
      .returning({ id: connections.id });
    await harness.db.orm.insert(syncRuns).values([
      {
        tenantId,
        connectionId: connection?.id,
        action: 'sync',
        status: 'failed',
        error: 'Shopify refused the access token',
        createdAt: new Date('2026-11-22T07:59:00Z'),
        finishedAt: new Date('2026-11-22T08:00:00Z'),
      },
      {
        tenantId,
        connectionId: connection?.id,
        action: 'sync',
        status: 'failed',
        error: 'older failure',
        createdAt: new Date('2026-11-21T07:59:00Z'),
        finishedAt: new Date('2026-11-21T08:00:00Z'),
      },
    ]);

    const context = await memberContext(harness.db, tenantId, duka.id, 'web');
    const briefing = ready(await computeBriefing(harness.deps, context, { day: briefingDay }));
    expect(briefing.facts.sales).toEqual([
      {
        currency: 'KES',
        yesterday: 600_000 + 70_000,
        weeks: [100_000, 100_000, 100_000, 100_000],
        baseline: 100_000,
        change: 5.7,
      },
      { currency: 'USD', yesterday: 2_000, weeks: [0, 0, 0, 0], baseline: 0, change: null },
    ]);
    expect(briefing.facts.received).toEqual([{ currency: 'KES', total: 300_000, payments: 1 }]);
    expect(briefing.facts.newlyOverdue).toEqual({
      byCurrency: [{ currency: 'KES', invoices: 2, total: 270_000 }],
      count: 2,
      largest: [
        { number: 'A-8', customer: null, balance: 200_000, currency: 'KES' },
        { number: 'A-9', customer: null, balance: 70_000, currency: 'KES' },
      ],
    });
    expect(briefing.text).toBe(
      [
        'Good morning, Wanjiru. Yesterday, Sunday 22 Nov:',
        '• Sales KES 6,700: 570% above a usual Sunday (KES 1,000).',
        '• Sales $ 20: the last 4 Sundays had none.',
        '• Received KES 3,000 (1 payment).',
        '• 2 invoices fell overdue (KES 2,700): invoice A-8 KES 2,000 and invoice A-9 KES 700.',
        '• Overdue in all: KES 2,700 from 1 customer.',
        '• Restock soon: Unga 2kg (out of stock).',
        '• Shopify sync failed once: Shopify refused the access token. Ask me for the sync logs to fix it.',
      ].join('\n'),
    );
    expect(briefing.parts[0]).toMatchObject({
      type: 'chart',
      kind: 'line',
      title: 'Sales, last 14 days (KES)',
    });
  });
});

const DEMO_TEXT = [
  'Good morning, Amina. Yesterday, Sunday 22 Nov:',
  '• Sales TSh 2,171,000, about a usual Sunday.',
  '• Received TSh 11,202,500 (7 payments).',
  '• 1 invoice fell overdue (TSh 970,000): Tumaini Urassa TSh 970,000.',
  '• Overdue in all: TSh 55,822,750 from 42 customers.',
  '• Restock soon: Hisense 32 inch LED TV (3 left, 3 days), Sayona subwoofer system (4 left, 4 days), Samsung 55 inch Smart TV (2 left, 5 days) and 4 more.',
].join('\n');

const DEMO_TEXT_SW = [
  'Habari za asubuhi, Juma. Jana, Jumapili 22 Nov:',
  '• Mauzo TSh 2,171,000, kama Jumapili ya kawaida.',
  '• Malipo yaliyopokelewa: TSh 11,202,500 (malipo 7).',
  '• Ankara 1 imepitiliza muda wa kulipwa (TSh 970,000): Tumaini Urassa TSh 970,000.',
  '• Madeni yote yaliyochelewa: TSh 55,822,750 kwa wateja 42.',
  '• Agiza upya karibuni: Hisense 32 inch LED TV (zimebaki 3, siku 3), Sayona subwoofer system (zimebaki 4, siku 4), Samsung 55 inch Smart TV (zimebaki 2, siku 5) na 4 zaidi.',
].join('\n');
