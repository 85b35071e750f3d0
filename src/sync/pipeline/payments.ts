/**
 * Incoming payments (M-Pesa confirmations, POS payments): matched to a customer by phone, or by the
 * invoice or account number the payer typed, then allocated to that customer's open invoices (the
 * named one first) exactly as a payment recorded in chat is. A payment is immutable once recorded.
 */
import { and, eq, sql } from 'drizzle-orm';
import { customers, invoices, paymentAllocations, payments } from '../../../db/schema/index.ts';
import { toE164 } from '../../core/phone.ts';
import { emitEvent } from '../../events/outbox.ts';
import { allocate, openInvoicesOf } from '../../records/payments.ts';
import type { PaymentFields } from '../records.ts';
import { type Applied, type LinkRow, type PipelineScope, provenanceOf } from './scope.ts';

async function invoiceNamed(scope: PipelineScope, reference: string | null) {
  if (!reference) return undefined;
  const [row] = await scope.tx
    .select({ id: invoices.id, customerId: invoices.customerId })
    .from(invoices)
    .where(and(eq(invoices.tenantId, scope.tenant.id), sql`lower(${invoices.number}) = lower(${reference})`))
    .limit(1);
  return row;
}

async function customerByPhone(scope: PipelineScope, phone: string | null) {
  if (!phone) return null;
  const [row] = await scope.tx
    .select({ id: customers.id })
    .from(customers)
    .where(
      and(
        eq(customers.tenantId, scope.tenant.id),
        eq(customers.phone, phone),
        sql`${customers.mergedInto} is null`,
      ),
    )
    .limit(1);
  return row?.id ?? null;
}

export async function upsertPayment(
  scope: PipelineScope,
  externalId: string,
  fields: PaymentFields,
  changedAt: Date | null,
  link: LinkRow | undefined,
): Promise<Applied> {
  if (link?.recordId) return { recordId: link.recordId, outcome: 'unchanged' };
  const phone = toE164(fields.phone, scope.tenant.region);
  const reference = fields.invoice_number?.trim() || null;
  const named = await invoiceNamed(scope, reference);
  const customerId =
    (await customerByPhone(scope, phone)) ??
    named?.customerId ??
    (await customerByPhone(scope, toE164(reference, scope.tenant.region)));
  const [inserted] = await scope.tx
    .insert(payments)
    .values({
      tenantId: scope.tenant.id,
      reference: fields.reference ?? externalId,
      customerId,
      payerName: fields.payer_name ?? null,
      phone,
      amount: fields.amount,
      currency: fields.currency,
      paidAt: fields.paid_at,
      method: fields.method ?? null,
      invoiceNumber: reference,
      ...provenanceOf(scope, externalId, changedAt ?? fields.paid_at),
    })
    .onConflictDoNothing()
    .returning({ id: payments.id });
  if (!inserted) return { recordId: null, outcome: 'unchanged' };
  const warnings: string[] = [];
  let allocated: ReturnType<typeof allocate> = { allocations: [], unallocated: fields.amount };
  if (customerId) {
    allocated = allocate(
      await openInvoicesOf(
        scope.tx,
        scope.tenant.id,
        { customerId, currency: fields.currency, invoiceNumber: reference },
        true,
      ),
      fields.amount,
    );
    for (const allocation of allocated.allocations) {
      await scope.tx.insert(paymentAllocations).values({
        tenantId: scope.tenant.id,
        paymentId: inserted.id,
        invoiceId: allocation.invoiceId,
        amount: allocation.amount,
      });
      await scope.tx
        .update(invoices)
        .set({
          amountPaid: sql`${invoices.amountPaid} + ${allocation.amount}`,
          status: allocation.balanceAfter === 0 ? 'paid' : 'open',
          updatedAt: scope.now,
          localChangedAt: scope.now,
        })
        .where(and(eq(invoices.id, allocation.invoiceId), eq(invoices.tenantId, scope.tenant.id)));
    }
  } else {
    warnings.push(`Payment ${fields.reference ?? externalId} could not be matched to a customer`);
  }
  await emitEvent(scope.tx, scope.tenant.id, 'payment.received', {
    payment_id: inserted.id,
    customer_id: customerId,
    amount: fields.amount,
    currency: fields.currency,
    reference: fields.reference ?? externalId,
    allocations: allocated.allocations.map((allocation) => ({
      invoice: allocation.number,
      amount: allocation.amount,
    })),
    source: scope.connection.connector,
  });
  return { recordId: inserted.id, outcome: 'created', warnings };
}
