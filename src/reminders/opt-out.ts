/**
 * Customers who reply "stop" / "acha" get no more reminders. The messaging channels call
 * `isOptOutMessage` on every inbound message from a customer and `recordOptOut` when it says so;
 * planning reads `contact_opt_outs` and leaves such customers out.
 */
import { and, eq, isNull } from 'drizzle-orm';
import { contactOptOuts, customers, outboundMessages, tenants } from '../../db/schema/index.ts';
import type { Deps } from '../core/context.ts';
import { toE164 } from '../core/phone.ts';

/** Whole messages (trimmed, any case, trailing "." or "!" allowed) that mean "no more messages". */
export const optOutWords = ['stop', 'acha', 'sitaki', 'unsubscribe'] as const;

export function isOptOutMessage(text: string): boolean {
  const word = text
    .trim()
    .toLowerCase()
    .replace(/[.!]+$/, '');
  return (optOutWords as readonly string[]).includes(word);
}

export interface OptOutResult {
  /** The address as stored: E.164 when it is a phone number of the business's region. */
  address: string;
  customerId: string | null;
  /** Whether this address had opted out before. */
  already: boolean;
  /** Reminders to this address that were still queued and are now cancelled. */
  cancelled: number;
}

/**
 * Records that an address (a phone number in any local format, or a chat address) wants no more
 * messages, links it to the customer with that phone, and cancels reminders to it that are still
 * waiting. Safe to call again: the first reason is kept.
 */
export async function recordOptOut(
  deps: Deps,
  tenantId: string,
  address: string,
  reason: string,
): Promise<OptOutResult> {
  const [tenant] = await deps.db.orm
    .select({ region: tenants.region })
    .from(tenants)
    .where(eq(tenants.id, tenantId));
  const normalised = toE164(address, tenant?.region ?? 'TZ') ?? address.trim();
  return deps.db.orm.transaction(async (tx) => {
    const [customer] = await tx
      .select({ id: customers.id })
      .from(customers)
      .where(
        and(eq(customers.tenantId, tenantId), eq(customers.phone, normalised), isNull(customers.mergedInto)),
      )
      .limit(1);
    const inserted = await tx
      .insert(contactOptOuts)
      .values({ tenantId, address: normalised, customerId: customer?.id ?? null, reason })
      .onConflictDoNothing({ target: [contactOptOuts.tenantId, contactOptOuts.address] })
      .returning({ address: contactOptOuts.address });
    const cancelled = await tx
      .update(outboundMessages)
      .set({ status: 'cancelled', reason: 'the customer opted out' })
      .where(
        and(
          eq(outboundMessages.tenantId, tenantId),
          eq(outboundMessages.address, normalised),
          eq(outboundMessages.kind, 'reminder'),
          eq(outboundMessages.status, 'queued'),
        ),
      )
      .returning({ id: outboundMessages.id });
    return {
      address: normalised,
      customerId: customer?.id ?? null,
      already: inserted.length === 0,
      cancelled: cancelled.length,
    };
  });
}
