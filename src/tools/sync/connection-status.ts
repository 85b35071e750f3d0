import { and, desc, eq, inArray, ne } from 'drizzle-orm';
import { z } from 'zod';
import { syncRuns } from '../../../db/schema/index.ts';
import { type ConnectorFailure, type Fix, failureFacts } from '../../connectors/errors.ts';
import { formatDate } from '../../core/time.ts';
import { connectorOf, findConnections } from '../../sync/connections.ts';
import { describeProgress } from '../../sync/describe.ts';
import { openReviews } from '../../sync/reviews.ts';
import { defineTool } from '../define.ts';

const healthMarks: Record<string, string> = { green: '🟢', orange: '🟠', red: '🔴' };

function fixesOf(health: string, failure: string | null): Fix[] {
  if (health === 'green') return [];
  if (failure && failure in failureFacts) return [...failureFacts[failure as ConnectorFailure].fixes];
  return ['rerun', 'ignore'];
}

/** What the owner says to apply a fix, as one-tap buttons (the web chat sends the words as a message). */
const spokenNames: Record<string, string> = { mpesa_daraja: 'mpesa', custom_webhook: 'custom pos' };

function fixButtons(row: {
  connector: string;
  name: string;
  fixes: Fix[];
}): { label: string; value: string }[] {
  const spoken = spokenNames[row.connector] ?? row.connector;
  return row.fixes.flatMap((fix) => {
    if (fix === 'reconnect') return [{ label: `Reconnect ${row.name}`, value: `reconnect ${spoken}` }];
    if (fix === 'rerun' && connectorOf(row.connector).sync)
      return [{ label: `Sync ${row.name} again`, value: `sync ${spoken}` }];
    return [];
  });
}

export const connectionStatus = defineTool({
  name: 'connection_status',
  title: 'Connection status',
  description:
    'The health panel: each connected system (shops, POS, accounting, payments…) green, orange or red with the reason in plain words and the fixes on offer (reconnect, rerun, fix_mapping, ignore), when it last synced, any sync running now with its progress, and the reviews waiting for the owner (with ids for resolve_sync_issue). Use for "is everything syncing?".',
  scope: 'read',
  confirm: false,
  annotations: { readOnlyHint: true, idempotentHint: true },
  input: z.object({
    system: z.string().trim().min(1).max(60).optional().describe('Only this system, e.g. "shopify"'),
  }),
  async run({ deps, context }, input) {
    const rows = await findConnections(deps, context.tenant.id, input.system);
    const ids = rows.map((row) => row.id);
    const runs = ids.length
      ? await deps.db.orm
          .select()
          .from(syncRuns)
          .where(
            and(
              eq(syncRuns.tenantId, context.tenant.id),
              inArray(syncRuns.connectionId, ids),
              ne(syncRuns.status, 'queued'),
            ),
          )
          .orderBy(desc(syncRuns.createdAt))
          .limit(50)
      : [];
    const reviews = await openReviews(deps, context.tenant.id);
    const list = rows
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((row) => {
        const latest = runs.find((run) => run.connectionId === row.id);
        const running = latest?.status === 'running' ? latest : undefined;
        return {
          id: row.id,
          connector: row.connector,
          name: row.name,
          health: row.health,
          reason: row.healthReason,
          fixes: fixesOf(row.health, latest?.status === 'failed' ? latest.failure : null),
          last_run_id: latest?.id ?? null,
          lastSyncAt: row.lastSyncAt?.toISOString() ?? null,
          running: running ? describeProgress(row.name, running.action, running.counts as never) : null,
          reviews: reviews.filter((review) => review.connectionId === row.id).length,
        };
      });
    const data = {
      connections: list,
      reviews: reviews.map((review) => ({
        id: review.id,
        kind: review.kind,
        entity: review.entity,
        data: review.data,
      })),
    };
    if (list.length === 0) {
      return {
        data,
        text: input.system
          ? `${input.system} is not connected to this business.`
          : 'No systems are connected to this business yet.',
      };
    }
    const lines = list.map((row) =>
      `${healthMarks[row.health] ?? ''} ${row.name} (${row.connector}): ${row.health}${row.reason ? ` — ${row.reason}` : ''}; last sync ${row.lastSyncAt ? formatDate(row.lastSyncAt, context.tenant.timezone) : 'never'}${row.running ? `; ${row.running}` : ''}${row.fixes.length ? `; fixes: ${row.fixes.join(', ')}` : ''}${row.reviews ? `; ${row.reviews} waiting for your review` : ''}`.trim(),
    );
    const reviewLines = reviews.map(
      (review) =>
        `Review ${review.id}: ${review.kind === 'merge' ? `a new ${review.entity} may be a duplicate` : `${review.entity} changed on both sides: ${Object.keys(review.data as object).join(', ')}`}`,
    );
    const buttons = list.flatMap((row) => fixButtons(row));
    return {
      data,
      text: [...lines, ...reviewLines].join('\n'),
      ...(buttons.length > 0 ? { parts: [{ type: 'buttons' as const, buttons }] } : {}),
    };
  },
});
