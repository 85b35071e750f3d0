/**
 * The messaging port: how messages in the outbox (`outbound_messages`) reach people. Reminders and
 * other messages are only ever *queued* by the code that decides to send them; a port, implemented by
 * a channel (WhatsApp Cloud API with templates outside the 24-hour window, SMS), delivers them.
 *
 * Today no channel implements the port (the WhatsApp and SMS channels come with the channels work),
 * so `deliverQueued` is called without one and every message stays `queued`: visible in the outbox,
 * counted (`reminderOutbox`), and never reported as sent. When a port is configured, each run takes
 * up to `limit` queued messages on the port's channels, oldest first, and records what the port said.
 *
 * Delivery is at most once: a message is claimed (`queued` → `sending`) before the port is called,
 * so two workers never send the same one, and a process that dies mid-send leaves it `sending`
 * rather than sending it again. Reminders are only delivered within the business's hours (the
 * reminder rule's `business_hours`, in its time zone); outside them they wait for the next run.
 */
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { toInt } from '../../db/database.ts';
import { outboundMessages, rules, tenants } from '../../db/schema/index.ts';
import type { Deps } from '../core/context.ts';
import type { BusinessHours } from '../rules/catalogue.ts';
import { parseRuleParams } from '../rules/store.ts';
import { withinBusinessHours } from './business-hours.ts';
import { reminderKind } from './reminders.ts';

export type MessagingChannel = 'whatsapp' | 'sms' | 'telegram' | 'web';

export type OutboundMessageRow = typeof outboundMessages.$inferSelect;

export interface SendResult {
  status: 'sent' | 'failed';
  /** Why it failed, in plain words (shown to the owner). */
  reason?: string;
  /** The provider's message id (WhatsApp `wamid…`, SMS message id), kept for delivery receipts. */
  providerId?: string;
}

/**
 * Implemented by a channel that can deliver business-initiated messages.
 *
 * @example
 *   const whatsapp: MessagingPort = {
 *     channels: ['whatsapp'],
 *     async send(message) {
 *       // A template when the customer has not written in 24 hours, else message.body.
 *       const id = await cloudApi.sendTemplate(message.address, message.template, message.data);
 *       return { status: 'sent', providerId: id };
 *     },
 *   };
 */
export interface MessagingPort {
  send(message: OutboundMessageRow): Promise<SendResult>;
  /** The outbox channels this port delivers. */
  channels: readonly MessagingChannel[];
}

export interface DeliveryReport {
  sent: number;
  failed: number;
  /** Reminders left queued because it is outside the business's hours. */
  deferred: number;
  /** Messages still queued after this run (all channels), e.g. because no port delivers them yet. */
  waiting: number;
}

/** Sends queued messages through the port, when there is one; without a port nothing changes. */
export async function deliverQueued(
  deps: Deps,
  port: MessagingPort | undefined,
  options: { limit: number; tenantId?: string },
): Promise<DeliveryReport> {
  const report: DeliveryReport = { sent: 0, failed: 0, deferred: 0, waiting: 0 };
  if (port && port.channels.length > 0) {
    const rows = await deps.db.orm
      .select({ id: outboundMessages.id, tenantId: outboundMessages.tenantId, kind: outboundMessages.kind })
      .from(outboundMessages)
      .where(
        and(
          eq(outboundMessages.status, 'queued'),
          inArray(outboundMessages.channel, [...port.channels]),
          options.tenantId ? eq(outboundMessages.tenantId, options.tenantId) : undefined,
        ),
      )
      .orderBy(asc(outboundMessages.createdAt))
      .limit(options.limit);
    const open = await openNow(
      deps,
      rows.filter((row) => row.kind === reminderKind).map((row) => row.tenantId),
    );
    for (const row of rows) {
      if (row.kind === reminderKind && !open.has(row.tenantId)) {
        report.deferred += 1;
        continue;
      }
      const outcome = await deliverOne(deps, port, row.id);
      if (outcome) report[outcome] += 1;
    }
  }
  const [waiting] = await deps.db.rows<{ count: unknown }>(sql`
    select count(*) as count from outbound_messages
    where status = 'queued' ${options.tenantId ? sql`and tenant_id = ${options.tenantId}` : sql``}`);
  report.waiting = toInt(waiting?.count);
  return report;
}

/** Claims one message, sends it and records the result; null when another worker took it first. */
async function deliverOne(deps: Deps, port: MessagingPort, id: string): Promise<'sent' | 'failed' | null> {
  const [message] = await deps.db.orm
    .update(outboundMessages)
    .set({ status: 'sending' })
    .where(and(eq(outboundMessages.id, id), eq(outboundMessages.status, 'queued')))
    .returning();
  if (!message) return null;
  let result: SendResult;
  try {
    result = await port.send(message);
  } catch (error) {
    // The port could not say whether it went out; recorded as failed (never retried on its own, so a
    // customer is not messaged twice), with the reason for the owner.
    deps.logger.warn('message delivery failed', { messageId: id, error: String(error) });
    result = { status: 'failed', reason: error instanceof Error ? error.message : String(error) };
  }
  await deps.db.orm
    .update(outboundMessages)
    .set({
      status: result.status,
      reason: result.reason ?? null,
      sentAt: result.status === 'sent' ? deps.clock.now() : null,
      ...(result.providerId
        ? {
            data: sql`coalesce(${outboundMessages.data}, '{}'::jsonb) || ${JSON.stringify({ providerId: result.providerId })}::jsonb`,
          }
        : {}),
    })
    .where(eq(outboundMessages.id, id));
  return result.status;
}

/** Which of these businesses are within their reminder hours right now. */
async function openNow(deps: Deps, tenantIds: string[]): Promise<Set<string>> {
  const unique = [...new Set(tenantIds)];
  if (unique.length === 0) return new Set();
  const rows = await deps.db.orm
    .select({ id: tenants.id, timezone: tenants.timezone, params: rules.params })
    .from(tenants)
    .leftJoin(rules, and(eq(rules.tenantId, tenants.id), eq(rules.key, 'whatsapp_reminders_unpaid')))
    .where(inArray(tenants.id, unique));
  const now = deps.clock.now();
  const open = new Set<string>();
  for (const row of rows) {
    const hours: BusinessHours = parseRuleParams('whatsapp_reminders_unpaid', row.params).business_hours;
    if (withinBusinessHours(now, row.timezone, hours)) open.add(row.id);
  }
  return open;
}
