/**
 * Churn risk: regular customers whose buying rhythm broke.
 *
 * A customer's purchases are the distinct local days with a sale (src/insights/tiers.ts
 * `salesDocuments`) in the last two years. With at least 3 such days, their usual gap G is the median
 * of the days between consecutive purchases. They are at risk when the days since their last purchase
 * exceed max(2 × G, G + 14): twice their rhythm, and at least two weeks late, so a weekly buyer is
 * not flagged after a quiet fortnight. Customers silent for more than a year are lost rather than at
 * risk and are not listed. Ordered by revenue at risk: what they spent in the business's currency over
 * the last 365 days. See docs/insights.md.
 */
import { sql } from 'drizzle-orm';
import { toInt } from '../../db/database.ts';
import type { Deps, TenantContext } from '../core/context.ts';
import { addDays, dateInZone } from '../core/time.ts';
import { salesDocuments } from './tiers.ts';

/** How far back purchases are read to learn a customer's rhythm. */
export const churnHistoryDays = 730;
export const churnMinPurchases = 3;
/** The least lateness, in days, that counts as a broken rhythm. */
export const churnMinLateDays = 14;
/** Beyond this many silent days a customer is lost, not at risk. */
export const churnMaxSilentDays = 365;

export interface ChurnRow {
  customerId: string;
  name: string;
  phone: string | null;
  /** Distinct days with a purchase in the history window. */
  purchases: number;
  /** Median days between purchases (may end in .5). */
  medianGap: number;
  lastPurchase: string;
  daysSilent: number;
  /** max(2 × gap, gap + 14): silent longer than this means at risk. */
  threshold: number;
  /** Revenue in the business's currency over the last 365 days, minor units. */
  revenueAtRisk: number;
  /** Their average sale in the business's currency over the same year (0 when none). */
  averageSale: number;
}

export interface ChurnReport {
  asOf: string;
  currency: string;
  rows: ChurnRow[];
  /** Customers at risk in all. */
  count: number;
  /** Their revenue at risk in all. */
  revenueAtRisk: number;
}

export async function churnRisk(
  deps: Deps,
  context: TenantContext,
  query: { limit: number },
): Promise<ChurnReport> {
  const tenantId = context.tenant.id;
  const zone = context.tenant.timezone;
  const currency = context.tenant.currency;
  const today = dateInZone(deps.clock.now(), zone);
  const yearFrom = addDays(today, -364);
  const rows = await deps.db.rows<Record<string, unknown>>(sql`
    with days as (
      select customer_id, day,
        coalesce(sum(total) filter (where currency = ${currency} and day >= ${yearFrom}::date), 0) as revenue,
        count(*) filter (where currency = ${currency} and day >= ${yearFrom}::date) as sales
      from (${salesDocuments(tenantId, zone, addDays(today, -(churnHistoryDays - 1)), today)}) documents
      where customer_id is not null
      group by customer_id, day
    ),
    gaps as (
      select days.*, day - lag(day) over (partition by customer_id order by day) as gap from days
    ),
    rhythm as (
      select customer_id, count(*) as purchases, max(day) as last_day,
        percentile_cont(0.5) within group (order by gap) filter (where gap is not null) as median_gap,
        sum(revenue) as revenue, sum(sales) as year_sales
      from gaps group by customer_id
      having count(*) >= ${churnMinPurchases}
    ),
    valued as (
      select r.*, (${today}::date - r.last_day) as silent,
        greatest(2 * r.median_gap, r.median_gap + ${churnMinLateDays}) as threshold, c.full_name, c.phone
      from rhythm r
      join customers c on c.id = r.customer_id and c.tenant_id = ${tenantId} and c.merged_into is null
      where (${today}::date - r.last_day) > greatest(2 * r.median_gap, r.median_gap + ${churnMinLateDays})
        and (${today}::date - r.last_day) <= ${churnMaxSilentDays}
    )
    select customer_id, full_name, phone, purchases, median_gap::float8 as median_gap,
      last_day::text as last_day, silent, threshold::float8 as threshold, revenue, year_sales,
      count(*) over () as total, sum(revenue) over () as total_revenue
    from valued
    order by revenue desc, silent desc, full_name, customer_id
    limit ${query.limit}`);
  return {
    asOf: today,
    currency,
    count: toInt(rows[0]?.total),
    revenueAtRisk: toInt(rows[0]?.total_revenue),
    rows: rows.map((row) => {
      const revenue = toInt(row.revenue);
      const sales = toInt(row.year_sales);
      return {
        customerId: row.customer_id as string,
        name: row.full_name as string,
        phone: (row.phone as string | null) ?? null,
        purchases: toInt(row.purchases),
        medianGap: Number(row.median_gap),
        lastPurchase: row.last_day as string,
        daysSilent: toInt(row.silent),
        threshold: Number(row.threshold),
        revenueAtRisk: revenue,
        averageSale: sales > 0 ? Math.round(revenue / sales) : 0,
      };
    }),
  };
}

/** "every 2 weeks", "every 5 days", "every 3 months": a rhythm in the words an owner uses. */
export function rhythmText(days: number, language = 'en'): string {
  const sw = language === 'sw';
  if (days < 10) {
    const whole = Math.max(1, Math.round(days));
    if (sw) return whole === 1 ? 'kila siku' : `kila siku ${whole}`;
    return whole === 1 ? 'every day' : `every ${whole} days`;
  }
  if (days < 60) {
    const weeks = Math.round(days / 7);
    if (sw) return weeks === 1 ? 'kila wiki' : `kila wiki ${weeks}`;
    return weeks === 1 ? 'every week' : `every ${weeks} weeks`;
  }
  const months = Math.round(days / 30);
  if (sw) return months === 1 ? 'kila mwezi' : `kila miezi ${months}`;
  return months === 1 ? 'every month' : `every ${months} months`;
}

/** "7 weeks", "12 days", "4 months": a silence in the same words. */
export function durationText(days: number, language = 'en'): string {
  const sw = language === 'sw';
  const unit = (count: number, one: string, many: string, swOne: string, swMany: string) =>
    sw ? `${count === 1 ? swOne : swMany} ${count}` : `${count} ${count === 1 ? one : many}`;
  if (days < 21) return unit(days, 'day', 'days', 'siku', 'siku');
  if (days < 90) return unit(Math.round(days / 7), 'week', 'weeks', 'wiki', 'wiki');
  return unit(Math.round(days / 30), 'month', 'months', 'mwezi', 'miezi');
}
