import { z } from 'zod';
import { formatMoney, moneyView } from '../../core/money.ts';
import { formatDate } from '../../core/time.ts';
import { searchableEntities, searchRecords } from '../../records/search.ts';
import { defineTool } from '../define.ts';

export const findRecords = defineTool({
  name: 'find_records',
  title: 'Find records',
  description:
    'Finds customers, products, invoices and payments by name (or part of it), phone number in any local format, email, invoice number, SKU or payment reference. Returns ids to use with customer_profile or record_payment.',
  scope: 'read',
  confirm: false,
  annotations: { readOnlyHint: true, idempotentHint: true },
  input: z.object({
    query: z
      .string()
      .trim()
      .min(1)
      .max(200)
      .describe('A name, phone, email, invoice number, SKU or reference'),
    entities: z
      .array(z.enum(searchableEntities))
      .min(1)
      .default([...searchableEntities]),
    limit: z.number().int().min(1).max(50).default(10),
  }),
  async run({ deps, context }, input) {
    const found = await searchRecords(deps, context, {
      query: input.query,
      entities: input.entities,
      limit: input.limit,
    });
    const zone = context.tenant.timezone;
    const data = {
      customers: found.customers,
      products: found.products.map((product) => ({
        ...product,
        price: product.price === null ? null : moneyView(product.price, product.currency),
      })),
      invoices: found.invoices.map((invoice) => ({
        ...invoice,
        total: moneyView(invoice.total, invoice.currency),
        balance: moneyView(invoice.balance, invoice.currency),
      })),
      payments: found.payments.map((payment) => ({
        ...payment,
        amount: moneyView(payment.amount, payment.currency),
      })),
    };
    const lines: string[] = [];
    for (const customer of found.customers)
      lines.push(
        `Customer: ${customer.name}${customer.phone ? `, ${customer.phone}` : ''}${customer.email ? `, ${customer.email}` : ''}`,
      );
    for (const product of found.products) {
      lines.push(
        `Product: ${product.name}${product.sku ? ` (${product.sku})` : ''}${product.price !== null ? `, ${formatMoney(product.price, product.currency)}` : ''}`,
      );
    }
    for (const invoice of found.invoices) {
      lines.push(
        `Invoice ${invoice.number}: ${invoice.customerName ?? 'no customer'}, ${formatMoney(invoice.total, invoice.currency)}, balance ${formatMoney(invoice.balance, invoice.currency)}, ${invoice.status}`,
      );
    }
    for (const payment of found.payments) {
      lines.push(
        `Payment ${payment.reference ?? ''}: ${payment.payerName ?? 'unknown payer'}, ${formatMoney(payment.amount, payment.currency)} on ${formatDate(new Date(payment.paidAt), zone)}`.replace(
          'Payment :',
          'Payment:',
        ),
      );
    }
    return { data, text: lines.length > 0 ? lines.join('\n') : `Nothing matches "${input.query}".` };
  },
});
