import { invoices } from '../../../db/schema/index.ts';
import { type EntityWriter, money, text } from './writer.ts';

export const invoiceWriter: EntityWriter = {
  entity: 'invoices',
  table: invoices,
  tableName: 'invoices',
  keys: [{ field: 'number', column: 'number', caseInsensitive: true }],
  createdEvent: 'invoice.created',
  toRow(record, context) {
    const total = money(record.total);
    const paid = money(record.amount_paid);
    const balance = money(record.balance);
    const totalMinor = total?.minor ?? 0;
    // Paid comes from "amount paid", or from total minus "balance due" when only that is given.
    const amountPaid = paid?.minor ?? (balance ? Math.max(0, totalMinor - balance.minor) : 0);
    const status = text(record.status)?.toLowerCase();
    return {
      number: text(record.number) ?? 'unnumbered',
      customerId: context.customerId(record.customer),
      issueDate: text(record.issue_date),
      dueDate: text(record.due_date),
      total: totalMinor,
      amountPaid: Math.min(amountPaid, totalMinor),
      currency: text(record.currency) ?? total?.currency ?? context.currency,
      status:
        status === 'void' || status === 'voided'
          ? 'void'
          : status === 'draft'
            ? 'draft'
            : amountPaid >= totalMinor
              ? 'paid'
              : 'open',
    };
  },
};
