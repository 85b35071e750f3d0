/**
 * Receivables: who owes the business what, how late, and what to collect first.
 *
 * Ageing uses each open invoice's due date (its issue date when it has none) against "today" in the
 * business's time zone. Customers are ordered by what matters most to collect: the amount already
 * past due, then how long it has been overdue, then the whole open balance, within each currency
 * (the business's own currency first). Everything is computed in SQL; nothing loads whole tables.
 */
import { sql } from 'drizzle-orm';
import { toInt, toIntOrNull } from '../../db/database.ts';
import type { Deps, TenantContext } from '../core/context.ts';
import { dateInZone } from '../core/time.ts';

export const ageingBuckets = ['current', '1_30', '31_60', '61_90', '90_plus'] as const;
export type AgeingBucket = (typeof ageingBuckets)[number];

export interface ReceivableRow {
  customerId: string | null;
  name: string;
  phone: string | null;
  currency: string;
  balance: number;
  overdue: number;
  openInvoices: number;
  daysOverdue: number;
  bucket: AgeingBucket;
  buckets: Record<AgeingBucket, number>;
  oldestDueDate: string;
  lastPayment: { paidAt: string; amount: number; currency: string; method: string | null } | null;
}

export interface CurrencyTotal {
  currency: string;
  balance: number;
  overdue: number;
  customers: number;
  openInvoices: number;
  buckets: Record<AgeingBucket, number>;
}

export interface ReceivablesQuery {
  onlyOverdue?: boolean;
  minDaysOverdue?: number;
  currency?: string;
  limit: number;
  offset: number;
}

export interface ReceivablesReport {
  asOf: string;
  rows: ReceivableRow[];
  totals: CurrencyTotal[];
  /** Number of (customer, currency) rows in the whole result, for paging. */
  count: number;
}

export function bucketFor(daysOverdue: number): AgeingBucket {
  if (daysOverdue <= 0) return 'current';
  if (daysOverdue <= 30) return '1_30';
  if (daysOverdue <= 60) return '31_60';
  if (daysOverdue <= 90) return '61_90';
  return '90_plus';
}

/** One SQL fragment for the open invoices of a business, with their age in days as of `today`. */
function openInvoices(tenantId: string, today: string, currency: string | undefined) {
  return sql`
    select customer_id, currency, balance,
      coalesce(due_date, issue_date) as due,
      (${today}::date - coalesce(due_date, issue_date)) as age
    from invoices
    where tenant_id = ${tenantId} and status = 'open' and total > amount_paid
      ${currency ? sql`and currency = ${currency}` : sql``}`;
}

const bucketSums = sql`
  coalesce(sum(balance) filter (where age <= 0), 0) as b_current,
  coalesce(sum(balance) filter (where age between 1 and 30), 0) as b_1_30,
  coalesce(sum(balance) filter (where age between 31 and 60), 0) as b_31_60,
  coalesce(sum(balance) filter (where age between 61 and 90), 0) as b_61_90,
  coalesce(sum(balance) filter (where age > 90), 0) as b_90_plus`;

function readBuckets(row: Record<string, unknown>): Record<AgeingBucket, number> {
  return {
    current: toInt(row.b_current),
    '1_30': toInt(row.b_1_30),
    '31_60': toInt(row.b_31_60),
    '61_90': toInt(row.b_61_90),
    '90_plus': toInt(row.b_90_plus),
  };
}

export async function receivables(
  deps: Deps,
  context: TenantContext,
  query: ReceivablesQuery,
): Promise<ReceivablesReport> {
  const tenantId = context.tenant.id;
  const today = dateInZone(deps.clock.now(), context.tenant.timezone);
  const minDays = query.onlyOverdue ? Math.max(query.minDaysOverdue ?? 1, 1) : query.minDaysOverdue;
  const having = minDays === undefined ? sql`` : sql`having max(age) >= ${minDays}`;
  const homeFirst = sql`(currency = ${context.tenant.currency}) desc, currency`;

  // One statement: the per-customer aggregate is computed once and feeds both the page and the
  // totals, so the tool costs one pass over the open invoices, like the bare aggregate.
  const [result] = await deps.db.rows<{
    page: Record<string, unknown>[] | null;
    totals: Record<string, unknown>[] | null;
  }>(sql`
    with open as (${openInvoices(tenantId, today, query.currency)}),
    per_customer as materialized (
      select customer_id, currency,
        sum(balance) as balance,
        coalesce(sum(balance) filter (where age > 0), 0) as overdue,
        count(*) as open_invoices,
        greatest(max(age), 0) as days_overdue,
        min(due)::text as oldest_due,
        ${bucketSums}
      from open
      group by customer_id, currency
      ${having}
    ),
    page as (
      select * from per_customer
      order by ${homeFirst}, overdue desc, days_overdue desc, balance desc, customer_id
      limit ${query.limit} offset ${query.offset}
    ),
    detailed as (
      select page.*, c.full_name, c.phone,
        lp.paid_at as last_paid_at, lp.amount as last_amount, lp.currency as last_currency, lp.method as last_method
      from page
      left join customers c on c.id = page.customer_id and c.tenant_id = ${tenantId}
      left join lateral (
        select paid_at, amount, currency, method from payments p
        where p.tenant_id = ${tenantId} and p.customer_id = page.customer_id
        order by paid_at desc limit 1
      ) lp on page.customer_id is not null
    ),
    totals as (
      select currency, sum(balance) as balance, sum(overdue) as overdue, count(*) as customers,
        sum(open_invoices) as open_invoices,
        sum(b_current) as b_current, sum(b_1_30) as b_1_30, sum(b_31_60) as b_31_60,
        sum(b_61_90) as b_61_90, sum(b_90_plus) as b_90_plus
      from per_customer group by currency
    )
    select
      (select json_agg(d order by ${homeFirst}, overdue desc, days_overdue desc, balance desc, customer_id) from detailed d) as page,
      (select json_agg(t order by ${homeFirst}) from totals t) as totals`);

  const rows: ReceivableRow[] = (result?.page ?? []).map((row) => {
    const daysOverdue = toInt(row.days_overdue);
    return {
      customerId: (row.customer_id as string | null) ?? null,
      name: (row.full_name as string | null) ?? 'Invoices without a customer',
      phone: (row.phone as string | null) ?? null,
      currency: row.currency as string,
      balance: toInt(row.balance),
      overdue: toInt(row.overdue),
      openInvoices: toInt(row.open_invoices),
      daysOverdue,
      bucket: bucketFor(daysOverdue),
      buckets: readBuckets(row),
      oldestDueDate: String(row.oldest_due),
      lastPayment:
        row.last_paid_at === null || row.last_paid_at === undefined
          ? null
          : {
              paidAt: new Date(row.last_paid_at as string).toISOString(),
              amount: toIntOrNull(row.last_amount) ?? 0,
              currency: row.last_currency as string,
              method: (row.last_method as string | null) ?? null,
            },
    };
  });

  const totals: CurrencyTotal[] = (result?.totals ?? []).map((row) => ({
    currency: row.currency as string,
    balance: toInt(row.balance),
    overdue: toInt(row.overdue),
    customers: toInt(row.customers),
    openInvoices: toInt(row.open_invoices),
    buckets: readBuckets(row),
  }));

  return { asOf: today, rows, totals, count: totals.reduce((sum, total) => sum + total.customers, 0) };
}
