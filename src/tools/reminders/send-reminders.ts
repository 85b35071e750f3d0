import { z } from 'zod';
import { AppError } from '../../core/errors.ts';
import { formatMoney, moneyView } from '../../core/money.ts';
import { totalsOf } from '../../reminders/compose.ts';
import {
  type PlannedReminder,
  planReminders,
  queueReminders,
  type ReminderInput,
  type SkippedInvoice,
} from '../../reminders/reminders.ts';
import { defineTool } from '../define.ts';

const input = z.object({
  invoice_ids: z
    .array(z.string().trim().min(1).max(100))
    .min(1)
    .max(500)
    .optional()
    .describe('Only these invoices (ids or invoice numbers); every overdue invoice when absent'),
  customer: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .optional()
    .describe("Only this customer's invoices: name, phone or email"),
  days_overdue_min: z
    .number()
    .int()
    .min(0)
    .max(3650)
    .optional()
    .describe('Only invoices at least this many days past due; default the reminder rule’s (3)'),
});

type Input = z.output<typeof input>;

/** How many customers a reply names before it says "and N more". */
const namedCustomers = 10;

function toReminderInput(values: Input): ReminderInput {
  return {
    invoiceIds: values.invoice_ids,
    customer: values.customer,
    daysOverdueMin: values.days_overdue_min,
  };
}

function amountsText(totals: readonly { currency: string; amount: number }[]): string {
  return totals.map((total) => formatMoney(total.amount, total.currency)).join(' + ');
}

function allTotals(reminders: readonly PlannedReminder[]) {
  return totalsOf(reminders.flatMap((reminder) => reminder.invoices));
}

function whoText(reminders: readonly PlannedReminder[]): string {
  const named = reminders
    .slice(0, namedCustomers)
    .map(
      (reminder) =>
        `${reminder.name} (${amountsText(reminder.totals)}, ${reminder.invoices.map((invoice) => invoice.number).join(', ')})`,
    );
  const more = reminders.length - named.length;
  return `${named.join('; ')}${more > 0 ? `; and ${more} more` : ''}`;
}

/** "3 invoices left out: 2 because the customer has no phone number, 1 because …". */
function skippedText(skipped: readonly SkippedInvoice[]): string {
  if (skipped.length === 0) return '';
  const reasons = new Map<string, number>();
  for (const item of skipped) {
    const reason = item.reason.startsWith('it was already reminded on')
      ? 'it was reminded recently'
      : item.reason.startsWith('it is only')
        ? 'it is not overdue long enough'
        : item.reason;
    reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
  }
  const parts = [...reasons].map(([reason, count]) => `${count} because ${reason}`);
  return ` ${skipped.length} invoice${skipped.length === 1 ? '' : 's'} left out: ${parts.join(', ')}.`;
}

const waitingNote =
  'They wait in the outbox and go out on WhatsApp once the WhatsApp channel is connected; nothing has been delivered yet.';

export const sendRemindersTool = defineTool({
  name: 'send_reminders',
  title: 'WhatsApp payment reminders',
  description:
    'Queues WhatsApp payment reminders to customers with overdue invoices: one message per customer naming their overdue invoices and the amount due, in Swahili and English, only to customers who have a phone number and have not opted out, at most once per invoice per reminder interval (the reminder rule’s interval_days, 7). Use for "remind everyone who owes me", "send reminders for overdue invoices", "mkumbushe Hassan kulipa". Filters: invoice_ids (ids or numbers), customer, days_overdue_min (default the rule’s days_after_due, 3). This is a write: it returns a pending action listing who gets what, which the owner must confirm. The reminders are queued until the WhatsApp channel is connected: never tell the owner they were delivered.',
  scope: 'write',
  confirm: true,
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true },
  input,
  async preview({ deps, context }, values) {
    const plan = await planReminders(deps, context, toReminderInput(values));
    if (plan.reminders.length === 0) {
      const why =
        plan.skipped.length > 0
          ? skippedText(plan.skipped)
          : ` No ${values.customer ? `invoice of ${values.customer}` : 'invoice'} is ${plan.daysOverdueMin} or more days past due.`;
      throw new AppError('unprocessable', `There are no reminders to queue.${why}`, {
        details: { skipped: plan.skipped, days_overdue_min: plan.daysOverdueMin },
      });
    }
    const invoices = plan.reminders.reduce((sum, reminder) => sum + reminder.invoices.length, 0);
    const count = plan.reminders.length;
    return {
      summary: `Queue ${count} WhatsApp reminder${count === 1 ? '' : 's'} for ${invoices} overdue invoice${invoices === 1 ? '' : 's'} (${amountsText(allTotals(plan.reminders))}) to: ${whoText(plan.reminders)}.${skippedText(plan.skipped)} ${waitingNote}`,
      details: {
        channel: 'whatsapp',
        as_of: plan.asOf,
        days_overdue_min: plan.daysOverdueMin,
        reminders: plan.reminders.map((reminder) => ({
          customer: { id: reminder.customerId, name: reminder.name },
          phone: reminder.address,
          invoices: reminder.invoices.map((invoice) => ({
            id: invoice.id,
            number: invoice.number,
            days_overdue: invoice.daysOverdue,
            balance: moneyView(invoice.balance, invoice.currency),
          })),
          amounts: reminder.totals.map((total) => moneyView(total.amount, total.currency)),
          language: reminder.language,
          text: reminder.body,
        })),
        skipped: plan.skipped,
      },
    };
  },
  async run({ deps, context }, values) {
    const result = await queueReminders(deps, context, toReminderInput(values));
    const data = {
      status: 'queued' as const,
      channel: 'whatsapp',
      queued: result.queued,
      messages: result.messages.map((message) => ({
        message_id: message.messageId,
        customer: { id: message.customerId, name: message.name },
        phone: message.address,
        invoice_ids: message.invoiceIds,
        amounts: message.totals.map((total) => moneyView(total.amount, total.currency)),
      })),
      skipped: result.skipped,
    };
    if (result.queued === 0)
      return {
        data,
        text: `No new reminders were queued.${skippedText(result.skipped)}`,
      };
    const invoices = result.messages.reduce((sum, message) => sum + message.invoiceIds.length, 0);
    const totals = result.messages.flatMap((message) => message.totals);
    const merged = new Map<string, number>();
    for (const total of totals) merged.set(total.currency, (merged.get(total.currency) ?? 0) + total.amount);
    const names = result.messages.slice(0, namedCustomers).map((message) => message.name);
    const more = result.messages.length - names.length;
    return {
      data,
      text: `Queued ${result.queued} WhatsApp reminder${result.queued === 1 ? '' : 's'} for ${invoices} overdue invoice${invoices === 1 ? '' : 's'} (${amountsText([...merged].map(([currency, amount]) => ({ currency, amount })))}) to ${names.join(', ')}${more > 0 ? ` and ${more} more` : ''}. ${waitingNote}`,
    };
  },
});
