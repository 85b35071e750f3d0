/**
 * The facts behind a daily briefing, read in SQL for one business and one local day. "Yesterday" is
 * the calendar day before `day` in the business's time zone; a window "yesterday" runs from local
 * midnight to local midnight, so the facts for a day do not change with the hour they are computed at
 * (stock and open balances are read as they are now: we keep no history of them).
 */
import { sql } from 'drizzle-orm';
import { toInt } from '../../db/database.ts';
import type { Deps, TenantContext } from '../core/context.ts';
import { addDays, dateInZone, fixedClock } from '../core/time.ts';
import { type StockStatus, stockRisk } from './products.ts';

/** Yesterday is compared with the same weekday of this many weeks before it. */
export const comparisonWeeks = 4;
/** Days of revenue in the briefing's chart. */
export const trendDays = 14;
/** Items named in a line before "and N more". */
export const listedItems = 3;

export interface SalesFact {
  currency: string;
  /** Sales yesterday, minor units. */
  yesterday: number;
  /** The same weekday in each of the weeks compared, most recent first (only weeks the business had begun). */
  weeks: number[];
  /** Their average, rounded to a minor unit; null when there is no week to compare with. */
  baseline: number | null;
  /** (yesterday − baseline) ÷ baseline; null without a baseline or when it is zero. */
  change: number | null;
}

export interface OverdueInvoiceFact {
  number: string;
  customer: string | null;
  balance: number;
  currency: string;
}

export interface OverdueTotalFact {
  currency: string;
  overdue: number;
  invoices: number;
  customers: number;
  buckets: { current: number; '1_30': number; '31_60': number; '61_90': number; '90_plus': number };
}

export interface StockFact {
  name: string;
  stock: number;
  daysOfCover: number | null;
  status: StockStatus;
}

export interface SyncFailureFact {
  connection: string;
  failures: number;
  lastError: string | null;
}

export interface BriefingFacts {
  day: string;
  yesterday: string;
  /** 0 = Sunday … 6 = Saturday, of yesterday. */
  weekday: number;
  /** Per currency with sales yesterday or in a compared week; the business's currency first. */
  sales: SalesFact[];
  /** Daily sales for the chart: the last `trendDays` days up to yesterday, in `currency`. */
  trend: { currency: string; days: { day: string; total: number }[] } | null;
  received: { currency: string; total: number; payments: number }[];
  /** Open invoices whose due date (issue date when none) was yesterday: overdue since this morning. */
  newlyOverdue: {
    byCurrency: { currency: string; invoices: number; total: number }[];
    count: number;
    largest: OverdueInvoiceFact[];
  };
  overdue: OverdueTotalFact[];
  stock: { count: number; rows: StockFact[] };
  syncFailures: SyncFailureFact[];
}

/** An instant inside a local calendar day (its noon), for code that reads "today" from a clock. */
export function instantInDay(day: string, timeZone: string): Date {
  let instant = new Date(`${day}T12:00:00Z`);
  // Zones far from UTC (±12 h and more) put UTC noon on the next or previous local day.
  for (let step = 0; step < 3 && dateInZone(instant, timeZone) !== day; step++) {
    instant = new Date(instant.getTime() + (dateInZone(instant, timeZone) > day ? -1 : 1) * 10 * 3_600_000);
  }
  return instant;
}

export async function briefingFacts(deps: Deps, context: TenantContext, day: string): Promise<BriefingFacts> {
  const tenantId = context.tenant.id;
  const zone = context.tenant.timezone;
  const home = context.tenant.currency;
  const yesterday = addDays(day, -1);
  const from = addDays(yesterday, -7 * comparisonWeeks);
  const start = sql`(${yesterday}::date::timestamp at time zone ${zone})`;
  const end = sql`(${day}::date::timestamp at time zone ${zone})`;

  // Sales: invoices that are not void, by issue date, plus completed orders by their local date,
  // except a POS order that produced its own invoice (counted once, through the invoice), as in
  // top_products and stock_risk. Only the 4 compared weekdays, yesterday and the chart's days are read.
  const salesRows = await deps.db.rows<Record<string, unknown>>(sql`
    with sold as (
      select issue_date as day, currency, total from invoices
      where tenant_id = ${tenantId} and status <> 'void' and issue_date between ${from}::date and ${yesterday}::date
      union all
      select (o.ordered_at at time zone ${zone})::date as day, o.currency, o.total from orders o
      where o.tenant_id = ${tenantId} and o.status = 'completed'
        and o.ordered_at >= (${from}::date::timestamp at time zone ${zone}) and o.ordered_at < ${end}
        and not exists (
          select 1 from invoices i
          where i.tenant_id = ${tenantId} and i.source_id = o.source_id and i.external_id = 'order:' || o.external_id
        )
    )
    select day::text as day, currency, sum(total) as total,
      (select least(
        (select min(issue_date) from invoices where tenant_id = ${tenantId} and status <> 'void'),
        (select min((ordered_at at time zone ${zone})::date) from orders where tenant_id = ${tenantId} and status = 'completed')
      ))::text as first_sale
    from sold group by day, currency`);

  const firstSale = (salesRows[0]?.first_sale as string | null | undefined) ?? null;
  const totals = new Map<string, Map<string, number>>();
  for (const row of salesRows) {
    const currency = row.currency as string;
    const perDay = totals.get(currency) ?? new Map<string, number>();
    perDay.set(row.day as string, toInt(row.total));
    totals.set(currency, perDay);
  }
  const comparedDays = Array.from({ length: comparisonWeeks }, (_, week) =>
    addDays(yesterday, -7 * (week + 1)),
  )
    // A week before the business's first recorded sale says nothing about a usual day.
    .filter((date) => firstSale !== null && date >= firstSale);
  const trendFrom = addDays(yesterday, -(trendDays - 1));
  const sales: SalesFact[] = [];
  for (const [currency, perDay] of totals) {
    const weeks = comparedDays.map((date) => perDay.get(date) ?? 0);
    const sold = perDay.get(yesterday) ?? 0;
    if (sold === 0 && weeks.every((total) => total === 0)) continue;
    const baseline =
      weeks.length === 0 ? null : Math.round(weeks.reduce((sum, total) => sum + total, 0) / weeks.length);
    sales.push({
      currency,
      yesterday: sold,
      weeks,
      baseline,
      change: baseline === null || baseline === 0 ? null : (sold - baseline) / baseline,
    });
  }
  sales.sort(
    (a, b) =>
      Number(b.currency === home) - Number(a.currency === home) ||
      b.yesterday - a.yesterday ||
      a.currency.localeCompare(b.currency),
  );
  const trendCurrency =
    sales[0]?.currency ??
    [...totals.entries()].find(([, perDay]) => [...perDay.keys()].some((date) => date >= trendFrom))?.[0];
  const trendTotals = trendCurrency ? totals.get(trendCurrency) : undefined;
  const trend =
    trendCurrency && trendTotals
      ? {
          currency: trendCurrency,
          days: Array.from({ length: trendDays }, (_, index) => {
            const date = addDays(trendFrom, index);
            return { day: date, total: trendTotals.get(date) ?? 0 };
          }),
        }
      : null;

  const received = await deps.db.rows<Record<string, unknown>>(sql`
    select currency, sum(amount) as total, count(*) as payments from payments
    where tenant_id = ${tenantId} and paid_at >= ${start} and paid_at < ${end}
    group by currency order by (currency = ${home}) desc, currency`);

  const open = sql`
    select i.number, i.customer_id, i.currency, i.balance, coalesce(i.due_date, i.issue_date) as due
    from invoices i
    where i.tenant_id = ${tenantId} and i.status = 'open' and i.total > i.amount_paid`;
  const freshByCurrency = await deps.db.rows<Record<string, unknown>>(sql`
    with open as (${open})
    select currency, count(*) as invoices, sum(balance) as total from open
    where due = ${yesterday}::date
    group by currency order by (currency = ${home}) desc, currency`);
  const freshLargest = freshByCurrency.length
    ? await deps.db.rows<Record<string, unknown>>(sql`
        with open as (${open})
        select o.number, c.full_name, o.balance, o.currency from open o
        left join customers c on c.id = o.customer_id and c.tenant_id = ${tenantId}
        where o.due = ${yesterday}::date
        order by (o.currency = ${home}) desc, o.balance desc, o.number
        limit ${listedItems}`)
    : [];
  const overdueRows = await deps.db.rows<Record<string, unknown>>(sql`
    with open as (${open}), aged as (select *, ${day}::date - due as age from open)
    select currency,
      coalesce(sum(balance) filter (where age > 0), 0) as overdue,
      count(*) filter (where age > 0) as invoices,
      count(distinct coalesce(customer_id::text, '-')) filter (where age > 0) as customers,
      coalesce(sum(balance) filter (where age <= 0), 0) as b_current,
      coalesce(sum(balance) filter (where age between 1 and 30), 0) as b_1_30,
      coalesce(sum(balance) filter (where age between 31 and 60), 0) as b_31_60,
      coalesce(sum(balance) filter (where age between 61 and 90), 0) as b_61_90,
      coalesce(sum(balance) filter (where age > 90), 0) as b_90_plus
    from aged group by currency order by (currency = ${home}) desc, currency`);

  // Stock as it is now; selling speed over the 30 days up to yesterday (the clock pinned inside it).
  const stock = await stockRisk(
    { ...deps, clock: fixedClock(instantInDay(yesterday, zone).toISOString()) },
    context,
    { limit: listedItems },
  );

  const failures = await deps.db.rows<Record<string, unknown>>(sql`
    select coalesce(c.name, r.action) as connection, count(*) as failures,
      (array_agg(r.error order by coalesce(r.finished_at, r.created_at) desc))[1] as last_error
    from sync_runs r left join connections c on c.id = r.connection_id and c.tenant_id = ${tenantId}
    where r.tenant_id = ${tenantId} and r.status = 'failed'
      and r.created_at >= ${start} - interval '1 day' and r.created_at < ${end}
      and coalesce(r.finished_at, r.created_at) >= ${start} and coalesce(r.finished_at, r.created_at) < ${end}
    group by coalesce(c.name, r.action)
    order by count(*) desc, coalesce(c.name, r.action)`);

  return {
    day,
    yesterday,
    weekday: new Date(`${yesterday}T00:00:00Z`).getUTCDay(),
    sales,
    trend,
    received: received.map((row) => ({
      currency: row.currency as string,
      total: toInt(row.total),
      payments: toInt(row.payments),
    })),
    newlyOverdue: {
      byCurrency: freshByCurrency.map((row) => ({
        currency: row.currency as string,
        invoices: toInt(row.invoices),
        total: toInt(row.total),
      })),
      count: freshByCurrency.reduce((sum, row) => sum + toInt(row.invoices), 0),
      largest: freshLargest.map((row) => ({
        number: row.number as string,
        customer: (row.full_name as string | null) ?? null,
        balance: toInt(row.balance),
        currency: row.currency as string,
      })),
    },
    overdue: overdueRows.map((row) => ({
      currency: row.currency as string,
      overdue: toInt(row.overdue),
      invoices: toInt(row.invoices),
      customers: toInt(row.customers),
      buckets: {
        current: toInt(row.b_current),
        '1_30': toInt(row.b_1_30),
        '31_60': toInt(row.b_31_60),
        '61_90': toInt(row.b_61_90),
        '90_plus': toInt(row.b_90_plus),
      },
    })),
    stock: {
      count: stock.count,
      rows: stock.rows.map((row) => ({
        name: row.name,
        stock: row.stock,
        daysOfCover: row.daysOfCover,
        status: row.status,
      })),
    },
    syncFailures: failures.map((row) => ({
      connection: row.connection as string,
      failures: toInt(row.failures),
      lastError: (row.last_error as string | null) ?? null,
    })),
  };
}
