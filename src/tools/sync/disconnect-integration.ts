import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { connections } from '../../../db/schema/index.ts';
import { resolveConnection } from '../../sync/connections.ts';
import { removeSchedule } from '../../sync/schedule.ts';
import { defineTool } from '../define.ts';

export const disconnectIntegration = defineTool({
  name: 'disconnect_integration',
  title: 'Disconnect a system',
  description:
    "Disconnects a system: stops its syncs and webhooks and deletes its stored credentials. The records already synced stay. Needs the owner's confirmation.",
  scope: 'admin',
  confirm: true,
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true },
  input: z.object({ system: z.string().trim().min(1).max(60) }),
  async preview({ deps, context }, input) {
    const connection = await resolveConnection(deps, context, input.system);
    return {
      summary: `Disconnect ${connection.name}: stop its syncs and delete its credentials (records already synced stay)`,
      details: { connection: connection.id, connector: connection.connector },
    };
  },
  async run({ deps, context }, input) {
    const connection = await resolveConnection(deps, context, input.system);
    await deps.db.orm
      .update(connections)
      .set({
        status: 'disconnected',
        credentials: null,
        health: 'red',
        healthReason: 'Disconnected',
        updatedAt: deps.clock.now(),
      })
      .where(and(eq(connections.id, connection.id), eq(connections.tenantId, context.tenant.id)));
    await removeSchedule(deps, connection.id);
    return {
      data: { connection: connection.id, status: 'disconnected' },
      text: `${connection.name} is disconnected. Its credentials are deleted; the records it synced stay in Kiungo.`,
    };
  },
});
