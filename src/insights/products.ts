/**
 * Best products and stock risk, from what was actually sold.
 *
 * "Sold" means the lines of invoices that are not void (by issue date) plus the lines of completed
 * orders (by the order's local date in the business's time zone). A completed POS sale that already
 * produced its own invoice (external id `order:<order's external id>` from the same connection, see
 * src/sync/pipeline/orders.ts) is counted once, through the invoice.
 *
 * Velocity: units sold in the last `days` calendar days, today included, in the business's time zone,
 * divided by `days`. Days of cover: stock on hand divided by velocity (none when nothing sold).
 * A product is at risk when it is out of stock, at or below its reorder level, or has fewer than
 * `lowCoverDays` days of cover. See docs/insights.md.
 */
import { type SQL, sql } from 'drizzle-orm';
import { toInt } from '../../db/database.ts';
import type { Deps, TenantContext } from '../core/context.ts';
import { addDays, dateInZone } from '../core/time.ts';

/** Below this many days of cover a product is flagged even above its reorder level: about a week to restock. */
export const lowCoverDays = 7;
/** The default window for velocity: a month smooths out single big sales but still follows the season. */
export const defaultVelocityDays = 30;

/** Sold lines (product, description, quantity, line total, currency) in a range of local dates. */
function soldLines(tenantId: string, timeZone: string, from: string, to: string): SQL {
  return sql`
    select l.product_id, l.description, l.quantity, l.total, i.currency
    from invoice_lines l join invoices i on i.id = l.invoice_id and i.tenant_id = ${tenantId}
    where l.tenant_id = ${tenantId} and i.status <> 'void'
      and i.issue_date between ${from}::date and ${to}::date
    union all
    select l.product_id, l.description, l.quantity, l.total, o.currency
    from order_lines l join orders o on o.id = l.order_id and o.tenant_id = ${tenantId}
    where l.tenant_id = ${tenantId} and o.status = 'completed'
      and (o.ordered_at at time zone ${timeZone})::date between ${from}::date and ${to}::date
      and not exists (
        select 1 from invoices i
        where i.tenant_id = ${tenantId} and i.source_id = o.source_id
          and i.external_id = 'order:' || o.external_id
      )`;
}

export interface TopProduct {
  /** Null when the lines name no product: they are grouped by their description. */
  productId: string | null;
  name: string;
  sku: string | null;
  currency: string;
  quantity: number;
  revenue: number;
  lines: number;
  /** 1 for the best within its currency. */
  rank: number;
}

export interface TopProductsReport {
  from: string;
  to: string;
  by: 'revenue' | 'quantity';
  /** Best first within each currency, the business's currency first; at most `limit` per currency. */
  rows: TopProduct[];
  totals: { currency: string; quantity: number; revenue: number; products: number }[];
}

export async function topProducts(
  deps: Deps,
  context: TenantContext,
  query: { from: string; to: string; limit: number; by: 'revenue' | 'quantity' },
): Promise<TopProductsReport> {
  const tenantId = context.tenant.id;
  const measure =
    query.by === 'quantity' ? sql`quantity desc, revenue desc` : sql`revenue desc, quantity desc`;
  const rows = await deps.db.rows<Record<string, unknown>>(sql`
    with sold as (${soldLines(tenantId, context.tenant.timezone, query.from, query.to)}),
    grouped as (
      select product_id, currency,
        case when product_id is null then lower(trim(description)) end as description_key,
        min(description) as description,
        sum(quantity) as quantity, sum(total) as revenue, count(*) as lines
      from sold
      group by product_id, currency, case when product_id is null then lower(trim(description)) end
    ),
    named as (
      select g.*, coalesce(p.name, g.description) as name, p.sku,
        row_number() over (partition by g.currency order by ${measure}, coalesce(p.name, g.description)) as rank,
        sum(g.revenue) over (partition by g.currency) as currency_revenue,
        sum(g.quantity) over (partition by g.currency) as currency_quantity,
        count(*) over (partition by g.currency) as currency_products
      from grouped g
      left join products p on p.id = g.product_id and p.tenant_id = ${tenantId}
    )
    select product_id, name, sku, currency, quantity::text as quantity, revenue, lines,
      rank, currency_revenue, currency_quantity::text as currency_quantity, currency_products
    from named
    where rank <= ${query.limit}
    order by (currency = ${context.tenant.currency}) desc, currency, rank`);
  const totals = new Map<string, TopProductsReport['totals'][number]>();
  for (const row of rows) {
    const currency = row.currency as string;
    if (!totals.has(currency))
      totals.set(currency, {
        currency,
        quantity: Number(row.currency_quantity),
        revenue: toInt(row.currency_revenue),
        products: toInt(row.currency_products),
      });
  }
  return {
    from: query.from,
    to: query.to,
    by: query.by,
    rows: rows.map((row) => ({
      productId: (row.product_id as string | null) ?? null,
      name: row.name as string,
      sku: (row.sku as string | null) ?? null,
      currency: row.currency as string,
      quantity: Number(row.quantity),
      revenue: toInt(row.revenue),
      lines: toInt(row.lines),
      rank: toInt(row.rank),
    })),
    totals: [...totals.values()],
  };
}

export type StockStatus = 'out_of_stock' | 'low_cover' | 'below_reorder_level';

export interface StockRiskRow {
  productId: string;
  name: string;
  sku: string | null;
  stock: number;
  reorderLevel: number | null;
  /** Units sold in the window. */
  sold: number;
  /** Units a day over the window. */
  velocity: number;
  /** Stock divided by velocity; null when nothing sold in the window. */
  daysOfCover: number | null;
  status: StockStatus;
}

export interface StockRiskReport {
  asOf: string;
  days: number;
  from: string;
  rows: StockRiskRow[];
  /** Products at risk in all, for "and 4 more". */
  count: number;
}

export async function stockRisk(
  deps: Deps,
  context: TenantContext,
  query: { days?: number; limit: number },
): Promise<StockRiskReport> {
  const tenantId = context.tenant.id;
  const days = query.days ?? defaultVelocityDays;
  const today = dateInZone(deps.clock.now(), context.tenant.timezone);
  const from = addDays(today, -(days - 1));
  const rows = await deps.db.rows<Record<string, unknown>>(sql`
    with sold as (${soldLines(tenantId, context.tenant.timezone, from, today)}),
    per_product as (
      select product_id, sum(quantity) as sold from sold where product_id is not null group by product_id
    ),
    stock as (
      select p.id, p.name, p.sku, p.stock_qty, p.reorder_level, coalesce(s.sold, 0) as sold,
        case when coalesce(s.sold, 0) > 0 then greatest(p.stock_qty, 0) * ${days} / s.sold end as cover
      from products p left join per_product s on s.product_id = p.id
      where p.tenant_id = ${tenantId} and p.merged_into is null and p.stock_qty is not null
    ),
    flagged as (
      select *, count(*) over () as total from stock
      where stock_qty <= 0 or stock_qty <= reorder_level or cover < ${lowCoverDays}
    )
    select id, name, sku, stock_qty::text as stock_qty, reorder_level::text as reorder_level,
      sold::text as sold, cover::float8 as cover, total
    from flagged
    order by (stock_qty <= 0) desc, cover asc nulls last, sold desc, stock_qty - coalesce(reorder_level, 0), name, id
    limit ${query.limit}`);
  return {
    asOf: today,
    days,
    from,
    count: toInt(rows[0]?.total),
    rows: rows.map((row) => {
      const stock = Number(row.stock_qty);
      const sold = Number(row.sold);
      const daysOfCover = row.cover === null || row.cover === undefined ? null : Number(row.cover);
      return {
        productId: row.id as string,
        name: row.name as string,
        sku: (row.sku as string | null) ?? null,
        stock,
        reorderLevel: row.reorder_level === null ? null : Number(row.reorder_level),
        sold,
        velocity: sold / days,
        daysOfCover,
        status:
          stock <= 0
            ? 'out_of_stock'
            : daysOfCover !== null && daysOfCover < lowCoverDays
              ? 'low_cover'
              : 'below_reorder_level',
      };
    }),
  };
}
