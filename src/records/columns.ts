/** Column sets shared by the record queries, so every list shows invoices and payments the same way. */
import { sql } from 'drizzle-orm';
import { customers, invoices, payments } from '../../db/schema/index.ts';

export const customerSummaryColumns = {
  id: customers.id,
  name: customers.fullName,
  phone: customers.phone,
  email: customers.email,
  company: customers.company,
  city: customers.city,
};

export const invoiceSummaryColumns = {
  id: invoices.id,
  number: invoices.number,
  issueDate: invoices.issueDate,
  dueDate: invoices.dueDate,
  total: invoices.total,
  balance: sql<number>`${invoices.balance}`.mapWith(Number),
  currency: invoices.currency,
  status: invoices.status,
};

export const paymentSummaryColumns = {
  id: payments.id,
  reference: payments.reference,
  amount: payments.amount,
  currency: payments.currency,
  paidAt: payments.paidAt,
  method: payments.method,
};
