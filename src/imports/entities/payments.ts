import { payments } from '../../../db/schema/index.ts';
import { type EntityWriter, money, text } from './writer.ts';

const methodWords: [RegExp, string][] = [
  [/m-?\s?pesa|mpesa/i, 'mpesa'],
  [/airtel/i, 'airtel_money'],
  [/tigo|mixx/i, 'tigo_pesa'],
  [/halo/i, 'halopesa'],
  [/cash|taslimu|keshi/i, 'cash'],
  [/card|kadi|visa|master/i, 'card'],
  [/bank|benki|transfer|eft/i, 'bank'],
  [/cheque|check/i, 'cheque'],
];

export function paymentMethod(value: unknown): string | null {
  const word = text(value);
  if (!word) return null;
  return methodWords.find(([pattern]) => pattern.test(word))?.[1] ?? 'other';
}

export const paymentWriter: EntityWriter = {
  entity: 'payments',
  table: payments,
  tableName: 'payments',
  keys: [{ field: 'reference', column: 'reference' }],
  createdEvent: 'payment.received',
  toRow(record, context) {
    const amount = money(record.amount);
    return {
      reference: text(record.reference),
      customerId: context.customerId(record.phone) ?? context.customerId(record.payer_name),
      payerName: text(record.payer_name),
      phone: text(record.phone),
      amount: amount?.minor ?? 0,
      currency: text(record.currency) ?? amount?.currency ?? context.currency,
      paidAt: new Date(String(record.paid_at)),
      method:
        paymentMethod(record.method) ??
        (record.reference && /^[A-Z0-9]{10}$/.test(String(record.reference)) ? 'mpesa' : null),
      invoiceNumber: text(record.invoice_number),
    };
  },
};
