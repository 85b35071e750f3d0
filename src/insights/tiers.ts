/**
 * Customers' purchases and their tiers.
 *
 * `salesDocuments` is the one definition of "a sale" the customer insights share (trend, tiers,
 * churn): invoices that are not void by issue date, plus completed orders by their local date in the
 * business's time zone, except a POS order that already produced its own invoice (counted once,
 * through the invoice, as in src/insights/products.ts).
 *
 * Tiers are RFM over the last 365 days (today included): recency = days since the last purchase,
 * frequency = number of sales, monetary = revenue in the business's currency. Each measure is scored
 * 1–5 by its quintile among the customers who bought in the year, ties sharing the higher score:
 * score = ceil(5 × customers at or below this value ÷ customers). Gold when R+F+M ≥ 12, Silver when
 * ≥ 8, Bronze otherwise. Deterministic: no randomness, ties broken by value then name then id.
 * See docs/insights.md.
 */
import { type SQL, sql } from 'drizzle-orm';
import { toInt } from '../../db/database.ts';
import type { Deps, TenantContext } from '../core/context.ts';
import { addDays, dateInZone } from '../core/time.ts';

/** The window tiers are measured over: a year, so seasons even out. */
export const tierWindowDays = 365;
export const goldMinScore = 12;
export const silverMinScore = 8;

export const tiers = ['gold', 'silver', 'bronze'] as const;
export type Tier = (typeof tiers)[number];

/** The instant range of local days `from`..`to` in a zone, so the orders' time index can serve it. */
export function localDays(column: SQL, timeZone: string, from: string, to: string): SQL {
  return sql`${column} >= (${from}::date::timestamp at time zone ${timeZone})
    and ${column} < ((${to}::date + 1)::timestamp at time zone ${timeZone})`;
}

/** A completed order `o` that is not already counted through the invoice its POS sale created. */
export function notInvoiced(tenantId: string): SQL {
  return sql`not exists (
    select 1 from invoices x
    where x.tenant_id = ${tenantId} and x.source_id = o.source_id and x.external_id = 'order:' || o.external_id
  )`;
}

/**
 * Sales documents of a range of local dates: `kind`, `id`, `customer_id`, `day` (date), `total`,
 * `currency`.
 */
export function salesDocuments(tenantId: string, timeZone: string, from: string, to: string): SQL {
  return sql`
    select 'invoice' as kind, i.id, i.customer_id, i.issue_date as day, i.total, i.currency
    from invoices i
    where i.tenant_id = ${tenantId} and i.status <> 'void'
      and i.issue_date between ${from}::date and ${to}::date
    union all
    select 'order' as kind, o.id, o.customer_id, (o.ordered_at at time zone ${timeZone})::date as day,
      o.total, o.currency
    from orders o
    where o.tenant_id = ${tenantId} and o.status = 'completed'
      and ${localDays(sql`o.ordered_at`, timeZone, from, to)}
      and ${notInvoiced(tenantId)}`;
}

/** Quintile score 1–5 of a measure, ties sharing the higher score, in integers (no float edges). */
function quintile(measure: SQL): SQL {
  return sql`((5 * count(*) over (order by ${measure}) + count(*) over () - 1) / count(*) over ())::int`;
}

/**
 * Every customer who bought in the tiers' year with their RFM numbers, scores and tier: columns
 * `customer_id, full_name, phone, last_day, recency, purchases, revenue, r, f, m, score, tier`.
 */
export function tierAssignments(tenantId: string, timeZone: string, currency: string, today: string): SQL {
  const from = addDays(today, -(tierWindowDays - 1));
  return sql`
    select scored.*, r + f + m as score,
      case when r + f + m >= ${goldMinScore} then 'gold'
        when r + f + m >= ${silverMinScore} then 'silver' else 'bronze' end as tier
    from (
      select pc.*, c.full_name, c.phone, (${today}::date - pc.last_day) as recency,
        ${quintile(sql`pc.last_day`)} as r,
        ${quintile(sql`pc.purchases`)} as f,
        ${quintile(sql`pc.revenue`)} as m
      from (
        select customer_id, max(day) as last_day, count(*) as purchases,
          coalesce(sum(total) filter (where currency = ${currency}), 0) as revenue
        from (${salesDocuments(tenantId, timeZone, from, today)}) sales
        where customer_id is not null
        group by customer_id
      ) pc
      join customers c on c.id = pc.customer_id and c.tenant_id = ${tenantId} and c.merged_into is null
    ) scored`;
}

export interface TieredCustomer {
  customerId: string;
  name: string;
  phone: string | null;
  tier: Tier;
  lastPurchase: string;
  /** Days since the last purchase. */
  recency: number;
  /** Sales in the window. */
  purchases: number;
  /** Revenue in the business's currency in the window, minor units. */
  revenue: number;
  scores: { recency: number; frequency: number; monetary: number; total: number };
}

export interface TierSummary {
  tier: Tier;
  customers: number;
  revenue: number;
  /** Best first: highest score, then revenue, then purchases, then the most recent. */
  best: TieredCustomer[];
}

export interface TiersReport {
  asOf: string;
  from: string;
  currency: string;
  /** Gold, Silver, Bronze, each present even when empty. */
  tiers: TierSummary[];
  /** Customers who bought in the window. */
  customers: number;
}

export async function customerTiers(
  deps: Deps,
  context: TenantContext,
  query: { limit: number },
): Promise<TiersReport> {
  const tenantId = context.tenant.id;
  const zone = context.tenant.timezone;
  const currency = context.tenant.currency;
  const today = dateInZone(deps.clock.now(), zone);
  const rows = await deps.db.rows<Record<string, unknown>>(sql`
    with tiered as materialized (${tierAssignments(tenantId, zone, currency, today)}),
    ranked as (
      select tiered.*,
        row_number() over (
          partition by tier
          order by score desc, revenue desc, purchases desc, last_day desc, full_name, customer_id
        ) as rank,
        count(*) over (partition by tier) as tier_customers,
        sum(revenue) over (partition by tier) as tier_revenue
      from tiered
    )
    select customer_id, full_name, phone, tier, last_day::text as last_day, recency, purchases, revenue,
      r, f, m, score, rank, tier_customers, tier_revenue
    from ranked
    where rank <= ${query.limit}
    order by score desc, tier, rank`);
  const summaries = tiers.map((tier): TierSummary => {
    const members = rows.filter((row) => row.tier === tier);
    return {
      tier,
      customers: toInt(members[0]?.tier_customers),
      revenue: toInt(members[0]?.tier_revenue),
      best: members.map((row) => ({
        customerId: row.customer_id as string,
        name: row.full_name as string,
        phone: (row.phone as string | null) ?? null,
        tier,
        lastPurchase: row.last_day as string,
        recency: toInt(row.recency),
        purchases: toInt(row.purchases),
        revenue: toInt(row.revenue),
        scores: {
          recency: toInt(row.r),
          frequency: toInt(row.f),
          monetary: toInt(row.m),
          total: toInt(row.score),
        },
      })),
    };
  });
  return {
    asOf: today,
    from: addDays(today, -(tierWindowDays - 1)),
    currency,
    tiers: summaries,
    customers: summaries.reduce((sum, summary) => sum + summary.customers, 0),
  };
}
