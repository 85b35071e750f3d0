/**
 * Schedules per connection frequency, as cron jobs on the queue keyed by the connection id: hourly;
 * daily at 02:xx in the business's time zone; real time = webhooks plus a reconciliation poll every
 * six hours (it cannot overwrite fresher webhook data: the pipeline drops records older than what it
 * holds); manual = none. The minute is spread by connection so schedules do not all fire at once.
 */
import { eq } from 'drizzle-orm';
import { connections, tenants } from '../../db/schema/index.ts';
import type { Deps, TenantInfo } from '../core/context.ts';
import { toTenantInfo } from '../tenancy/tenants.ts';
import type { ConnectionRow } from './connections.ts';
import { connectorOf } from './connections.ts';
import { jobNames } from './queue.ts';
import { type Frequency, parseSettings } from './settings.ts';

function minuteOf(connectionId: string): number {
  let hash = 0;
  for (const char of connectionId) hash = (hash * 31 + char.charCodeAt(0)) % 60;
  return hash;
}

export function cronFor(frequency: Frequency, connectionId: string): string | null {
  const minute = minuteOf(connectionId);
  switch (frequency) {
    case 'hourly':
      return `${minute} * * * *`;
    case 'daily':
      return `${minute} 2 * * *`;
    case 'realtime':
      return `${minute} */6 * * *`;
    case 'manual':
      return null;
  }
}

export async function applySchedule(
  deps: Deps,
  tenant: TenantInfo,
  connection: Pick<ConnectionRow, 'id' | 'connector' | 'status' | 'settings'>,
) {
  if (!deps.jobs) return;
  const settings = parseSettings(connection.settings);
  const cron =
    connection.status === 'disconnected' || !connectorOf(connection.connector).sync
      ? null
      : cronFor(settings.frequency, connection.id);
  if (!cron) return deps.jobs.unschedule(jobNames.scheduledSync, connection.id);
  await deps.jobs.schedule(
    jobNames.scheduledSync,
    cron,
    { tenantId: tenant.id, connectionId: connection.id },
    connection.id,
    tenant.timezone,
  );
}

export async function removeSchedule(deps: Deps, connectionId: string) {
  await deps.jobs?.unschedule(jobNames.scheduledSync, connectionId);
}

/** Makes the queue's schedules match every connection's settings (run when a worker starts). */
export async function syncAllSchedules(deps: Deps): Promise<number> {
  const rows = await deps.db.orm
    .select({ connection: connections, tenant: tenants })
    .from(connections)
    .innerJoin(tenants, eq(tenants.id, connections.tenantId));
  for (const row of rows) await applySchedule(deps, toTenantInfo(row.tenant), row.connection);
  return rows.length;
}
