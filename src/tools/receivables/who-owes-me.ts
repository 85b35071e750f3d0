import { z } from 'zod';
import type { ReplyPart } from '../../agent/reply-parts.ts';
import { formatMoney, moneyView } from '../../core/money.ts';
import { formatDate } from '../../core/time.ts';
import { type ReceivablesReport, receivables } from '../../insights/receivables.ts';
import { defineTool } from '../define.ts';
import { decodeCursor, encodeCursor, textTable } from '../render.ts';

const bucketLabels = {
  current: 'current',
  '1_30': '1–30 days',
  '31_60': '31–60 days',
  '61_90': '61–90 days',
  '90_plus': '90+ days',
} as const;

export const whoOwesMe = defineTool({
  name: 'who_owes_me',
  title: 'Who owes me',
  description:
    'Customers with an open balance (debts, "madeni"), most important to collect first: amount past due, days overdue, ageing bucket (current, 1–30, 31–60, 61–90, 90+), last payment and phone, with totals per currency. Use for "who owes me?", "nani ananidai?", overdue invoices and debt follow-up. Paginated: pass next_cursor to see more.',
  scope: 'read',
  confirm: false,
  annotations: { readOnlyHint: true, idempotentHint: true },
  input: z.object({
    only_overdue: z.boolean().default(false).describe('Only customers with something past due'),
    min_days_overdue: z
      .number()
      .int()
      .min(0)
      .max(3650)
      .optional()
      .describe('Only customers at least this many days overdue'),
    currency: z
      .string()
      .regex(/^[A-Za-z]{3}$/)
      .transform((value) => value.toUpperCase())
      .optional(),
    limit: z.number().int().min(1).max(100).default(20),
    cursor: z.string().max(200).optional().describe('next_cursor from a previous call'),
  }),
  async run({ deps, context }, input) {
    const offset = decodeCursor(input.cursor);
    const report = await receivables(deps, context, {
      onlyOverdue: input.only_overdue,
      minDaysOverdue: input.min_days_overdue,
      currency: input.currency,
      limit: input.limit,
      offset,
    });
    const nextOffset = offset + report.rows.length;
    const data = {
      as_of: report.asOf,
      timezone: context.tenant.timezone,
      customers: report.rows.map((row) => ({
        customer_id: row.customerId,
        name: row.name,
        phone: row.phone,
        balance: moneyView(row.balance, row.currency),
        overdue: moneyView(row.overdue, row.currency),
        currency: row.currency,
        open_invoices: row.openInvoices,
        days_overdue: row.daysOverdue,
        ageing_bucket: row.bucket,
        ageing: Object.fromEntries(
          Object.entries(row.buckets).map(([bucket, minor]) => [bucket, moneyView(minor, row.currency)]),
        ),
        oldest_due_date: row.oldestDueDate,
        last_payment: row.lastPayment
          ? {
              paid_at: row.lastPayment.paidAt,
              amount: moneyView(row.lastPayment.amount, row.lastPayment.currency),
              method: row.lastPayment.method,
            }
          : null,
      })),
      totals: report.totals.map((total) => ({
        currency: total.currency,
        balance: moneyView(total.balance, total.currency),
        overdue: moneyView(total.overdue, total.currency),
        customers: total.customers,
        open_invoices: total.openInvoices,
        ageing: Object.fromEntries(
          Object.entries(total.buckets).map(([bucket, minor]) => [bucket, moneyView(minor, total.currency)]),
        ),
      })),
      total_customers: report.count,
      next_cursor: nextOffset < report.count ? encodeCursor(nextOffset) : null,
    };
    const text = renderReceivables(report, context.tenant.timezone, nextOffset);
    return {
      data,
      text,
      summary: text.split('\n\n')[0] ?? '',
      parts:
        report.count === 0
          ? []
          : [receivablesTable(report, context.tenant.timezone, nextOffset), ...ageingCharts(report)],
    };
  },
});

function receivablesTable(report: ReceivablesReport, timeZone: string, shown: number): ReplyPart {
  return {
    type: 'table',
    title: 'Who owes you',
    columns: [
      { key: 'name', label: 'Customer' },
      { key: 'owes', label: 'Owes', align: 'right' },
      { key: 'overdue', label: 'Overdue', align: 'right' },
      { key: 'days', label: 'Days late', align: 'right' },
      { key: 'lastPaid', label: 'Last paid' },
      { key: 'phone', label: 'Phone' },
    ],
    rows: report.rows.map((row) => ({
      name: row.name,
      owes: formatMoney(row.balance, row.currency),
      overdue: formatMoney(row.overdue, row.currency),
      days: String(row.daysOverdue),
      lastPaid: row.lastPayment ? formatDate(new Date(row.lastPayment.paidAt), timeZone) : 'never',
      phone: row.phone ?? '—',
    })),
    ...(shown < report.count ? { caption: `showing ${shown} of ${report.count}` } : {}),
  };
}

/** How old the debt is, one chart per currency. */
function ageingCharts(report: ReceivablesReport): ReplyPart[] {
  return report.totals.map((total) => ({
    type: 'chart',
    title: `Debt by age (${total.currency})`,
    bars: (Object.keys(bucketLabels) as (keyof typeof bucketLabels)[]).map((bucket) => ({
      label: bucketLabels[bucket],
      value: total.buckets[bucket],
      display: formatMoney(total.buckets[bucket], total.currency),
    })),
  }));
}

function renderReceivables(report: ReceivablesReport, timeZone: string, shown: number): string {
  if (report.count === 0) return 'Nobody owes you anything right now.';
  const totals = report.totals
    .map(
      (total) =>
        `${formatMoney(total.balance, total.currency)} owed by ${total.customers} customers (${formatMoney(total.overdue, total.currency)} overdue)`,
    )
    .join('; ');
  const table = textTable(
    ['Customer', 'Owes', 'Overdue', 'Days', 'Age', 'Last paid', 'Phone'],
    report.rows.map((row) => [
      row.name,
      formatMoney(row.balance, row.currency),
      formatMoney(row.overdue, row.currency),
      String(row.daysOverdue),
      bucketLabels[row.bucket],
      row.lastPayment ? formatDate(new Date(row.lastPayment.paidAt), timeZone) : 'never',
      row.phone ?? '—',
    ]),
    [1, 2, 3],
  );
  const more = shown < report.count ? `\nShowing ${shown} of ${report.count}.` : '';
  return `${totals}\n\n${table}${more}`;
}
