import { and, asc, eq, ilike } from 'drizzle-orm';
import { z } from 'zod';
import { connections } from '../../../db/schema/index.ts';
import { formatDate } from '../../core/time.ts';
import { defineTool } from '../define.ts';

export const connectionStatus = defineTool({
  name: 'connection_status',
  title: 'Connection status',
  description:
    'The systems this business has connected (shops, POS, accounting, payments…), each with its health (green, orange, red), the reason in plain words, and when it last synced. Use for "is everything syncing?" or before syncing a named system.',
  scope: 'read',
  confirm: false,
  annotations: { readOnlyHint: true, idempotentHint: true },
  input: z.object({
    system: z.string().trim().min(1).max(60).optional().describe('Only this system, e.g. "shopify"'),
  }),
  async run({ deps, context }, input) {
    const rows = await deps.db.orm
      .select({
        id: connections.id,
        connector: connections.connector,
        name: connections.name,
        status: connections.status,
        health: connections.health,
        reason: connections.healthReason,
        lastSyncAt: connections.lastSyncAt,
      })
      .from(connections)
      .where(
        and(
          eq(connections.tenantId, context.tenant.id),
          input.system ? ilike(connections.connector, `%${input.system.replace(/[\\%_]/g, '')}%`) : undefined,
        ),
      )
      .orderBy(asc(connections.name));
    const data = {
      connections: rows.map((row) => ({ ...row, lastSyncAt: row.lastSyncAt?.toISOString() ?? null })),
    };
    if (rows.length === 0) {
      return {
        data,
        text: input.system
          ? `${input.system} is not connected to this business.`
          : 'No systems are connected to this business yet.',
      };
    }
    const text = rows
      .map(
        (row) =>
          `${row.name} (${row.connector}): ${row.health}${row.reason ? ` — ${row.reason}` : ''}; last sync ${row.lastSyncAt ? formatDate(row.lastSyncAt, context.tenant.timezone) : 'never'}`,
      )
      .join('\n');
    return { data, text };
  },
});
