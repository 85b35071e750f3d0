/**
 * One sync run, start to finish: for each stream, page through the vendor from the checkpoint, push
 * every batch through the record pipeline, and save the counts, the log and the checkpoint in the
 * batch's own transaction. The run ends with its status, the connection's health, a
 * `sync.completed` event and a note to the member who asked.
 */
import { and, eq, sql } from 'drizzle-orm';
import { members, syncLogEntries, syncRuns, tenants } from '../../db/schema/index.ts';
import { type ConnectorFailure, failureOf } from '../connectors/errors.ts';
import type { Channel, Deps } from '../core/context.ts';
import { AppError } from '../core/errors.ts';
import { emitEvent } from '../events/outbox.ts';
import { loadRules } from '../rules/store.ts';
import { memberContext, toTenantInfo } from '../tenancy/tenants.ts';
import { readCheckpoint, writeCheckpoint } from './checkpoints.ts';
import { createConnectLink } from './connect-links.ts';
import { loadConnection } from './connections.ts';
import { describeProgress, describeRun } from './describe.ts';
import { fixesFor, markFailed, reasonFor, setHealth } from './health.ts';
import type { SyncNotifier } from './notify.ts';
import { applyRecords } from './pipeline/apply.ts';
import { addCounts, emptyCounts, type PipelineCounts, type PipelineScope } from './pipeline/scope.ts';
import { prefetch } from './prefetch.ts';
import { type RunRequest, runRequestSchema } from './requests.ts';
import { buildRuntime, type RuntimeOptions } from './runtime.ts';
import { pushStockChanges, uniqueBySku } from './write-back.ts';

/** Log lines kept per run; beyond this only counts grow, so a broken feed cannot flood the log. */
const maxLogLinesPerRun = 500;
/** A long run tells the member how far it got at most this often. */
const progressEveryMs = 30_000;
/** Incremental windows overlap by this much, so a record changed while a run was reading is not missed. */
const watermarkOverlapMs = 2 * 60 * 1000;

export interface RunCounts extends PipelineCounts {
  total?: number;
}

export interface EngineOptions extends RuntimeOptions {
  notify?: SyncNotifier | undefined;
  /** Called after every batch that landed, with the run's counts so far (progress bars). */
  onProgress?: ((counts: RunCounts, stream: string) => void) | undefined;
}

export interface RunOutcome {
  runId: string;
  status: 'succeeded' | 'partial' | 'failed' | 'skipped';
  counts: RunCounts;
  error?: string;
  failure?: ConnectorFailure;
  /** What the member is told, in plain words (with a reconnect link when that is the fix). */
  notice?: string;
}

const finished = new Set(['succeeded', 'partial', 'failed', 'cancelled']);

export async function executeSyncRun(
  deps: Deps,
  runId: string,
  options: EngineOptions = {},
): Promise<RunOutcome> {
  const [run] = await deps.db.orm.select().from(syncRuns).where(eq(syncRuns.id, runId));
  if (!run?.connectionId) throw new AppError('not_found', 'No such sync run');
  if (finished.has(run.status)) return { runId, status: 'skipped', counts: run.counts as RunCounts };
  const [tenantRow] = await deps.db.orm.select().from(tenants).where(eq(tenants.id, run.tenantId));
  if (!tenantRow) throw new AppError('not_found', 'The business of this run no longer exists');
  const tenant = toTenantInfo(tenantRow);
  const connection = await loadConnection(deps, tenant.id, run.connectionId);
  const request: RunRequest = runRequestSchema.parse(run.request);
  const startedAt = run.startedAt ?? deps.clock.now();
  await deps.db.orm
    .update(syncRuns)
    .set({ status: 'running', startedAt })
    .where(and(eq(syncRuns.id, runId), eq(syncRuns.tenantId, tenant.id)));
  const notify = async (text: string) => {
    if (!options.notify || !run.requestedBy || !run.channel) return;
    await options
      .notify({ tenantId: tenant.id, memberId: run.requestedBy, channel: run.channel as Channel, text })
      .catch((error) => deps.logger.warn('sync notice not delivered', { error: String(error) }));
  };

  let counts: RunCounts = { ...emptyCounts(), ...(run.counts as Partial<RunCounts>) };
  let logged = await countLogLines(deps, runId);
  try {
    const sync = connection.connector.sync;
    if (!sync)
      throw new AppError(
        'bad_request',
        `${connection.connector.name} sends its data by itself; there is nothing to fetch`,
      );
    const runtime = await buildRuntime(deps, tenant, connection, options);
    const rules = await loadRules(deps.db, tenant.id);
    let lastProgress = Date.now();
    for (const stream of request.streams) {
      const checkpoint = await readCheckpoint(deps.db.orm, connection.row.id, stream);
      if (checkpoint.runId === runId && checkpoint.done) continue;
      const resumeFrom = checkpoint.runId === runId ? checkpoint.position : null;
      const since =
        request.mode === 'incremental' && checkpoint.watermark
          ? new Date(checkpoint.watermark)
          : request.since
            ? new Date(request.since)
            : undefined;
      const vendorRequest = {
        mode: request.mode,
        since,
        until: request.until ? new Date(request.until) : undefined,
        ids: request.ids,
      };
      for await (const batch of prefetch(sync(runtime, stream, vendorRequest, resumeFrom))) {
        const stockChanges: { sku: string; reference: string }[] = [];
        await deps.db.orm.transaction(async (tx) => {
          const scope: PipelineScope = {
            tx,
            tenant,
            connection: {
              id: connection.row.id,
              connector: connection.connector.id,
              name: connection.row.name,
              category: connection.connector.category,
            },
            settings: connection.settings,
            rules,
            now: deps.clock.now(),
            stockChanges,
          };
          const result = await applyRecords(scope, batch.records);
          counts = {
            ...addCounts(counts, result.counts),
            ...(batch.total !== undefined
              ? { total: batch.total }
              : counts.total !== undefined
                ? { total: counts.total }
                : {}),
          };
          const room = Math.max(0, maxLogLinesPerRun - logged);
          const lines = result.log.slice(0, room);
          if (lines.length > 0) {
            await tx
              .insert(syncLogEntries)
              .values(lines.map((line) => ({ tenantId: tenant.id, runId, ...line })));
            logged += lines.length;
          }
          const done = batch.position === null;
          await writeCheckpoint(tx, tenant.id, connection.row.id, stream, {
            runId,
            position: batch.position,
            watermark:
              done && request.mode !== 'records'
                ? new Date(startedAt.getTime() - watermarkOverlapMs).toISOString()
                : checkpoint.watermark,
            done,
          });
          await tx.update(syncRuns).set({ counts }).where(eq(syncRuns.id, runId));
        });
        await pushStockChanges(deps, tenant.id, connection.row.id, uniqueBySku(stockChanges));
        options.onProgress?.(counts, stream);
        if (Date.now() - lastProgress > progressEveryMs) {
          lastProgress = Date.now();
          await notify(describeProgress(connection.row.name, stream, counts));
        }
      }
    }
    const status = counts.failed > 0 ? 'partial' : 'succeeded';
    await finishRun(deps, tenant.id, runId, status, counts);
    await setHealth(
      deps,
      tenant.id,
      connection.row.id,
      counts.failed > 0 ? 'orange' : 'green',
      counts.failed > 0
        ? `${counts.failed} records could not be saved in the last sync; see the sync log`
        : 'Syncing normally',
      { lastSyncAt: deps.clock.now() },
    );
    await notify(describeRun(connection.row.name, status, counts));
    return { runId, status, counts };
  } catch (error) {
    if (options.signal?.aborted) throw error;
    const failure = failureOf(error);
    const message = error instanceof AppError ? error.message : reasonFor(failure, connection.row.name);
    await finishRun(deps, tenant.id, runId, 'failed', counts, { error: message, failure });
    await markFailed(deps, tenant.id, connection.row.id, connection.row.name, failure);
    const reconnect = fixesFor(failure).includes('reconnect')
      ? await reconnectNotice(deps, tenant.id, run.requestedBy, connection.row.connector, connection.row.id)
      : '';
    const text = `${describeRun(connection.row.name, 'failed', counts)} ${reasonFor(failure, connection.row.name)}${reconnect}`;
    if (run.requestedBy && run.channel) await notify(text);
    else if (reconnect) await notifyOwner(deps, options, tenant.id, text);
    deps.logger.warn('sync run failed', {
      runId,
      failure,
      error: error instanceof Error ? error.message : String(error),
    });
    return { runId, status: 'failed', counts, error: message, failure, notice: text };
  }
}

/** A one-time reconnect link for the member who asked, or the owner when nobody did (a schedule). */
async function reconnectNotice(
  deps: Deps,
  tenantId: string,
  memberId: string | null,
  connector: string,
  connectionId: string,
): Promise<string> {
  const member = memberId ?? (await ownerOf(deps, tenantId));
  if (!member) return '';
  const context = await memberContext(deps.db, tenantId, member, 'web');
  const link = await createConnectLink(deps, context, connector, connectionId);
  return ` Reconnect here (the link works once, for 30 minutes): ${link.url}`;
}

async function ownerOf(deps: Deps, tenantId: string): Promise<string | undefined> {
  const [owner] = await deps.db.orm
    .select({ id: members.id })
    .from(members)
    .where(and(eq(members.tenantId, tenantId), eq(members.role, 'owner')))
    .limit(1);
  return owner?.id;
}

async function notifyOwner(
  deps: Deps,
  options: EngineOptions,
  tenantId: string,
  text: string,
): Promise<void> {
  const owner = await ownerOf(deps, tenantId);
  if (!owner || !options.notify) return;
  await options
    .notify({ tenantId, memberId: owner, channel: 'web', text })
    .catch((error) => deps.logger.warn('sync notice not delivered', { error: String(error) }));
}

async function countLogLines(deps: Deps, runId: string): Promise<number> {
  const [row] = await deps.db.rows<{ count: number }>(
    sql`select count(*)::int as count from sync_log_entries where run_id = ${runId}`,
  );
  return Number(row?.count ?? 0);
}

async function finishRun(
  deps: Deps,
  tenantId: string,
  runId: string,
  status: 'succeeded' | 'partial' | 'failed',
  counts: RunCounts,
  failure?: { error: string; failure: ConnectorFailure },
): Promise<void> {
  await deps.db.orm.transaction(async (tx) => {
    await tx
      .update(syncRuns)
      .set({
        status,
        counts,
        finishedAt: deps.clock.now(),
        error: failure?.error ?? null,
        failure: failure?.failure ?? null,
        fixes: failure ? [...fixesFor(failure.failure)] : null,
      })
      .where(and(eq(syncRuns.id, runId), eq(syncRuns.tenantId, tenantId)));
    await emitEvent(tx, tenantId, 'sync.completed', {
      run_id: runId,
      status,
      counts,
      ...(failure ? { failure: failure.failure } : {}),
    });
  });
}
