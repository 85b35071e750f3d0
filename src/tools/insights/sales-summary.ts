import { z } from 'zod';
import { AppError } from '../../core/errors.ts';
import { formatMoney, moneyView } from '../../core/money.ts';
import { dateInZone, formatDate } from '../../core/time.ts';
import { salesSummary } from '../../insights/sales.ts';
import { resolveCustomer } from '../../records/customers.ts';
import { type PaymentMethod, paymentMethodLabels } from '../../records/payments.ts';
import { defineTool } from '../define.ts';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'use YYYY-MM-DD');

export const salesSummaryTool = defineTool({
  name: 'sales_summary',
  title: 'Sales summary',
  description:
    'Sales (invoices issued) and money received (payments, by method: M-Pesa, cash, card…) for a period of calendar days in the business’s time zone, for the whole business or one customer. Use for "sales this month", "mauzo ya leo", "how much did Mama Joyce pay this month?". Dates are inclusive; default: this month so far.',
  scope: 'read',
  confirm: false,
  annotations: { readOnlyHint: true, idempotentHint: true },
  input: z.object({
    from: isoDate.optional().describe('First day, YYYY-MM-DD'),
    to: isoDate.optional().describe('Last day, YYYY-MM-DD (inclusive)'),
    customer: z
      .string()
      .trim()
      .min(1)
      .max(200)
      .optional()
      .describe('Only this customer (name, phone or email)'),
    customer_id: z.string().optional(),
  }),
  async run({ deps, context }, input) {
    const today = dateInZone(deps.clock.now(), context.tenant.timezone);
    const from = input.from ?? `${today.slice(0, 8)}01`;
    const to = input.to ?? today;
    if (from > to) throw new AppError('bad_request', '`from` is after `to`');
    if (Date.parse(to) - Date.parse(from) > 3660 * 86_400_000)
      throw new AppError('bad_request', 'The period is longer than ten years');
    const customer =
      input.customer || input.customer_id
        ? await resolveCustomer(deps, context, { customer: input.customer, customerId: input.customer_id })
        : null;
    const summary = await salesSummary(deps, context, { from, to }, customer?.id);
    const zone = context.tenant.timezone;
    const label =
      from === to
        ? formatDate(from, zone)
        : `${formatDate(from, zone)} – ${formatDate(to > today ? today : to, zone)}`;
    const who = customer ? `${customer.name}: ` : '';
    const lines = [`${who}${label}`];
    if (!customer) {
      lines.push(
        summary.sales.length === 0
          ? 'Sales: none'
          : `Sales: ${summary.sales.map((sale) => `${formatMoney(sale.total, sale.currency)} in ${plural(sale.invoices, 'invoice')}`).join('; ')}`,
      );
    }
    lines.push(
      summary.received.length === 0
        ? `${customer ? 'Paid' : 'Received'}: nothing`
        : `${customer ? 'Paid' : 'Received'}: ${summary.received
            .map(
              (entry) =>
                `${formatMoney(entry.total, entry.currency)} in ${plural(entry.payments, 'payment')} (${entry.byMethod
                  .map(
                    (method) =>
                      `${paymentMethodLabels[method.method as PaymentMethod] ?? method.method} ${formatMoney(method.total, entry.currency)}`,
                  )
                  .join(', ')})`,
            )
            .join('; ')}`,
    );
    return {
      data: {
        from,
        to,
        customer: customer ? { id: customer.id, name: customer.name } : null,
        sales: summary.sales.map((sale) => ({
          total: moneyView(sale.total, sale.currency),
          invoices: sale.invoices,
        })),
        received: summary.received.map((entry) => ({
          total: moneyView(entry.total, entry.currency),
          payments: entry.payments,
          by_method: entry.byMethod.map((method) => ({
            method: method.method,
            total: moneyView(method.total, entry.currency),
            payments: method.payments,
          })),
        })),
      },
      text: lines.join('\n'),
    };
  },
});

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
