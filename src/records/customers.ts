/** Resolving one customer from what a person said, and the customer's profile. */
import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import { toInt } from '../../db/database.ts';
import { customers, invoices, payments } from '../../db/schema/index.ts';
import type { Deps, TenantContext } from '../core/context.ts';
import { AppError } from '../core/errors.ts';
import { isUuid } from '../core/ids.ts';
import { dateInZone } from '../core/time.ts';
import { customerSummaryColumns, invoiceSummaryColumns, paymentSummaryColumns } from './columns.ts';
import { type FoundCustomer, searchRecords } from './search.ts';

export interface CustomerRef {
  customerId?: string | undefined;
  /** A name, phone or email, as the person said it. */
  customer?: string | undefined;
}

/** Exactly one live customer of this business, or a clear error listing the candidates. */
export async function resolveCustomer(
  deps: Deps,
  context: TenantContext,
  ref: CustomerRef,
): Promise<FoundCustomer> {
  if (ref.customerId) {
    if (!isUuid(ref.customerId)) throw new AppError('bad_request', 'customer_id is not a valid id');
    const [row] = await deps.db.orm
      .select({ ...customerSummaryColumns, mergedInto: customers.mergedInto })
      .from(customers)
      .where(and(eq(customers.id, ref.customerId), eq(customers.tenantId, context.tenant.id)));
    if (!row) throw new AppError('not_found', 'No customer with that id in this business');
    if (row.mergedInto) return resolveCustomer(deps, context, { customerId: row.mergedInto });
    const { mergedInto: _merged, ...customer } = row;
    return customer;
  }
  const query = ref.customer?.trim();
  if (!query) throw new AppError('bad_request', 'Say which customer: a name, phone number or email');
  const found = await searchRecords(deps, context, { query, entities: ['customers'], limit: 6 });
  const exact = found.customers.filter((customer) => customer.name.toLowerCase() === query.toLowerCase());
  const candidates = exact.length > 0 ? exact : found.customers;
  if (candidates.length === 1 && candidates[0]) return candidates[0];
  if (candidates.length === 0) throw new AppError('not_found', `No customer matches "${query}"`);
  throw new AppError(
    'conflict',
    `"${query}" matches ${candidates.length === 6 ? 'several' : candidates.length} customers; say which one`,
    {
      details: {
        candidates: candidates
          .slice(0, 5)
          .map((customer) => ({ id: customer.id, name: customer.name, phone: customer.phone })),
      },
    },
  );
}

export interface CustomerProfile {
  customer: FoundCustomer & { tags: string[]; notes: string | null; createdAt: string };
  balances: { currency: string; balance: number; overdue: number; openInvoices: number }[];
  lifetime: { currency: string; invoiced: number; paid: number; invoices: number }[];
  recentInvoices: {
    id: string;
    number: string;
    issueDate: string;
    dueDate: string | null;
    total: number;
    balance: number;
    currency: string;
    status: string;
  }[];
  recentPayments: {
    id: string;
    reference: string | null;
    amount: number;
    currency: string;
    paidAt: string;
    method: string | null;
  }[];
}

export async function customerProfile(
  deps: Deps,
  context: TenantContext,
  ref: CustomerRef,
): Promise<CustomerProfile> {
  const found = await resolveCustomer(deps, context, ref);
  const tenantId = context.tenant.id;
  const today = dateInZone(deps.clock.now(), context.tenant.timezone);
  const orm = deps.db.orm;
  const [details, balanceRows, lifetimeRows, recentInvoices, recentPayments] = await Promise.all([
    orm
      .select({ tags: customers.tags, notes: customers.notes, createdAt: customers.createdAt })
      .from(customers)
      .where(and(eq(customers.id, found.id), eq(customers.tenantId, tenantId), isNull(customers.mergedInto))),
    deps.db.rows<Record<string, unknown>>(sql`
      select currency, sum(balance) as balance,
        coalesce(sum(balance) filter (where coalesce(due_date, issue_date) < ${today}::date), 0) as overdue,
        count(*) as open_invoices
      from invoices
      where tenant_id = ${tenantId} and customer_id = ${found.id} and status = 'open' and total > amount_paid
      group by currency order by currency`),
    deps.db.rows<Record<string, unknown>>(sql`
      select i.currency, sum(i.total) as invoiced, count(*) as invoices,
        coalesce((select sum(p.amount) from payments p where p.tenant_id = ${tenantId} and p.customer_id = ${found.id} and p.currency = i.currency), 0) as paid
      from invoices i
      where i.tenant_id = ${tenantId} and i.customer_id = ${found.id} and i.status <> 'void'
      group by i.currency order by i.currency`),
    orm
      .select(invoiceSummaryColumns)
      .from(invoices)
      .where(and(eq(invoices.tenantId, tenantId), eq(invoices.customerId, found.id)))
      .orderBy(desc(invoices.issueDate), desc(invoices.number))
      .limit(5),
    orm
      .select(paymentSummaryColumns)
      .from(payments)
      .where(and(eq(payments.tenantId, tenantId), eq(payments.customerId, found.id)))
      .orderBy(desc(payments.paidAt))
      .limit(5),
  ]);
  const detail = details[0];
  if (!detail) throw new AppError('not_found', 'No customer with that id in this business');
  return {
    customer: { ...found, tags: detail.tags, notes: detail.notes, createdAt: detail.createdAt.toISOString() },
    balances: balanceRows.map((row) => ({
      currency: row.currency as string,
      balance: toInt(row.balance),
      overdue: toInt(row.overdue),
      openInvoices: toInt(row.open_invoices),
    })),
    lifetime: lifetimeRows.map((row) => ({
      currency: row.currency as string,
      invoiced: toInt(row.invoiced),
      paid: toInt(row.paid),
      invoices: toInt(row.invoices),
    })),
    recentInvoices,
    recentPayments: recentPayments.map((payment) => ({ ...payment, paidAt: payment.paidAt.toISOString() })),
  };
}
