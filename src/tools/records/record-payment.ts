import { z } from 'zod';
import type { TenantContext } from '../../core/context.ts';
import { AppError } from '../../core/errors.ts';
import { formatMoney, moneyView, parseAmount } from '../../core/money.ts';
import type { Clock } from '../../core/time.ts';
import { resolveCustomer } from '../../records/customers.ts';
import {
  type NewPayment,
  paymentMethodLabels,
  paymentMethods,
  previewPayment,
  recordPayment,
} from '../../records/payments.ts';
import { defineTool, type ToolContext } from '../define.ts';

const input = z
  .object({
    customer_id: z.string().optional(),
    customer: z.string().trim().min(1).max(200).optional().describe('Name, phone or email of the payer'),
    amount: z
      .union([z.string().trim().min(1).max(40), z.number().positive()])
      .describe('e.g. 50000, "50k", "2.4M", "1,200.50"'),
    currency: z
      .string()
      .regex(/^[A-Za-z]{3}$/)
      .transform((value) => value.toUpperCase())
      .optional(),
    method: z.enum(paymentMethods).default('cash'),
    reference: z
      .string()
      .trim()
      .min(1)
      .max(100)
      .optional()
      .describe('M-Pesa code, receipt or bank reference'),
    paid_at: z.iso.datetime({ offset: true }).optional().describe('When it was paid; default now'),
    invoice_number: z
      .string()
      .trim()
      .min(1)
      .max(100)
      .optional()
      .describe('The invoice the payer named, paid first'),
  })
  .refine((value) => value.customer_id || value.customer, 'give customer_id or customer');

type Input = z.output<typeof input>;

async function toNewPayment({ deps, context }: ToolContext, values: Input): Promise<NewPayment> {
  const customer = await resolveCustomer(deps, context, {
    customerId: values.customer_id,
    customer: values.customer,
  });
  const currency = values.currency ?? context.tenant.currency;
  const amount = parseAmount(values.amount, currency);
  if (amount <= 0) throw new AppError('bad_request', 'The amount must be more than zero');
  return {
    customer,
    amount,
    currency,
    method: values.method,
    reference: values.reference,
    paidAt: paidAtOf(values.paid_at, deps.clock),
    invoiceNumber: values.invoice_number,
  };
}

function paidAtOf(paidAt: string | undefined, clock: Clock): Date {
  const now = clock.now();
  if (!paidAt) return now;
  const date = new Date(paidAt);
  if (date.getTime() > now.getTime() + 5 * 60_000)
    throw new AppError('bad_request', 'paid_at is in the future');
  return date;
}

function describe(context: TenantContext, payment: NewPayment): string {
  return `Record ${formatMoney(payment.amount, payment.currency)} from ${payment.customer.name} by ${paymentMethodLabels[payment.method]}${payment.reference ? ` (ref ${payment.reference})` : ''} for ${context.tenant.name}`;
}

export const recordPaymentTool = defineTool({
  name: 'record_payment',
  title: 'Record a payment',
  description:
    'Records money received from a customer (M-Pesa, cash, card, bank…) and applies it to their oldest open invoices. This is a write: it returns a pending action that the owner must confirm before anything is recorded. Never say the payment was recorded until a confirmed result says so.',
  scope: 'write',
  confirm: true,
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false },
  input,
  async preview(tool, values) {
    const payment = await toNewPayment(tool, values);
    const { allocations, unallocated } = await previewPayment(tool.deps, tool.context, payment);
    const spread = allocations.map(
      (allocation) =>
        `${allocation.number}: ${formatMoney(allocation.amount, payment.currency)}${allocation.balanceAfter === 0 ? ' (paid in full)' : ''}`,
    );
    const credit = unallocated > 0 ? [`${formatMoney(unallocated, payment.currency)} stays as credit`] : [];
    return {
      summary: `${describe(tool.context, payment)}.${spread.length + credit.length > 0 ? ` Applies to ${[...spread, ...credit].join('; ')}.` : ''}`,
      details: {
        customer: { id: payment.customer.id, name: payment.customer.name },
        amount: moneyView(payment.amount, payment.currency),
        method: payment.method,
        reference: payment.reference ?? null,
        paid_at: payment.paidAt.toISOString(),
        allocations: allocations.map((allocation) => ({
          number: allocation.number,
          amount: moneyView(allocation.amount, payment.currency),
        })),
        credit: moneyView(unallocated, payment.currency),
      },
    };
  },
  async run(tool, values) {
    const payment = await toNewPayment(tool, values);
    const recorded = await recordPayment(tool.deps, tool.context, payment);
    const applied = recorded.allocations.map(
      (allocation) => `${allocation.number} ${formatMoney(allocation.amount, payment.currency)}`,
    );
    return {
      data: {
        payment_id: recorded.paymentId,
        customer: { id: payment.customer.id, name: payment.customer.name },
        amount: moneyView(payment.amount, payment.currency),
        allocations: recorded.allocations.map((allocation) => ({
          invoice_id: allocation.invoiceId,
          number: allocation.number,
          amount: moneyView(allocation.amount, payment.currency),
          balance_after: moneyView(allocation.balanceAfter, payment.currency),
        })),
        credit: moneyView(recorded.unallocated, payment.currency),
      },
      text: `Recorded ${formatMoney(payment.amount, payment.currency)} from ${payment.customer.name}.${applied.length > 0 ? ` Applied to ${applied.join(', ')}.` : ''}${recorded.unallocated > 0 ? ` ${formatMoney(recorded.unallocated, payment.currency)} kept as credit.` : ''}`,
    };
  },
});
