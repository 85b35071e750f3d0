/**
 * Sales and money received over a period in the business's calendar: invoices issued (their
 * totals) and payments received (by method), optionally for one customer. Per currency, in SQL.
 */
import { sql } from 'drizzle-orm';
import { toInt } from '../../db/database.ts';
import type { Deps, TenantContext } from '../core/context.ts';

export interface SalesSummary {
  from: string;
  to: string;
  sales: { currency: string; total: number; invoices: number }[];
  received: {
    currency: string;
    total: number;
    payments: number;
    byMethod: { method: string; total: number; payments: number }[];
  }[];
}

export async function salesSummary(
  deps: Deps,
  context: TenantContext,
  period: { from: string; to: string },
  customerId?: string,
): Promise<SalesSummary> {
  const tenantId = context.tenant.id;
  const zone = context.tenant.timezone;
  const customerFilter = (column: string) =>
    customerId ? sql`and ${sql.raw(column)} = ${customerId}` : sql``;
  const [sales, received] = await Promise.all([
    deps.db.rows<Record<string, unknown>>(sql`
      select currency, sum(total) as total, count(*) as invoices from invoices
      where tenant_id = ${tenantId} and status <> 'void' and issue_date between ${period.from}::date and ${period.to}::date
        ${customerFilter('customer_id')}
      group by currency order by currency`),
    deps.db.rows<Record<string, unknown>>(sql`
      select currency, coalesce(method, 'other') as method, sum(amount) as total, count(*) as payments from payments
      where tenant_id = ${tenantId}
        and (paid_at at time zone ${zone})::date between ${period.from}::date and ${period.to}::date
        ${customerFilter('customer_id')}
      group by currency, coalesce(method, 'other') order by currency, sum(amount) desc`),
  ]);
  const receivedByCurrency = new Map<string, SalesSummary['received'][number]>();
  for (const row of received) {
    const currency = row.currency as string;
    const entry = receivedByCurrency.get(currency) ?? { currency, total: 0, payments: 0, byMethod: [] };
    entry.total += toInt(row.total);
    entry.payments += toInt(row.payments);
    entry.byMethod.push({
      method: row.method as string,
      total: toInt(row.total),
      payments: toInt(row.payments),
    });
    receivedByCurrency.set(currency, entry);
  }
  return {
    from: period.from,
    to: period.to,
    sales: sales.map((row) => ({
      currency: row.currency as string,
      total: toInt(row.total),
      invoices: toInt(row.invoices),
    })),
    received: [...receivedByCurrency.values()],
  };
}
