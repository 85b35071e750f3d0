/**
 * Starting a sync: a run row records what was asked and by whom; then either the job queue takes it
 * (the server's worker runs it in the background) or, with no queue (a shell with no server), it runs
 * here and now.
 */
import { and, eq, inArray } from 'drizzle-orm';
import { syncRuns } from '../../db/schema/index.ts';
import type { Deps, TenantContext } from '../core/context.ts';
import { AppError } from '../core/errors.ts';
import type { ConnectionRow } from './connections.ts';
import { connectorOf } from './connections.ts';
import { type JobQueue, jobNames } from './queue.ts';
import type { Stream } from './records.ts';
import type { RunRequest } from './requests.ts';
import { type EngineOptions, executeSyncRun, type RunOutcome } from './run.ts';
import { parseSettings } from './settings.ts';

export interface StartedSync {
  runId: string;
  queued: boolean;
  outcome?: RunOutcome;
}

export function streamsToSync(connection: ConnectionRow, wanted?: readonly Stream[]): Stream[] {
  const connector = connectorOf(connection.connector);
  const chosen = wanted && wanted.length > 0 ? wanted : parseSettings(connection.settings).streams;
  const possible = chosen.filter((stream) => connector.streams.includes(stream));
  if (possible.length === 0) {
    throw new AppError(
      'bad_request',
      `${connection.name} can sync ${connector.streams.join(', ')}; nothing else`,
    );
  }
  return possible;
}

export async function startSync(
  deps: Deps & { jobs?: JobQueue | undefined },
  context: Pick<TenantContext, 'tenant' | 'member' | 'channel'> | null,
  connection: ConnectionRow,
  request: RunRequest,
  options: EngineOptions = {},
): Promise<StartedSync> {
  if (!connectorOf(connection.connector).sync)
    throw new AppError(
      'bad_request',
      `${connection.name} sends its data to Kiungo by itself as it happens; there is nothing to fetch`,
    );
  const [active] = await deps.db.orm
    .select({ id: syncRuns.id })
    .from(syncRuns)
    .where(
      and(
        eq(syncRuns.tenantId, connection.tenantId),
        eq(syncRuns.connectionId, connection.id),
        inArray(syncRuns.status, ['queued', 'running']),
      ),
    )
    .limit(1);
  if (active && deps.jobs) return { runId: active.id, queued: true };
  const [run] = await deps.db.orm
    .insert(syncRuns)
    .values({
      tenantId: connection.tenantId,
      connectionId: connection.id,
      action: `sync ${request.streams.join(', ')}`,
      mode: request.mode,
      status: 'queued',
      request,
      requestedBy: context?.member.id ?? null,
      channel: context?.channel ?? null,
    })
    .returning({ id: syncRuns.id });
  if (!run) throw new AppError('internal', 'The sync run was not saved');
  if (deps.jobs) {
    await deps.jobs.send(jobNames.syncRun, { runId: run.id }, { singletonKey: connection.id });
    return { runId: run.id, queued: true };
  }
  return { runId: run.id, queued: false, outcome: await executeSyncRun(deps, run.id, options) };
}
