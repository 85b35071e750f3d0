/**
 * Recording a payment received: the amount is allocated to the customer's oldest open invoices in
 * the same currency (the invoice the payer named first, when they named one); any remainder stays on
 * the payment as credit. The payment, the allocations, the invoice updates and the
 * `payment.received` event are written in one transaction, with the invoices locked, so two payments
 * recorded at once never allocate the same balance twice.
 */
import { and, asc, eq, gt, sql } from 'drizzle-orm';
import type { Orm } from '../../db/database.ts';
import { invoices, paymentAllocations, payments } from '../../db/schema/index.ts';
import type { Deps, TenantContext } from '../core/context.ts';
import { AppError } from '../core/errors.ts';
import { toE164 } from '../core/phone.ts';
import { emitEvent } from '../events/outbox.ts';
import type { FoundCustomer } from './search.ts';

export const paymentMethods = [
  'mpesa',
  'airtel_money',
  'tigo_pesa',
  'halopesa',
  'cash',
  'card',
  'bank',
  'cheque',
  'other',
] as const;
export type PaymentMethod = (typeof paymentMethods)[number];

export const paymentMethodLabels: Record<PaymentMethod, string> = {
  mpesa: 'M-Pesa',
  airtel_money: 'Airtel Money',
  tigo_pesa: 'Tigo Pesa',
  halopesa: 'HaloPesa',
  cash: 'cash',
  card: 'card',
  bank: 'bank transfer',
  cheque: 'cheque',
  other: 'other means',
};

export interface NewPayment {
  customer: FoundCustomer;
  amount: number;
  currency: string;
  method: PaymentMethod;
  reference?: string | undefined;
  paidAt: Date;
  invoiceNumber?: string | undefined;
}

export interface Allocation {
  invoiceId: string;
  number: string;
  amount: number;
  balanceBefore: number;
  balanceAfter: number;
}

export interface RecordedPayment {
  paymentId: string;
  allocations: Allocation[];
  unallocated: number;
}

interface OpenInvoice {
  id: string;
  number: string;
  balance: number;
}

/**
 * A customer's open invoices in one currency, oldest due first, the invoice the payer named (if any)
 * moved to the front; locked for update when the caller is about to allocate.
 */
export async function openInvoicesOf(
  executor: Orm,
  tenantId: string,
  query: { customerId: string; currency: string; invoiceNumber?: string | null | undefined },
  lock: boolean,
): Promise<OpenInvoice[]> {
  const base = executor
    .select({
      id: invoices.id,
      number: invoices.number,
      balance: sql<number>`${invoices.total} - ${invoices.amountPaid}`.mapWith(Number),
    })
    .from(invoices)
    .where(
      and(
        eq(invoices.tenantId, tenantId),
        eq(invoices.customerId, query.customerId),
        eq(invoices.currency, query.currency),
        eq(invoices.status, 'open'),
        gt(invoices.total, invoices.amountPaid),
      ),
    )
    .orderBy(
      sql`coalesce(${invoices.dueDate}, ${invoices.issueDate})`,
      asc(invoices.issueDate),
      asc(invoices.number),
    );
  const rows = lock ? await base.for('update') : await base;
  if (!query.invoiceNumber) return rows;
  const named = query.invoiceNumber.toLowerCase();
  return [
    ...rows.filter((row) => row.number.toLowerCase() === named),
    ...rows.filter((row) => row.number.toLowerCase() !== named),
  ];
}

function invoiceQuery(payment: NewPayment) {
  return {
    customerId: payment.customer.id,
    currency: payment.currency,
    invoiceNumber: payment.invoiceNumber,
  };
}

export function allocate(
  open: readonly OpenInvoice[],
  amount: number,
): { allocations: Allocation[]; unallocated: number } {
  let remaining = amount;
  const allocations: Allocation[] = [];
  for (const invoice of open) {
    if (remaining <= 0) break;
    const applied = Math.min(remaining, invoice.balance);
    allocations.push({
      invoiceId: invoice.id,
      number: invoice.number,
      amount: applied,
      balanceBefore: invoice.balance,
      balanceAfter: invoice.balance - applied,
    });
    remaining -= applied;
  }
  return { allocations, unallocated: remaining };
}

/** What recording this payment would do, without changing anything. */
export async function previewPayment(deps: Deps, context: TenantContext, payment: NewPayment) {
  await assertNewReference(deps.db.orm, context, payment.reference);
  return allocate(
    await openInvoicesOf(deps.db.orm, context.tenant.id, invoiceQuery(payment), false),
    payment.amount,
  );
}

async function assertNewReference(
  executor: Orm,
  context: TenantContext,
  reference: string | undefined,
): Promise<void> {
  if (!reference) return;
  const [existing] = await executor
    .select({ id: payments.id })
    .from(payments)
    .where(and(eq(payments.tenantId, context.tenant.id), eq(payments.reference, reference)))
    .limit(1);
  if (existing) throw new AppError('conflict', `A payment with reference ${reference} is already recorded`);
}

export async function recordPayment(
  deps: Deps,
  context: TenantContext,
  payment: NewPayment,
): Promise<RecordedPayment> {
  if (payment.amount <= 0) throw new AppError('bad_request', 'The amount must be more than zero');
  return deps.db.orm.transaction(async (tx) => {
    if (payment.reference) {
      // Serialise payments with the same reference so a retried confirmation cannot record it twice.
      await tx.execute(
        sql`select pg_advisory_xact_lock(hashtext(${`${context.tenant.id}:${payment.reference}`}))`,
      );
    }
    await assertNewReference(tx, context, payment.reference);
    const open = await openInvoicesOf(tx, context.tenant.id, invoiceQuery(payment), true);
    const { allocations, unallocated } = allocate(open, payment.amount);
    const [inserted] = await tx
      .insert(payments)
      .values({
        tenantId: context.tenant.id,
        reference: payment.reference ?? null,
        customerId: payment.customer.id,
        payerName: payment.customer.name,
        phone: toE164(payment.customer.phone, context.tenant.region),
        amount: payment.amount,
        currency: payment.currency,
        paidAt: payment.paidAt,
        method: payment.method,
        invoiceNumber: payment.invoiceNumber ?? null,
        sourceKind: 'manual',
      })
      .returning({ id: payments.id });
    if (!inserted) throw new AppError('internal', 'The payment was not saved');
    for (const allocation of allocations) {
      await tx.insert(paymentAllocations).values({
        tenantId: context.tenant.id,
        paymentId: inserted.id,
        invoiceId: allocation.invoiceId,
        amount: allocation.amount,
      });
      await tx
        .update(invoices)
        .set({
          amountPaid: sql`${invoices.amountPaid} + ${allocation.amount}`,
          status: allocation.balanceAfter === 0 ? 'paid' : 'open',
          updatedAt: new Date(),
          localChangedAt: new Date(),
        })
        .where(and(eq(invoices.id, allocation.invoiceId), eq(invoices.tenantId, context.tenant.id)));
    }
    await emitEvent(tx, context.tenant.id, 'payment.received', {
      payment_id: inserted.id,
      customer_id: payment.customer.id,
      customer_name: payment.customer.name,
      amount: payment.amount,
      currency: payment.currency,
      method: payment.method,
      reference: payment.reference ?? null,
      paid_at: payment.paidAt.toISOString(),
      allocations: allocations.map((allocation) => ({
        invoice_id: allocation.invoiceId,
        number: allocation.number,
        amount: allocation.amount,
      })),
      unallocated,
    });
    return { paymentId: inserted.id, allocations, unallocated };
  });
}
