/**
 * Revenue trend: sales of a period against the same number of days just before it, per currency,
 * with what drove the change: the products and the customer tiers whose sales moved most.
 *
 * A "sale" is an invoice that is not void (by issue date) or a completed order (by its local date in
 * the business's time zone); a completed POS order that produced its own invoice is counted once,
 * through the invoice, exactly as in src/insights/products.ts. Revenue is the documents' totals;
 * product drivers come from their lines. Everything is one SQL statement; see docs/insights.md.
 */
import { type SQL, sql } from 'drizzle-orm';
import { toInt } from '../../db/database.ts';
import type { Deps, TenantContext } from '../core/context.ts';
import { AppError } from '../core/errors.ts';
import { addDays, dateInZone, daysBetween } from '../core/time.ts';
import { localDays, notInvoiced, salesDocuments, type Tier, tierAssignments } from './tiers.ts';

/** The lines of the same sales: product, description, quantity, line total, currency, day. */
function salesLines(tenantId: string, timeZone: string, from: string, to: string): SQL {
  return sql`
    select l.product_id, l.description, l.total, i.currency, i.issue_date as day
    from invoice_lines l join invoices i on i.id = l.invoice_id and i.tenant_id = ${tenantId}
    where l.tenant_id = ${tenantId} and i.status <> 'void'
      and i.issue_date between ${from}::date and ${to}::date
    union all
    select l.product_id, l.description, l.total, o.currency, (o.ordered_at at time zone ${timeZone})::date
    from order_lines l join orders o on o.id = l.order_id and o.tenant_id = ${tenantId}
    where l.tenant_id = ${tenantId} and o.status = 'completed'
      and ${localDays(sql`o.ordered_at`, timeZone, from, to)}
      and ${notInvoiced(tenantId)}`;
}

/** Drivers shown per currency and kind: enough to name "mostly X and Y" and show a short table. */
export const driverLimit = 5;

export interface Driver {
  /** Product id (null for lines without a product), or the tier. */
  key: string | null;
  name: string;
  current: number;
  previous: number;
  change: number;
  /** This driver's change as a share of the currency's whole change (1 = all of it); null when the total did not move. */
  share: number | null;
}

/** Sales without a customer, and customers without a tier (nothing bought in the tiers' year). */
export type TierKey = Tier | 'walk_in' | 'unranked';

export interface CurrencyTrend {
  currency: string;
  current: number;
  previous: number;
  change: number;
  /** Percent change against the previous period, one decimal; null when the previous period sold nothing. */
  changePercent: number | null;
  sales: { current: number; previous: number };
  /** Largest absolute change first. */
  products: Driver[];
  tiers: (Driver & { key: TierKey })[];
  /** Revenue per local day of the current period, every day present (zero when nothing sold). */
  daily: { day: string; revenue: number }[];
}

export interface RevenueTrend {
  from: string;
  to: string;
  previousFrom: string;
  previousTo: string;
  days: number;
  /** The business's currency first. */
  currencies: CurrencyTrend[];
}

/** This month to date: the owner's natural "how is business?" period. */
export function defaultTrendPeriod(today: string): { from: string; to: string } {
  return { from: `${today.slice(0, 8)}01`, to: today };
}

export async function revenueTrend(
  deps: Deps,
  context: TenantContext,
  period?: { from: string; to: string },
): Promise<RevenueTrend> {
  const tenantId = context.tenant.id;
  const zone = context.tenant.timezone;
  const today = dateInZone(deps.clock.now(), zone);
  const { from, to } = period ?? defaultTrendPeriod(today);
  if (from > to) throw new AppError('bad_request', '`from` is after `to`');
  const days = daysBetween(from, to) + 1;
  if (days > 3660) throw new AppError('bad_request', 'The period is longer than ten years');
  const previousTo = addDays(from, -1);
  const previousFrom = addDays(from, -days);
  const homeFirst = sql`(currency = ${context.tenant.currency}) desc, currency`;

  const [result] = await deps.db.rows<{
    totals: Record<string, unknown>[] | null;
    products: Record<string, unknown>[] | null;
    tiers: Record<string, unknown>[] | null;
    daily: Record<string, unknown>[] | null;
  }>(sql`
    with docs as materialized (${salesDocuments(tenantId, zone, previousFrom, to)}),
    tiers as materialized (${tierAssignments(tenantId, zone, context.tenant.currency, today)}),
    totals as (
      select currency,
        coalesce(sum(total) filter (where day >= ${from}::date), 0) as current,
        coalesce(sum(total) filter (where day < ${from}::date), 0) as previous,
        count(*) filter (where day >= ${from}::date) as current_sales,
        count(*) filter (where day < ${from}::date) as previous_sales
      from docs group by currency
    ),
    lines as (${salesLines(tenantId, zone, previousFrom, to)}),
    per_product as (
      select product_id, currency,
        case when product_id is null then lower(trim(description)) end as description_key,
        min(description) as description,
        coalesce(sum(total) filter (where day >= ${from}::date), 0) as current,
        coalesce(sum(total) filter (where day < ${from}::date), 0) as previous
      from lines
      group by product_id, currency, case when product_id is null then lower(trim(description)) end
    ),
    ranked_products as (
      select pp.*, coalesce(p.name, pp.description) as name,
        row_number() over (
          partition by pp.currency
          order by abs(pp.current - pp.previous) desc, coalesce(p.name, pp.description), pp.product_id
        ) as rank
      from per_product pp
      left join products p on p.id = pp.product_id and p.tenant_id = ${tenantId}
      where pp.current <> pp.previous
    ),
    per_tier as (
      select d.currency,
        case when d.customer_id is null then 'walk_in' else coalesce(t.tier, 'unranked') end as tier,
        coalesce(sum(d.total) filter (where d.day >= ${from}::date), 0) as current,
        coalesce(sum(d.total) filter (where d.day < ${from}::date), 0) as previous
      from docs d left join tiers t on t.customer_id = d.customer_id
      group by 1, 2
    ),
    daily as (
      select currency, day::text as day, sum(total) as revenue
      from docs where day >= ${from}::date group by currency, day
    )
    select
      (select json_agg(t order by ${homeFirst}) from totals t) as totals,
      (select json_agg(r order by r.currency, r.rank) from ranked_products r where r.rank <= ${driverLimit}) as products,
      (select json_agg(t order by t.currency, abs(t.current - t.previous) desc, t.tier) from per_tier t) as tiers,
      (select json_agg(d order by d.currency, d.day) from daily d) as daily`);

  const currencies = (result?.totals ?? []).map((row): CurrencyTrend => {
    const currency = row.currency as string;
    const current = toInt(row.current);
    const previous = toInt(row.previous);
    const change = current - previous;
    const driver = (entry: Record<string, unknown>, key: string | null, name: string): Driver => {
      const entryCurrent = toInt(entry.current);
      const entryPrevious = toInt(entry.previous);
      const entryChange = entryCurrent - entryPrevious;
      return {
        key,
        name,
        current: entryCurrent,
        previous: entryPrevious,
        change: entryChange,
        share: change === 0 ? null : Math.round((entryChange / change) * 1000) / 1000,
      };
    };
    const byDay = new Map(
      (result?.daily ?? [])
        .filter((entry) => entry.currency === currency)
        .map((entry) => [entry.day as string, toInt(entry.revenue)]),
    );
    return {
      currency,
      current,
      previous,
      change,
      changePercent: previous > 0 ? Math.round((change / previous) * 1000) / 10 : null,
      sales: { current: toInt(row.current_sales), previous: toInt(row.previous_sales) },
      products: (result?.products ?? [])
        .filter((entry) => entry.currency === currency)
        .map((entry) => driver(entry, (entry.product_id as string | null) ?? null, entry.name as string)),
      tiers: (result?.tiers ?? [])
        .filter((entry) => entry.currency === currency && toInt(entry.current) !== toInt(entry.previous))
        .map((entry) => {
          const key = entry.tier as TierKey;
          return { ...driver(entry, key, tierNames[key]), key };
        }),
      daily: Array.from({ length: Math.min(days, 3660) }, (_, index) => {
        const day = addDays(from, index);
        return { day, revenue: byDay.get(day) ?? 0 };
      }),
    };
  });
  return { from, to, previousFrom, previousTo, days, currencies };
}

export const tierNames: Record<TierKey, string> = {
  gold: 'Gold customers',
  silver: 'Silver customers',
  bronze: 'Bronze customers',
  walk_in: 'walk-in sales',
  unranked: 'customers with no purchase in the last year',
};
