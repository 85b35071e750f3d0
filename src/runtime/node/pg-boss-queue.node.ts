/**
 * The job queue on pg-boss: on the embedded PGlite database it shares the one PGlite instance (the
 * process owns it); on Postgres it opens its own small pool, so worker processes on any number of
 * machines share the jobs. pg-boss keeps its tables in its own `pgboss` schema.
 */
import { fromPglite, PgBoss } from 'pg-boss';
import type { Database } from '../../../db/database.ts';
import type { Logger } from '../../core/context.ts';
import { type JobName, type JobQueue, jobNames } from '../../sync/queue.ts';

/** Retry and liveness per queue: a killed worker's sync run is picked up again after its heartbeat lapses. */
const queueOptions: Record<JobName, Parameters<PgBoss['createQueue']>[1]> = {
  [jobNames.syncRun]: {
    policy: 'singleton',
    retryLimit: 5,
    retryDelay: 30,
    retryBackoff: true,
    expireInSeconds: 6 * 60 * 60,
    heartbeatSeconds: 30,
  },
  [jobNames.webhookDrain]: {
    policy: 'stately',
    retryLimit: 10,
    retryDelay: 5,
    retryBackoff: true,
    expireInSeconds: 15 * 60,
  },
  [jobNames.scheduledSync]: { policy: 'standard', retryLimit: 2, retryDelay: 60, expireInSeconds: 10 * 60 },
  [jobNames.stockPush]: {
    policy: 'standard',
    retryLimit: 8,
    retryDelay: 30,
    retryBackoff: true,
    expireInSeconds: 10 * 60,
  },
  [jobNames.reminders]: { policy: 'stately', retryLimit: 3, retryDelay: 120, expireInSeconds: 30 * 60 },
  [jobNames.briefing]: {
    policy: 'standard',
    retryLimit: 3,
    retryDelay: 60,
    retryBackoff: true,
    expireInSeconds: 600,
  },
  [jobNames.sweep]: { policy: 'stately', retryLimit: 0, expireInSeconds: 5 * 60 },
};

export interface PgBossQueueOptions {
  logger: Logger;
  /** Seconds between polls when idle (pg-boss's minimum is 0.5). */
  pollingIntervalSeconds?: number;
  /** Run pg-boss maintenance and cron scheduling in this process. */
  schedule?: boolean;
}

export async function startPgBossQueue(db: Database, options: PgBossQueueOptions): Promise<JobQueue> {
  const native = db.native;
  if (!native) throw new Error('This database cannot host the job queue');
  const boss =
    native.kind === 'pglite'
      ? new PgBoss({
          db: fromPglite(native.client as Parameters<typeof fromPglite>[0]),
          backend: 'pglite',
          schedule: options.schedule ?? true,
        })
      : new PgBoss({ connectionString: native.url, max: 4, schedule: options.schedule ?? true });
  boss.on('error', (error) => options.logger.error('job queue error', { error: String(error) }));
  await boss.start();
  for (const [name, queue] of Object.entries(queueOptions)) {
    await boss.createQueue(name, queue);
  }
  const polling = options.pollingIntervalSeconds ?? 1;
  return {
    async send(name, data, sendOptions = {}) {
      return boss.send(name, data, {
        ...(sendOptions.singletonKey ? { singletonKey: sendOptions.singletonKey } : {}),
        ...(sendOptions.startAfterSeconds ? { startAfter: sendOptions.startAfterSeconds } : {}),
      });
    },
    async work(name, handler) {
      await boss.work<Record<string, unknown>>(
        name,
        { pollingIntervalSeconds: polling, batchSize: 1 },
        async (jobs) => {
          for (const job of jobs) await handler(job.data, { signal: job.signal, retryCount: job.retryCount });
        },
      );
    },
    async schedule(name, cron, data, key, timeZone) {
      await boss.schedule(name, cron, data, { key, tz: timeZone });
    },
    async unschedule(name, key) {
      await boss.unschedule(name, key);
    },
    async stop() {
      await boss.stop({ graceful: true, timeout: 10_000 });
    },
  };
}
