/** Helpers for the briefing tests: chat messages and stored briefings of a member, and a recording job queue. */
import { sql } from 'drizzle-orm';
import type { JobContext, JobQueue } from '../../src/sync/queue.ts';
import type { Harness } from '../support/harness.ts';

export const briefingDay = '2026-11-23';

/** The assistant messages in a member's conversations, oldest first. */
export async function chatMessages(
  harness: Harness,
  memberId: string,
): Promise<{ text: string; parts: unknown[]; channel: string }[]> {
  return harness.db.rows(sql`
    select m.content->>'text' as text, coalesce(m.content->'parts', '[]'::jsonb) as parts, c.channel
    from messages m join conversations c on c.id = m.conversation_id
    where c.member_id = ${memberId} and m.role = 'assistant'
    order by m.created_at, m.id`);
}

export async function storedBriefings(
  harness: Harness,
  memberId: string,
): Promise<{ day: string; status: string; text: string }[]> {
  return harness.db.rows(sql`
    select day::text as day, status, text from briefings where member_id = ${memberId} order by day`);
}

type Handler = (data: Record<string, unknown>, job: JobContext) => Promise<void>;

/** A JobQueue that records schedules and keeps the handlers, so a test can fire a job by hand. */
export function recordingQueue() {
  const schedules = new Map<
    string,
    { name: string; cron: string; data: Record<string, unknown>; timeZone: string }
  >();
  const unscheduled: string[] = [];
  const handlers = new Map<string, Handler>();
  const queue: JobQueue = {
    async send() {
      return null;
    },
    async work(name, handler) {
      handlers.set(name, handler);
    },
    async schedule(name, cron, data, key, timeZone) {
      schedules.set(key, { name, cron, data, timeZone });
    },
    async unschedule(_name, key) {
      schedules.delete(key);
      unscheduled.push(key);
    },
    async stop() {},
  };
  return {
    queue,
    schedules,
    unscheduled,
    async fire(name: string, data: Record<string, unknown>) {
      const handler = handlers.get(name);
      if (!handler) throw new Error(`no worker for ${name}`);
      await handler(data, { signal: new AbortController().signal, retryCount: 0 });
    },
  };
}
