/**
 * Daily briefings on the job queue: one cron schedule per member, keyed by the member's id, firing
 * at their local time (`briefing_schedules.local_time`, default 07:00) in the business's time zone.
 * Owners without a schedule row get the default; other members only when they have an enabled row.
 * The job computes, stores and delivers the day's briefing through `ensureBriefing`, which is safe
 * when several workers or a retry run it for the same member and day.
 */
import { eq, sql } from 'drizzle-orm';
import { briefingSchedules, members, tenants } from '../../db/schema/index.ts';
import type { Deps } from '../core/context.ts';
import { isAppError } from '../core/errors.ts';
import { dateInZone } from '../core/time.ts';
import { type JobQueue, jobNames } from '../sync/queue.ts';
import { ensureBriefing } from './briefing-delivery.ts';

/** The queue of briefing jobs (data: { tenantId, memberId }). */
export const briefingJobName = jobNames.briefing;

/** When a member has no schedule of their own (owners only). */
export const defaultBriefingTime = '07:00';

/** "07:30" → "30 7 * * *"; null when the time is not a valid HH:MM. */
export function briefingCron(localTime: string): string | null {
  const match = localTime.trim().match(/^(\d{1,2}):(\d{2})$/);
  if (!match) return null;
  const hour = Number(match[1]);
  const minute = Number(match[2]);
  if (hour > 23 || minute > 59) return null;
  return `${minute} ${hour} * * *`;
}

export interface BriefingPlan {
  tenantId: string;
  memberId: string;
  timeZone: string;
  /** Null: no briefing for this member (disabled, or not an owner and no schedule). */
  cron: string | null;
}

/** Every member's briefing schedule as it should be on the queue. */
export async function briefingPlans(deps: Deps, tenantId?: string): Promise<BriefingPlan[]> {
  const rows = await deps.db.orm
    .select({
      tenantId: members.tenantId,
      memberId: members.id,
      role: members.role,
      timeZone: tenants.timezone,
      enabled: briefingSchedules.enabled,
      localTime: briefingSchedules.localTime,
    })
    .from(members)
    .innerJoin(tenants, eq(tenants.id, members.tenantId))
    .leftJoin(briefingSchedules, eq(briefingSchedules.memberId, members.id))
    .where(tenantId ? eq(members.tenantId, tenantId) : sql`true`)
    .orderBy(members.tenantId, members.createdAt, members.id);
  return rows.map((row) => {
    const scheduled = row.enabled !== null;
    const wanted = scheduled ? row.enabled === true : row.role === 'owner';
    const time = row.localTime ?? defaultBriefingTime;
    return {
      tenantId: row.tenantId,
      memberId: row.memberId,
      timeZone: row.timeZone,
      cron: wanted ? (briefingCron(time) ?? briefingCron(defaultBriefingTime)) : null,
    };
  });
}

/**
 * Puts each member's briefing schedule on the queue (or takes it off), keyed by member id, so
 * running it again replaces rather than duplicates. Returns how many members are scheduled.
 */
export async function scheduleBriefings(deps: Deps, jobs: JobQueue, tenantId?: string): Promise<number> {
  let scheduled = 0;
  for (const plan of await briefingPlans(deps, tenantId)) {
    if (!plan.cron) {
      await jobs.unschedule(briefingJobName, plan.memberId);
      continue;
    }
    await jobs.schedule(
      briefingJobName,
      plan.cron,
      { tenantId: plan.tenantId, memberId: plan.memberId },
      plan.memberId,
      plan.timeZone,
    );
    scheduled++;
  }
  return scheduled;
}

/** Runs one member's briefing for today in the business's time zone. */
export async function runBriefingJob(deps: Deps, data: Record<string, unknown>): Promise<void> {
  const tenantId = String(data.tenantId ?? '');
  const memberId = String(data.memberId ?? '');
  const [tenant] = await deps.db.orm
    .select({ timezone: tenants.timezone })
    .from(tenants)
    .where(eq(tenants.id, tenantId));
  if (!tenant) return;
  const day = typeof data.day === 'string' ? data.day : dateInZone(deps.clock.now(), tenant.timezone);
  try {
    const { briefing, delivered } = await ensureBriefing(deps, tenantId, memberId, day);
    deps.logger.info('briefing', { tenantId, memberId, day, status: briefing.status, delivered });
  } catch (error) {
    // The member left the business: their schedule is stale, nothing is sent to anyone.
    if (isAppError(error) && error.code === 'unauthenticated') {
      deps.logger.warn('briefing for a member who is not in the business', { tenantId, memberId });
      return;
    }
    throw error;
  }
}

/** Registers the briefing worker and every member's schedule. Call once when a worker starts. */
export async function registerBriefingJobs(deps: Deps, jobs: JobQueue): Promise<void> {
  await jobs.work(briefingJobName, (data) => runBriefingJob(deps, data));
  await scheduleBriefings(deps, jobs);
}
