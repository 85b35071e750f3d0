/**
 * Recommendations: what the owner should do today, from deterministic rules over the insights, each
 * with a score, a priority, a reason with its numbers, and an action `take_action` can run.
 *
 * - send_reminders: overdue invoices (past their due date, or issue date without one) of customers
 *   who have a phone and have not opted out, by the reminder rule's settings (see
 *   `remindableInvoices`).
 * - restock_note: products from `stockRisk` that sold in its window, ordering enough for
 *   `restockCoverDays` days at the current velocity minus the stock on hand.
 * - follow_up: customers from `churnRisk` whose buying rhythm broke.
 *
 * Score (0–100) = 60 × urgency + 40 × value weight, where value weight = min(1, 5 × value at stake ÷
 * the business's revenue of the last 30 days): something worth a fifth of a month's sales weighs in
 * full. Priority: high ≥ 60, medium ≥ 35, low below. See docs/insights.md for each rule's urgency and
 * value. The id is a hash of the kind, the subject, the day and the business, so "take action 2" or
 * the id refers to the same recommendation all day.
 */
import { sql } from 'drizzle-orm';
import { toInt } from '../../db/database.ts';
import type { Deps, TenantContext } from '../core/context.ts';
import { sha256Hex } from '../core/encoding.ts';
import { formatMoney } from '../core/money.ts';
import { addDays, dateInZone, formatDate } from '../core/time.ts';
import { loadRuleParams } from '../rules/store.ts';
import { type ChurnReport, type ChurnRow, churnRisk, durationText, rhythmText } from './churn.ts';
import { type StockRiskReport, type StockRiskRow, stockRisk } from './products.ts';
import { salesDocuments } from './tiers.ts';

/** How many stock-risk and churn rows the rules look at; callers passing reports use the same. */
export const recommendationCandidates = 10;
/** At most this many recommendations of each kind (reminders are always one, for all invoices). */
export const perKindLimit = 3;
/** Invoice ids one reminders action carries, most overdue first. */
export const reminderBatchLimit = 100;
/** A restock order covers this many days of sales. */
export const restockCoverDays = 30;
/** Days of cover at which restocking stops being urgent at all. */
const restockUrgentWithinDays = 14;
/** A call can wait a day, a stock-out cannot: follow-ups' urgency is capped. */
const followUpUrgencyCap = 0.6;

export const recommendationKinds = ['send_reminders', 'restock_note', 'follow_up'] as const;
export type RecommendationKind = (typeof recommendationKinds)[number];
export type Priority = 'high' | 'medium' | 'low';

export type RecommendationAction =
  | { kind: 'send_reminders'; input: { invoice_ids: string[] } }
  | { kind: 'restock_note'; input: { product_id: string; quantity: number } }
  | { kind: 'follow_up'; input: { customer_id: string; note: string; due_date: string } };

export interface Recommendation {
  /** Stable for the day: `rec_` and 12 hex digits. */
  id: string;
  /** Position in today's list, from 1. */
  number: number;
  kind: RecommendationKind;
  priority: Priority;
  score: number;
  /** "Restock Hisense 32 inch LED TV within 4 days" */
  title: string;
  /** The numbers behind it. */
  reason: string;
  evidence: Record<string, string | number | null>;
  subject: { id: string | null; name: string };
  action: RecommendationAction;
  /** A restock note or follow-up was already saved for it today (through `take_action`). */
  done: boolean;
}

export interface RecommendationsReport {
  asOf: string;
  /** Revenue of the last 30 days in the business's currency: what values are weighed against. */
  baseline: number;
  items: Recommendation[];
}

interface Draft extends Omit<Recommendation, 'id' | 'number' | 'priority' | 'score' | 'done'> {
  subjectKey: string;
  urgency: number;
  /** Minor units in the business's currency. */
  value: number;
}

export function priorityOf(score: number): Priority {
  if (score >= 60) return 'high';
  if (score >= 35) return 'medium';
  return 'low';
}

export function scoreOf(urgency: number, value: number, baseline: number): number {
  const weight = baseline > 0 ? Math.min(1, (5 * value) / baseline) : value > 0 ? 1 : 0;
  return Math.round(60 * Math.min(1, Math.max(0, urgency)) + 40 * weight);
}

export async function recommendationId(
  tenantId: string,
  kind: RecommendationKind,
  subject: string,
  day: string,
): Promise<string> {
  return `rec_${(await sha256Hex(`${kind}|${subject}|${day}|${tenantId}`)).slice(0, 12)}`;
}

/**
 * Today's recommendations, best first. Pass `stock` and `churn` when already computed (with
 * `limit: recommendationCandidates`) to save their queries; the result is the same.
 */
export async function recommendations(
  deps: Deps,
  context: TenantContext,
  inputs: { stock?: StockRiskReport; churn?: ChurnReport } = {},
): Promise<RecommendationsReport> {
  const today = dateInZone(deps.clock.now(), context.tenant.timezone);
  const [baseline, overdue, stock, churn] = await Promise.all([
    revenueBaseline(deps, context, today),
    remindableInvoices(deps, context, today),
    inputs.stock ?? stockRisk(deps, context, { limit: recommendationCandidates }),
    inputs.churn ?? churnRisk(deps, context, { limit: recommendationCandidates }),
  ]);
  const language = context.tenant.language;
  const prices = await productPrices(
    deps,
    context,
    stock.rows.map((row) => row.productId),
  );
  const drafts: Draft[] = [
    ...(overdue ? [reminderDraft(context, overdue, language)] : []),
    ...best(
      stock.rows.flatMap((row) =>
        restockDraft(context, row, stock.days, prices.get(row.productId), language),
      ),
      baseline,
    ),
    ...best(
      churn.rows.map((row) => followUpDraft(context, row, today, language)),
      baseline,
    ),
  ];
  const scored = await Promise.all(
    drafts.map(async (draft) => {
      const score = scoreOf(draft.urgency, draft.value, baseline);
      const { subjectKey, urgency: _urgency, value: _value, ...rest } = draft;
      return {
        ...rest,
        id: await recommendationId(context.tenant.id, draft.kind, subjectKey, today),
        score,
        priority: priorityOf(score),
      };
    }),
  );
  const done = await doneIds(
    deps,
    context,
    scored.map((item) => item.id),
  );
  scored.sort(
    (left, right) =>
      right.score - left.score ||
      recommendationKinds.indexOf(left.kind) - recommendationKinds.indexOf(right.kind) ||
      left.subject.name.localeCompare(right.subject.name) ||
      left.id.localeCompare(right.id),
  );
  return {
    asOf: today,
    baseline,
    items: scored.map((item, index) => ({ ...item, number: index + 1, done: done.has(item.id) })),
  };
}

/** The best `perKindLimit` drafts of one kind by score, ties by subject. */
function best(drafts: Draft[], baseline: number): Draft[] {
  return drafts
    .map((draft) => ({ draft, score: scoreOf(draft.urgency, draft.value, baseline) }))
    .sort(
      (left, right) =>
        right.score - left.score || left.draft.subjectKey.localeCompare(right.draft.subjectKey),
    )
    .slice(0, perKindLimit)
    .map((entry) => entry.draft);
}

/** The recommendations an activity was already saved for. */
async function doneIds(deps: Deps, context: TenantContext, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await deps.db.rows<{ id: string }>(sql`
    select distinct data->>'recommendation_id' as id from activities
    where tenant_id = ${context.tenant.id} and data->>'recommendation_id' = any(${`{${ids.join(',')}}`}::text[])`);
  return new Set(rows.map((row) => row.id));
}

async function revenueBaseline(deps: Deps, context: TenantContext, today: string): Promise<number> {
  const [row] = await deps.db.rows<{ revenue: unknown }>(sql`
    select coalesce(sum(total), 0) as revenue
    from (${salesDocuments(context.tenant.id, context.tenant.timezone, addDays(today, -29), today)}) sales
    where currency = ${context.tenant.currency}`);
  return toInt(row?.revenue);
}

interface Remindable {
  invoiceIds: string[];
  /** Eligible invoices in all (the action carries at most `reminderBatchLimit`). */
  count: number;
  customers: number;
  /** Overdue balance per currency, the business's first. */
  overdue: { currency: string; amount: number }[];
  oldestDaysOverdue: number;
  oldestCustomer: string;
}

/**
 * Overdue invoices a WhatsApp reminder can reach, by the reminder rule's own settings (so
 * `send_reminders` sends for each of them): at least `days_after_due` days past due (and at least one),
 * a customer with a phone who has not opted out, and no reminder for the invoice in the last
 * `interval_days` days (found through the outbox's dedupe keys, as src/reminders/reminders.ts does).
 */
export async function remindableInvoices(
  deps: Deps,
  context: TenantContext,
  today: string,
): Promise<Remindable | null> {
  const tenantId = context.tenant.id;
  const params = await loadRuleParams(deps.db, tenantId, 'whatsapp_reminders_unpaid');
  const interval = params.interval_days;
  const age = sql`(${today}::date - coalesce(i.due_date, i.issue_date))`;
  const windowKey = (offset: number) =>
    sql`'reminder:' || i.id::text || ':' || (floor(${age}::numeric / ${interval})::int - ${offset})::text`;
  const [result] = await deps.db.rows<{
    page: Record<string, unknown>[] | null;
    totals: Record<string, unknown>[] | null;
    customers: unknown;
  }>(sql`
    with eligible as materialized (
      select i.id, i.customer_id, c.full_name, i.balance, i.currency, ${age} as days_overdue
      from invoices i
      join customers c on c.id = i.customer_id and c.tenant_id = ${tenantId} and c.merged_into is null
      where i.tenant_id = ${tenantId} and i.status = 'open' and i.total > i.amount_paid
        and ${age} >= ${Math.max(params.days_after_due, 1)}
        and coalesce(trim(c.phone), '') <> ''
        and not exists (
          select 1 from contact_opt_outs o
          where o.tenant_id = ${tenantId} and (o.customer_id = c.id or o.address = c.phone)
        )
        and not exists (
          select 1 from outbound_messages m
          where m.tenant_id = ${tenantId} and m.dedupe_key in (${windowKey(0)}, ${windowKey(1)})
            and m.data->>'day' > ${addDays(today, -interval)}
        )
    ),
    page as (
      select id, full_name, days_overdue from eligible
      order by days_overdue desc, balance desc, id limit ${reminderBatchLimit}
    ),
    totals as (
      select currency, sum(balance) as amount, count(*) as invoices from eligible group by currency
    )
    select
      (select json_agg(p order by p.days_overdue desc, p.id) from page p) as page,
      (select json_agg(t order by (t.currency = ${context.tenant.currency}) desc, t.currency) from totals t) as totals,
      (select count(distinct customer_id) from eligible) as customers`);
  const page = result?.page ?? [];
  const first = page[0];
  if (!first) return null;
  const totals = result?.totals ?? [];
  return {
    invoiceIds: page.map((row) => row.id as string),
    count: totals.reduce((sum, row) => sum + toInt(row.invoices), 0),
    customers: toInt(result?.customers),
    overdue: totals.map((row) => ({ currency: row.currency as string, amount: toInt(row.amount) })),
    oldestDaysOverdue: toInt(first.days_overdue),
    oldestCustomer: first.full_name as string,
  };
}

async function productPrices(
  deps: Deps,
  context: TenantContext,
  ids: string[],
): Promise<Map<string, { price: number; currency: string }>> {
  if (ids.length === 0) return new Map();
  const rows = await deps.db.rows<{ id: string; price: unknown; currency: string }>(sql`
    select id, price, currency from products
    where tenant_id = ${context.tenant.id} and id = any(${`{${ids.join(',')}}`}::uuid[])`);
  return new Map(rows.map((row) => [row.id, { price: toInt(row.price), currency: row.currency }]));
}

const say = (language: string, en: string, sw: string) => (language === 'sw' ? sw : en);

function reminderDraft(context: TenantContext, overdue: Remindable, language: string): Draft {
  const amounts = overdue.overdue.map((entry) => formatMoney(entry.amount, entry.currency)).join(' + ');
  const carried = overdue.invoiceIds.length;
  const home = overdue.overdue.find((entry) => entry.currency === context.tenant.currency)?.amount ?? 0;
  const which =
    carried < overdue.count
      ? say(
          language,
          `the ${carried} most overdue of ${overdue.count}`,
          `${carried} zilizochelewa zaidi kati ya ${overdue.count}`,
        )
      : String(carried);
  return {
    kind: 'send_reminders',
    subjectKey: 'overdue_invoices',
    subject: { id: null, name: say(language, 'Overdue invoices', 'Ankara zilizochelewa') },
    title: say(
      language,
      `Send WhatsApp reminders for ${which} overdue invoice${overdue.count === 1 ? '' : 's'}`,
      `Tuma vikumbusho vya WhatsApp kwa ankara ${which} zilizochelewa`,
    ),
    reason: say(
      language,
      `${amounts} overdue from ${overdue.customers} customer${overdue.customers === 1 ? '' : 's'} with a phone; the oldest is ${overdue.oldestDaysOverdue} days late (${overdue.oldestCustomer})`,
      `${amounts} zimechelewa kwa wateja ${overdue.customers} wenye simu; ya zamani zaidi imechelewa siku ${overdue.oldestDaysOverdue} (${overdue.oldestCustomer})`,
    ),
    evidence: {
      invoices: overdue.count,
      in_action: carried,
      customers: overdue.customers,
      overdue: amounts,
      oldest_days_overdue: overdue.oldestDaysOverdue,
    },
    action: { kind: 'send_reminders', input: { invoice_ids: overdue.invoiceIds } },
    urgency: Math.min(1, overdue.oldestDaysOverdue / 30),
    value: home,
  };
}

/** Units to order: enough for `restockCoverDays` days of sales, minus what is in stock. */
export function restockQuantity(row: StockRiskRow): number {
  return Math.ceil(restockCoverDays * row.velocity - Math.max(row.stock, 0) - 1e-9);
}

function restockDraft(
  context: TenantContext,
  row: StockRiskRow,
  days: number,
  price: { price: number; currency: string } | undefined,
  language: string,
): Draft[] {
  // Nothing sold in the window: restocking would tie up cash; the stock-risk card still shows it.
  if (row.sold <= 0) return [];
  const quantity = restockQuantity(row);
  if (quantity <= 0) return [];
  const cover = row.daysOfCover === null ? null : Math.floor(row.daysOfCover);
  const when =
    row.status === 'out_of_stock'
      ? say(language, 'now: it is out of stock', 'sasa: imeisha')
      : cover === null || cover < 1
        ? say(language, 'today', 'leo')
        : say(language, `within ${cover} day${cover === 1 ? '' : 's'}`, `ndani ya siku ${cover}`);
  const perDay = Math.round(row.velocity * 100) / 100;
  const value =
    price && price.currency === context.tenant.currency
      ? Math.round(price.price * row.velocity * restockCoverDays)
      : 0;
  return [
    {
      kind: 'restock_note',
      subjectKey: row.productId,
      subject: { id: row.productId, name: row.name },
      title: say(language, `Restock ${row.name} ${when}`, `Agiza ${row.name} ${when}`),
      reason: say(
        language,
        `${row.stock} in stock${row.reorderLevel === null ? '' : ` (reorder level ${row.reorderLevel})`}, ${row.sold} sold in ${days} days (${perDay} a day); order ${quantity} for ${restockCoverDays} days`,
        `${row.stock} zipo${row.reorderLevel === null ? '' : ` (kiwango cha kuagiza ${row.reorderLevel})`}, ${row.sold} zimeuzwa kwa siku ${days} (${perDay} kwa siku); agiza ${quantity} kwa siku ${restockCoverDays}`,
      ),
      evidence: {
        stock: row.stock,
        reorder_level: row.reorderLevel,
        sold: row.sold,
        days,
        per_day: perDay,
        days_of_cover: row.daysOfCover === null ? null : Math.round(row.daysOfCover * 10) / 10,
        quantity,
      },
      action: { kind: 'restock_note', input: { product_id: row.productId, quantity } },
      urgency:
        row.status === 'out_of_stock' || row.daysOfCover === null
          ? 1
          : Math.max(0, 1 - row.daysOfCover / restockUrgentWithinDays),
      value,
    },
  ];
}

function followUpDraft(context: TenantContext, row: ChurnRow, today: string, language: string): Draft {
  const rhythm = rhythmText(row.medianGap, language);
  const silence = durationText(row.daysSilent, language);
  const title = say(
    language,
    `Call ${row.name}: used to buy ${rhythm}, nothing for ${silence}`,
    `Mpigie ${row.name}: alikuwa ananunua ${rhythm}, hajanunua kwa ${silence}`,
  );
  const last = formatDate(row.lastPurchase, context.tenant.timezone, language);
  const spent = formatMoney(row.revenueAtRisk, context.tenant.currency);
  return {
    kind: 'follow_up',
    subjectKey: row.customerId,
    subject: { id: row.customerId, name: row.name },
    title,
    reason: say(
      language,
      `${row.purchases} purchases, usually ${Math.round(row.medianGap)} days apart; last on ${last}, ${row.daysSilent} days ago; ${spent} in the last year`,
      `Manunuzi ${row.purchases}, kwa kawaida kila siku ${Math.round(row.medianGap)}; mara ya mwisho ${last}, siku ${row.daysSilent} zilizopita; ${spent} mwaka uliopita`,
    ),
    evidence: {
      purchases: row.purchases,
      median_gap_days: row.medianGap,
      days_silent: row.daysSilent,
      last_purchase: row.lastPurchase,
      revenue_last_year: spent,
    },
    action: {
      kind: 'follow_up',
      input: { customer_id: row.customerId, note: `${title} (last purchase ${last})`, due_date: today },
    },
    urgency: followUpUrgencyCap * Math.min(1, row.daysSilent / (3 * row.medianGap)),
    // A month of what they used to spend.
    value: Math.round(row.revenueAtRisk / 12),
  };
}
