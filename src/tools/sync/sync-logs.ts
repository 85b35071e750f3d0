import { and, asc, desc, eq, gte, ilike, lte } from 'drizzle-orm';
import { z } from 'zod';
import { connections, syncLogEntries, syncRuns } from '../../../db/schema/index.ts';
import { formatDate } from '../../core/time.ts';
import { describeCounts } from '../../sync/describe.ts';
import type { PipelineCounts } from '../../sync/pipeline/scope.ts';
import { defineTool } from '../define.ts';

export const syncLogs = defineTool({
  name: 'sync_logs',
  title: 'Sync logs',
  description:
    'Recent sync runs: when, which system, what was synced, how many records, and what went wrong in plain words. Filter by system, status (succeeded, failed, running) and dates. Use for "what happened with Shopify last night?".',
  scope: 'read',
  confirm: false,
  annotations: { readOnlyHint: true, idempotentHint: true },
  input: z.object({
    system: z.string().trim().min(1).max(60).optional(),
    status: z.enum(['queued', 'running', 'succeeded', 'failed', 'partial']).optional(),
    since: z.iso.datetime({ offset: true }).optional(),
    until: z.iso.datetime({ offset: true }).optional(),
    run_id: z.uuid().optional().describe('One run in detail, with what went wrong record by record'),
    limit: z.number().int().min(1).max(100).default(20),
  }),
  async run({ deps, context }, input) {
    const rows = await deps.db.orm
      .select({
        id: syncRuns.id,
        system: connections.connector,
        connection: connections.name,
        action: syncRuns.action,
        mode: syncRuns.mode,
        status: syncRuns.status,
        counts: syncRuns.counts,
        error: syncRuns.error,
        failure: syncRuns.failure,
        fixes: syncRuns.fixes,
        startedAt: syncRuns.startedAt,
        finishedAt: syncRuns.finishedAt,
        createdAt: syncRuns.createdAt,
      })
      .from(syncRuns)
      .leftJoin(
        connections,
        and(eq(connections.id, syncRuns.connectionId), eq(connections.tenantId, context.tenant.id)),
      )
      .where(
        and(
          eq(syncRuns.tenantId, context.tenant.id),
          input.system ? ilike(connections.connector, `%${input.system.replace(/[\\%_]/g, '')}%`) : undefined,
          input.status ? eq(syncRuns.status, input.status) : undefined,
          input.run_id ? eq(syncRuns.id, input.run_id) : undefined,
          input.since ? gte(syncRuns.createdAt, new Date(input.since)) : undefined,
          input.until ? lte(syncRuns.createdAt, new Date(input.until)) : undefined,
        ),
      )
      .orderBy(desc(syncRuns.createdAt))
      .limit(input.limit);
    const details =
      input.run_id && rows[0]
        ? await deps.db.orm
            .select({
              level: syncLogEntries.level,
              message: syncLogEntries.message,
              record: syncLogEntries.recordRef,
            })
            .from(syncLogEntries)
            .where(
              and(eq(syncLogEntries.runId, input.run_id), eq(syncLogEntries.tenantId, context.tenant.id)),
            )
            .orderBy(asc(syncLogEntries.createdAt))
            .limit(200)
        : [];
    const data = {
      ...(input.run_id ? { entries: details } : {}),
      runs: rows.map((row) => ({
        ...row,
        startedAt: row.startedAt?.toISOString() ?? null,
        finishedAt: row.finishedAt?.toISOString() ?? null,
        createdAt: row.createdAt.toISOString(),
      })),
    };
    if (rows.length === 0)
      return {
        data,
        text: input.system ? `No sync runs for ${input.system} yet.` : 'No syncs have run yet.',
      };
    const text = rows
      .map(
        (row) =>
          `${formatDate(row.createdAt, context.tenant.timezone)} ${row.connection ?? row.system ?? 'import'} ${row.action}: ${row.status}${row.status === 'running' || row.status === 'queued' ? '' : ` (${describeCounts(row.counts as PipelineCounts)})`}${row.error ? ` — ${row.error}` : ''}${row.fixes?.length ? `; fixes: ${row.fixes.join(', ')} (run ${row.id})` : ''}`,
      )
      .concat(details.map((entry) => `  ${entry.level}: ${entry.message}`))
      .join('\n');
    return { data, text };
  },
});
