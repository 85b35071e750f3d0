import { z } from 'zod';
import { stkPush } from '../../connectors/mpesa/actions.ts';
import { AppError } from '../../core/errors.ts';
import { formatMoney, parseAmount } from '../../core/money.ts';
import { resolveCustomer } from '../../records/customers.ts';
import { findConnections, loadConnection } from '../../sync/connections.ts';
import { buildRuntime } from '../../sync/runtime.ts';
import { defineTool, type ToolContext } from '../define.ts';

const input = z.object({
  customer: z.string().trim().min(1).max(200).describe('Name or phone of the customer to ask'),
  amount: z.union([z.string().trim().min(1).max(40), z.number().positive()]).describe('e.g. 1500, "1.5k"'),
  invoice_number: z
    .string()
    .trim()
    .min(1)
    .max(12)
    .optional()
    .describe('Shown to the customer as the account'),
});

async function plan({ deps, context }: ToolContext, values: z.output<typeof input>) {
  const connection = (await findConnections(deps, context.tenant.id)).find(
    (row) => row.connector === 'mpesa_daraja',
  );
  if (!connection)
    throw new AppError(
      'unprocessable',
      'M-Pesa (Daraja) is not connected; connect it first ("connect M-Pesa")',
    );
  const loaded = await loadConnection(deps, context.tenant.id, connection.id);
  const customer = await resolveCustomer(deps, context, { customer: values.customer });
  if (!customer.phone)
    throw new AppError('unprocessable', `${customer.name} has no phone number to send the prompt to`);
  const amount = parseAmount(values.amount, 'KES');
  if (amount % 100 !== 0) throw new AppError('bad_request', 'M-Pesa takes whole shillings only');
  return { loaded, customer, phone: customer.phone, amount };
}

export const requestPaymentTool = defineTool({
  name: 'request_payment',
  title: 'Ask a customer to pay by M-Pesa',
  description:
    "Sends an M-Pesa payment prompt (STK push) to a customer's phone for an amount in KES, with the invoice number as the account. The customer confirms with their PIN; the payment is then recorded by itself and applied to their open invoices. Needs M-Pesa (Daraja) connected and the owner's confirmation.",
  scope: 'write',
  confirm: true,
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false },
  input,
  async preview(tool, values) {
    const { customer, phone, amount } = await plan(tool, values);
    return {
      summary: `Send an M-Pesa prompt for ${formatMoney(amount, 'KES')} to ${customer.name} (${phone})${values.invoice_number ? ` for ${values.invoice_number}` : ''}`,
      details: {
        customer: { id: customer.id, name: customer.name },
        phone,
        amount,
        invoice_number: values.invoice_number ?? null,
      },
    };
  },
  async run(tool, values) {
    const { loaded, customer, phone, amount } = await plan(tool, values);
    const runtime = await buildRuntime(tool.deps, tool.context.tenant, loaded);
    const sent = await stkPush(runtime as Parameters<typeof stkPush>[0], {
      phone,
      amount,
      accountReference: values.invoice_number ?? 'Kiungo',
      description: 'Payment',
    });
    return {
      data: {
        checkout_request_id: sent.checkoutRequestId,
        customer: { id: customer.id, name: customer.name },
        amount,
      },
      text: `Sent an M-Pesa prompt for ${formatMoney(amount, 'KES')} to ${customer.name}. When they enter their PIN, the payment is recorded by itself.`,
    };
  },
});
