/**
 * The job queue the sync engine runs on. pg-boss implements it on Node (PGlite embedded, Postgres in
 * production), so any number of worker processes share the jobs safely; the engine itself only knows
 * this interface.
 */

export const jobNames = {
  /** One sync run (data: { runId }). One active run per connection at a time. */
  syncRun: 'sync-run',
  /** Processes a connection's stored webhook deliveries (data: { connectionId }). */
  webhookDrain: 'webhook-drain',
  /** A connection's scheduled sync (data: { tenantId, connectionId }). */
  scheduledSync: 'sync-scheduled',
  /** Writes Kiungo's stock level of a SKU to a connection (data: { tenantId, connectionId, sku, reference }). */
  stockPush: 'stock-push',
  /** Marks newly overdue invoices and runs the reminder rule in every business (hourly). */
  reminders: 'reminders-hourly',
  /** Computes, stores and delivers one member's daily briefing (data: { tenantId, memberId }). */
  briefing: 'briefing-member',
  /** Finds work left behind by a stopped process (pending webhooks). */
  sweep: 'sync-sweep',
} as const;

export type JobName = (typeof jobNames)[keyof typeof jobNames];

export interface SendOptions {
  /** At most one queued or active job with this key (per queue). */
  singletonKey?: string;
  startAfterSeconds?: number;
}

export interface JobContext {
  signal: AbortSignal;
  /** How many times this job was tried before (a killed worker's job comes back with a higher count). */
  retryCount: number;
}

export interface JobQueue {
  send(name: JobName, data: Record<string, unknown>, options?: SendOptions): Promise<string | null>;
  work(
    name: JobName,
    handler: (data: Record<string, unknown>, job: JobContext) => Promise<void>,
  ): Promise<void>;
  /** A cron schedule (minute resolution) identified by `key`, replacing any earlier one with the key. */
  schedule(
    name: JobName,
    cron: string,
    data: Record<string, unknown>,
    key: string,
    timeZone: string,
  ): Promise<void>;
  unschedule(name: JobName, key: string): Promise<void>;
  stop(): Promise<void>;
}
