/**
 * Domain events go into the outbox in the same transaction as the change they describe, so an event
 * exists exactly when its change was committed. Webhooks, reminders and briefings read from here.
 */
import type { Orm } from '../../db/database.ts';
import { events } from '../../db/schema/index.ts';

export const eventTypes = [
  'invoice.created',
  'payment.received',
  'customer.updated',
  'stock.changed',
  'product.created',
  'order.completed',
  'debt.overdue',
  'sync.completed',
  'lead.created',
] as const;

export type EventType = (typeof eventTypes)[number];

export async function emitEvent(
  executor: Orm,
  tenantId: string,
  type: EventType,
  payload: Record<string, unknown>,
): Promise<number> {
  const [row] = await executor
    .insert(events)
    .values({ tenantId, type, payload })
    .returning({ id: events.id });
  return row?.id ?? 0;
}
