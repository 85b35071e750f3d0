import { z } from 'zod';
import { AppError } from '../../core/errors.ts';
import { resolveConnection } from '../../sync/connections.ts';
import { describeCounts } from '../../sync/describe.ts';
import { streams } from '../../sync/records.ts';
import { startSync, streamsToSync } from '../../sync/start.ts';
import { defineTool, type ToolOutput } from '../define.ts';

export const runSync = defineTool({
  name: 'run_sync',
  title: 'Sync now',
  description:
    'Syncs a connected system now: fetches what changed (incremental, the default), everything (full), a date range, or specific records by their ids there, and runs them through the business\'s mappings and rules. Long runs continue in the background and report progress in chat. Use for "sync my Shopify orders".',
  scope: 'write',
  confirm: false,
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true },
  input: z.object({
    system: z.string().trim().min(1).max(60).describe('Connection or system name, e.g. "shopify"'),
    streams: z
      .array(z.enum(streams))
      .max(5)
      .optional()
      .describe('What to sync; default: what the connection is set to sync'),
    mode: z.enum(['incremental', 'full', 'range', 'records']).default('incremental'),
    since: z.iso.datetime({ offset: true }).optional().describe('Range start (mode "range")'),
    until: z.iso.datetime({ offset: true }).optional().describe('Range end (mode "range")'),
    ids: z
      .array(z.string().trim().min(1).max(200))
      .max(250)
      .optional()
      .describe('Record ids in that system (mode "records")'),
  }),
  async run({ deps, context }, input): Promise<ToolOutput<Record<string, unknown>>> {
    if (input.mode === 'range' && !input.since)
      throw new AppError('bad_request', 'A range sync needs a start date (since)');
    if (input.mode === 'records' && !input.ids?.length)
      throw new AppError('bad_request', 'Say which records to sync (ids)');
    const connection = await resolveConnection(deps, context, input.system);
    const chosen = streamsToSync(connection, input.streams);
    const started = await startSync(deps, context, connection, {
      streams: chosen,
      mode: input.mode,
      ...(input.since ? { since: input.since } : {}),
      ...(input.until ? { until: input.until } : {}),
      ...(input.ids ? { ids: input.ids } : {}),
    });
    if (started.queued) {
      return {
        data: { run_id: started.runId, status: 'queued', streams: chosen },
        text: `Started syncing ${chosen.join(', ')} from ${connection.name}. I will tell you how it goes.`,
      };
    }
    const outcome = started.outcome;
    if (!outcome) throw new AppError('internal', 'The sync did not report an outcome');
    return {
      data: {
        run_id: outcome.runId,
        status: outcome.status,
        streams: chosen,
        counts: outcome.counts,
        error: outcome.error ?? null,
      },
      text:
        outcome.status === 'failed'
          ? (outcome.notice ?? `The ${connection.name} sync failed: ${outcome.error ?? 'unknown error'}`)
          : `Synced ${chosen.join(', ')} from ${connection.name}: ${describeCounts(outcome.counts)}.`,
    };
  },
});
