/**
 * Finding records the way an owner names them: a name or part of it ("mama joyce"), a phone in any
 * local format, an email, an invoice number, a SKU or a payment reference. Always within one business.
 */
import { and, desc, eq, ilike, isNull, or, type SQL, sql } from 'drizzle-orm';
import { customers, invoices, payments, products } from '../../db/schema/index.ts';
import type { Deps, TenantContext } from '../core/context.ts';
import { looksLikePhone, toE164 } from '../core/phone.ts';
import { customerSummaryColumns, invoiceSummaryColumns, paymentSummaryColumns } from './columns.ts';

export const searchableEntities = ['customers', 'products', 'invoices', 'payments'] as const;
export type SearchableEntity = (typeof searchableEntities)[number];

export interface SearchRequest {
  query: string;
  entities: readonly SearchableEntity[];
  limit: number;
}

export interface FoundCustomer {
  id: string;
  name: string;
  phone: string | null;
  email: string | null;
  company: string | null;
  city: string | null;
}

export interface FoundProduct {
  id: string;
  name: string;
  sku: string | null;
  price: number | null;
  currency: string;
  stockQty: number | null;
}

export interface FoundInvoice {
  id: string;
  number: string;
  customerId: string | null;
  customerName: string | null;
  issueDate: string;
  dueDate: string | null;
  total: number;
  balance: number;
  currency: string;
  status: string;
}

export interface FoundPayment {
  id: string;
  reference: string | null;
  customerId: string | null;
  payerName: string | null;
  phone: string | null;
  amount: number;
  currency: string;
  paidAt: string;
  method: string | null;
}

export interface SearchResult {
  customers: FoundCustomer[];
  products: FoundProduct[];
  invoices: FoundInvoice[];
  payments: FoundPayment[];
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (match) => `\\${match}`);
}

/** Every word of the query must appear somewhere in the column. */
function allWords(column: Parameters<typeof ilike>[0], query: string): SQL | undefined {
  const words = query
    .split(/\s+/)
    .map((word) => word.trim())
    .filter((word) => word.length > 0)
    .slice(0, 8);
  if (words.length === 0) return undefined;
  return and(...words.map((word) => ilike(column, `%${escapeLike(word)}%`)));
}

export async function searchRecords(
  deps: Deps,
  context: TenantContext,
  request: SearchRequest,
): Promise<SearchResult> {
  const tenantId = context.tenant.id;
  const query = request.query.trim();
  const phone = looksLikePhone(query) ? toE164(query, context.tenant.region) : null;
  const email = /^[^\s@]+@[^\s@]+$/.test(query) ? query.toLowerCase() : null;
  const wants = new Set(request.entities);
  const orm = deps.db.orm;
  const limit = request.limit;
  const result: SearchResult = { customers: [], products: [], invoices: [], payments: [] };

  const tasks: Promise<void>[] = [];
  if (wants.has('customers')) {
    const match = phone
      ? eq(customers.phone, phone)
      : email
        ? sql`lower(${customers.email}) = ${email}`
        : or(allWords(customers.fullName, query), allWords(customers.company, query));
    tasks.push(
      orm
        .select(customerSummaryColumns)
        .from(customers)
        .where(and(eq(customers.tenantId, tenantId), isNull(customers.mergedInto), match))
        .orderBy(customers.fullName)
        .limit(limit)
        .then((rows) => {
          result.customers = rows;
        }),
    );
  }
  if (wants.has('products') && !phone && !email) {
    tasks.push(
      orm
        .select({
          id: products.id,
          name: products.name,
          sku: products.sku,
          price: products.price,
          currency: products.currency,
          stockQty: products.stockQty,
        })
        .from(products)
        .where(
          and(
            eq(products.tenantId, tenantId),
            isNull(products.mergedInto),
            or(
              sql`lower(${products.sku}) = ${query.toLowerCase()}`,
              allWords(products.name, query),
              eq(products.barcode, query),
            ),
          ),
        )
        .orderBy(products.name)
        .limit(limit)
        .then((rows) => {
          result.products = rows;
        }),
    );
  }
  if (wants.has('invoices') && !phone && !email) {
    tasks.push(
      orm
        .select({
          ...invoiceSummaryColumns,
          customerId: invoices.customerId,
          customerName: customers.fullName,
        })
        .from(invoices)
        .leftJoin(customers, and(eq(customers.id, invoices.customerId), eq(customers.tenantId, tenantId)))
        .where(
          and(
            eq(invoices.tenantId, tenantId),
            or(
              sql`lower(${invoices.number}) = ${query.toLowerCase()}`,
              ilike(invoices.number, `%${escapeLike(query)}%`),
            ),
          ),
        )
        .orderBy(desc(invoices.issueDate))
        .limit(limit)
        .then((rows) => {
          result.invoices = rows;
        }),
    );
  }
  if (wants.has('payments')) {
    const match = phone
      ? eq(payments.phone, phone)
      : email
        ? undefined
        : or(eq(payments.reference, query), allWords(payments.payerName, query));
    if (match) {
      tasks.push(
        orm
          .select({
            ...paymentSummaryColumns,
            customerId: payments.customerId,
            payerName: payments.payerName,
            phone: payments.phone,
          })
          .from(payments)
          .where(and(eq(payments.tenantId, tenantId), match))
          .orderBy(desc(payments.paidAt))
          .limit(limit)
          .then((rows) => {
            result.payments = rows.map((row) => ({ ...row, paidAt: row.paidAt.toISOString() }));
          }),
      );
    }
  }
  await Promise.all(tasks);
  return result;
}
