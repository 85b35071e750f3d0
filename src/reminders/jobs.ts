/**
 * The hourly reminders job: marks newly overdue invoices (`debt.overdue`) in every business, queues
 * the reminders of businesses with the reminder rule on that are within their business hours, and
 * hands queued messages to the messaging port when one is configured. Every step is idempotent, so a
 * retried or doubled run changes nothing more.
 */
import { and, asc, eq } from 'drizzle-orm';
import { members, rules, tenants } from '../../db/schema/index.ts';
import type { Deps, TenantContext } from '../core/context.ts';
import { loadRuleParams, loadRules } from '../rules/store.ts';
import { type JobQueue, jobNames } from '../sync/queue.ts';
import { toTenantInfo } from '../tenancy/tenants.ts';
import { withinBusinessHours } from './business-hours.ts';
import { type DeliveryReport, deliverQueued, type MessagingPort } from './messaging.ts';
import { markOverdue } from './overdue.ts';
import { queueReminders } from './reminders.ts';

export const reminderJobName = jobNames.reminders;
/** Five past every hour, UTC: each business's own hours are checked inside the job. */
export const reminderJobCron = '5 * * * *';
/** Messages handed to the port per run. */
const deliveryLimit = 500;

export interface ReminderJobOptions {
  /** Delivers queued messages; absent until a WhatsApp/SMS channel implements it. */
  port?: MessagingPort | undefined;
}

export type RuleRunResult =
  | { status: 'off' | 'outside_hours'; queued: 0 }
  | { status: 'ran'; queued: number; skipped: number };

/** The reminder rule for one business: queues what is due when the rule is on and the shop is open. */
export async function runReminderRule(deps: Deps, tenantId: string): Promise<RuleRunResult> {
  const [row] = await deps.db.orm.select().from(tenants).where(eq(tenants.id, tenantId));
  if (!row) return { status: 'off', queued: 0 };
  if (!(await loadRules(deps.db, tenantId)).whatsapp_reminders_unpaid) return { status: 'off', queued: 0 };
  const params = await loadRuleParams(deps.db, tenantId, 'whatsapp_reminders_unpaid');
  if (!withinBusinessHours(deps.clock.now(), row.timezone, params.business_hours))
    return { status: 'outside_hours', queued: 0 };
  const result = await queueReminders(deps, await systemContext(deps, row), {});
  return { status: 'ran', queued: result.queued, skipped: result.skipped.length };
}

/** The rule acts for the business: the owner's context on the `system` channel. */
async function systemContext(deps: Deps, row: typeof tenants.$inferSelect): Promise<TenantContext> {
  const [owner] = await deps.db.orm
    .select({ id: members.id, name: members.name, role: members.role })
    .from(members)
    .where(and(eq(members.tenantId, row.id), eq(members.role, 'owner')))
    .orderBy(asc(members.createdAt))
    .limit(1);
  return {
    tenant: toTenantInfo(row),
    member: owner ?? { id: row.id, name: 'Kiungo', role: 'owner' },
    channel: 'system',
  };
}

export interface HourlyReport {
  marked: number;
  /** Businesses whose reminder rule is on. */
  businesses: number;
  queued: number;
  delivery: DeliveryReport;
}

/** One run of the hourly job over every business. */
export async function runHourlyReminders(
  deps: Deps,
  options: ReminderJobOptions = {},
): Promise<HourlyReport> {
  const { marked } = await markOverdue(deps);
  const enabled = await deps.db.orm
    .select({ tenantId: rules.tenantId })
    .from(rules)
    .where(and(eq(rules.key, 'whatsapp_reminders_unpaid'), eq(rules.enabled, true)));
  let queued = 0;
  const failed: string[] = [];
  for (const { tenantId } of enabled) {
    try {
      queued += (await runReminderRule(deps, tenantId)).queued;
    } catch (error) {
      // One business's failure must not hold back the others; the job fails at the end and is retried.
      deps.logger.error('reminder rule failed', { tenantId, error: String(error) });
      failed.push(tenantId);
    }
  }
  const delivery = await deliverQueued(deps, options.port, { limit: deliveryLimit });
  if (failed.length > 0)
    throw new Error(`The reminder rule failed for ${failed.length} business(es): ${failed.join(', ')}`);
  return { marked, businesses: enabled.length, queued, delivery };
}

/** Registers the hourly reminders job and its schedule on the job queue. */
export async function registerReminderJobs(
  deps: Deps,
  jobs: JobQueue,
  options: ReminderJobOptions = {},
): Promise<void> {
  await jobs.work(reminderJobName, async () => {
    const report = await runHourlyReminders(deps, options);
    deps.logger.info('reminders run', { ...report });
  });
  await jobs.schedule(reminderJobName, reminderJobCron, {}, reminderJobName, 'UTC');
}
