/**
 * The background worker: runs sync runs, drains stored webhooks, fires scheduled syncs and sweeps up
 * work a stopped process left behind. Runtime-neutral: it only needs a JobQueue.
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import { connections, syncRuns, tenants } from '../../db/schema/index.ts';
import type { Deps } from '../core/context.ts';
import { registerBriefingJobs } from '../insights/briefing-jobs.ts';
import { registerReminderJobs } from '../reminders/jobs.ts';
import { conversationNotifier } from './notify.ts';
import { type JobQueue, jobNames } from './queue.ts';
import { executeSyncRun } from './run.ts';
import { syncAllSchedules } from './schedule.ts';
import { startSync, streamsToSync } from './start.ts';
import { drainInbox } from './webhooks.ts';
import { pushStock } from './write-back.ts';

export async function startSyncWorker(deps: Deps, jobs: JobQueue): Promise<void> {
  const withJobs = { ...deps, jobs };
  const notify = conversationNotifier(deps);
  await jobs.work(jobNames.syncRun, async (data, job) => {
    await executeSyncRun(withJobs, String(data.runId), { signal: job.signal, notify });
  });
  await jobs.work(jobNames.webhookDrain, async (data) => {
    await drainInbox(withJobs, String(data.connectionId));
  });
  await jobs.work(jobNames.scheduledSync, async (data) => {
    const [row] = await deps.db.orm
      .select({ connection: connections, tenant: tenants })
      .from(connections)
      .innerJoin(tenants, eq(tenants.id, connections.tenantId))
      .where(
        and(eq(connections.id, String(data.connectionId)), eq(connections.tenantId, String(data.tenantId))),
      );
    if (!row || row.connection.status === 'disconnected') return;
    await startSync(withJobs, null, row.connection, {
      streams: streamsToSync(row.connection),
      mode: 'incremental',
    });
  });
  await jobs.work(jobNames.stockPush, async (data) => {
    await pushStock(withJobs, {
      tenantId: String(data.tenantId),
      connectionId: String(data.connectionId),
      sku: String(data.sku),
      reference: String(data.reference),
    });
  });
  await jobs.work(jobNames.sweep, async () => {
    await sweep(withJobs);
  });
  await jobs.schedule(jobNames.sweep, '* * * * *', {}, 'sweep', 'UTC');
  await registerReminderJobs(withJobs, jobs);
  await registerBriefingJobs(withJobs, jobs);
  await syncAllSchedules(withJobs);
  await sweep(withJobs);
}

/** Re-queues what a stopped process left: stored webhooks not yet processed, runs never started. */
async function sweep(deps: Deps & { jobs: JobQueue }): Promise<void> {
  const pending = await deps.db.rows<{ connection_id: string }>(
    sql`select distinct connection_id from webhook_inbox where status = 'received'`,
  );
  for (const row of pending)
    await deps.jobs.send(
      jobNames.webhookDrain,
      { connectionId: row.connection_id },
      { singletonKey: row.connection_id },
    );
  const queued = await deps.db.orm
    .select({ id: syncRuns.id, connectionId: syncRuns.connectionId })
    .from(syncRuns)
    .where(
      and(inArray(syncRuns.status, ['queued']), sql`${syncRuns.createdAt} < now() - interval '2 minutes'`),
    );
  for (const run of queued)
    await deps.jobs.send(jobNames.syncRun, { runId: run.id }, { singletonKey: run.connectionId ?? run.id });
}
