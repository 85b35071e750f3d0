import { z } from 'zod';
import type { ReplyPart } from '../../agent/reply-parts.ts';
import { formatMoney, moneyView } from '../../core/money.ts';
import { formatDate } from '../../core/time.ts';
import { customerProfile } from '../../records/customers.ts';
import { type PaymentMethod, paymentMethodLabels } from '../../records/payments.ts';
import { defineTool } from '../define.ts';

export const customerProfileTool = defineTool({
  name: 'customer_profile',
  title: 'Customer profile',
  description:
    'One customer: contact details, what they owe (and how much is overdue), lifetime invoiced and paid, recent invoices and payments. Name the customer by customer_id, or by name, phone or email in `customer`; an ambiguous name returns the candidates.',
  scope: 'read',
  confirm: false,
  annotations: { readOnlyHint: true, idempotentHint: true },
  input: z
    .object({
      customer_id: z.string().optional(),
      customer: z.string().trim().min(1).max(200).optional().describe('Name, phone or email'),
    })
    .refine((value) => value.customer_id || value.customer, 'give customer_id or customer'),
  async run({ deps, context }, input) {
    const profile = await customerProfile(deps, context, {
      customerId: input.customer_id,
      customer: input.customer,
    });
    const zone = context.tenant.timezone;
    const data = {
      customer: profile.customer,
      balances: profile.balances.map((balance) => ({
        currency: balance.currency,
        balance: moneyView(balance.balance, balance.currency),
        overdue: moneyView(balance.overdue, balance.currency),
        open_invoices: balance.openInvoices,
      })),
      lifetime: profile.lifetime.map((total) => ({
        currency: total.currency,
        invoiced: moneyView(total.invoiced, total.currency),
        paid: moneyView(total.paid, total.currency),
        invoices: total.invoices,
      })),
      recent_invoices: profile.recentInvoices.map((invoice) => ({
        ...invoice,
        total: moneyView(invoice.total, invoice.currency),
        balance: moneyView(invoice.balance, invoice.currency),
      })),
      recent_payments: profile.recentPayments.map((payment) => ({
        ...payment,
        amount: moneyView(payment.amount, payment.currency),
      })),
    };
    const customer = profile.customer;
    const owes =
      profile.balances.length === 0
        ? 'Owes nothing.'
        : `Owes ${profile.balances.map((balance) => `${formatMoney(balance.balance, balance.currency)} (${formatMoney(balance.overdue, balance.currency)} overdue, ${balance.openInvoices} open invoices)`).join(' and ')}.`;
    const lines = [
      `${customer.name}${customer.company ? `, ${customer.company}` : ''}`,
      [customer.phone, customer.email, customer.city].filter(Boolean).join(' · ') || 'No contact details',
      owes,
      ...profile.lifetime.map(
        (total) =>
          `Lifetime: ${formatMoney(total.invoiced, total.currency)} invoiced in ${total.invoices} invoices, ${formatMoney(total.paid, total.currency)} paid.`,
      ),
    ];
    const summary = lines.join('\n');
    if (profile.recentInvoices.length > 0) {
      lines.push('Recent invoices:');
      for (const invoice of profile.recentInvoices) {
        lines.push(
          `  ${invoice.number}  ${formatDate(invoice.issueDate, zone)}  ${formatMoney(invoice.total, invoice.currency)}  balance ${formatMoney(invoice.balance, invoice.currency)}  ${invoice.status}`,
        );
      }
    }
    if (profile.recentPayments.length > 0) {
      lines.push('Recent payments:');
      for (const payment of profile.recentPayments) {
        lines.push(
          `  ${formatDate(new Date(payment.paidAt), zone)}  ${formatMoney(payment.amount, payment.currency)}  ${payment.method ?? ''}  ${payment.reference ?? ''}`.trimEnd(),
        );
      }
    }
    const parts: ReplyPart[] = [];
    if (profile.recentInvoices.length > 0) {
      parts.push({
        type: 'table',
        title: 'Recent invoices',
        columns: [
          { key: 'number', label: 'Invoice' },
          { key: 'date', label: 'Date' },
          { key: 'total', label: 'Total', align: 'right' },
          { key: 'balance', label: 'Balance', align: 'right' },
          { key: 'status', label: 'Status' },
        ],
        rows: profile.recentInvoices.map((invoice) => ({
          number: invoice.number,
          date: formatDate(invoice.issueDate, zone),
          total: formatMoney(invoice.total, invoice.currency),
          balance: formatMoney(invoice.balance, invoice.currency),
          status: invoice.status,
        })),
      });
    }
    if (profile.recentPayments.length > 0) {
      parts.push({
        type: 'table',
        title: 'Recent payments',
        columns: [
          { key: 'date', label: 'Date' },
          { key: 'amount', label: 'Amount', align: 'right' },
          { key: 'method', label: 'Method' },
          { key: 'reference', label: 'Reference' },
        ],
        rows: profile.recentPayments.map((payment) => ({
          date: formatDate(new Date(payment.paidAt), zone),
          amount: formatMoney(payment.amount, payment.currency),
          method: payment.method
            ? (paymentMethodLabels[payment.method as PaymentMethod] ?? payment.method)
            : '',
          reference: payment.reference ?? '',
        })),
      });
    }
    return { data, text: lines.join('\n'), summary, parts };
  },
});
