/**
 * Write-backs: after a sale takes stock off in Kiungo (rule "update inventory after each sale"), the
 * new level is pushed to the other connected systems that take stock from Kiungo — those whose
 * inventory `qty` mapping runs outbound. A push carries only the SKU and reads Kiungo's level when it
 * runs, so pushes that run late or twice still leave the vendor at Kiungo's latest level; each one is
 * logged as a run of its own.
 */
import { and, eq, isNull } from 'drizzle-orm';
import { connections, products, syncRuns, tenants } from '../../db/schema/index.ts';
import { failureOf } from '../connectors/errors.ts';
import type { Deps } from '../core/context.ts';
import { AppError } from '../core/errors.ts';
import { toTenantInfo } from '../tenancy/tenants.ts';
import { connectorOf, loadConnection } from './connections.ts';
import { markFailed, reasonFor } from './health.ts';
import { jobNames } from './queue.ts';
import { buildRuntime } from './runtime.ts';
import { parseSettings } from './settings.ts';

export interface StockChange {
  sku: string;
  /** What caused it, e.g. `kiungo://orders/<id>`. */
  reference: string;
}

export function uniqueBySku(changes: readonly StockChange[]): StockChange[] {
  return [...new Map(changes.map((change) => [change.sku, change])).values()];
}

/** Connections that take stock from Kiungo: a push-capable connector with inventory qty mapped outbound. */
export async function stockPushTargets(deps: Deps, tenantId: string, sourceConnectionId: string) {
  const rows = await deps.db.orm
    .select()
    .from(connections)
    .where(and(eq(connections.tenantId, tenantId), eq(connections.status, 'active')));
  return rows.filter((row) => {
    if (row.id === sourceConnectionId || !connectorOf(row.connector).pushStock) return false;
    return parseSettings(row.settings).fieldMappings.some(
      (mapping) =>
        mapping.entity === 'inventory' &&
        mapping.field === 'qty' &&
        (mapping.direction === 'outbound' || mapping.direction === 'both'),
    );
  });
}

/** Queues (or, without a worker, runs) the pushes for stock changed by one batch. */
export async function pushStockChanges(
  deps: Deps,
  tenantId: string,
  sourceConnectionId: string,
  changes: readonly StockChange[],
): Promise<void> {
  if (changes.length === 0) return;
  const targets = await stockPushTargets(deps, tenantId, sourceConnectionId);
  for (const target of targets) {
    for (const change of changes) {
      const data = { tenantId, connectionId: target.id, sku: change.sku, reference: change.reference };
      if (deps.jobs) await deps.jobs.send(jobNames.stockPush, data);
      else await pushStock(deps, data).catch(() => {});
    }
  }
}

/** One push: Kiungo's current level of the SKU to one connection, logged as a run. */
export async function pushStock(
  deps: Deps,
  job: { tenantId: string; connectionId: string; sku: string; reference: string },
): Promise<void> {
  const [tenantRow] = await deps.db.orm.select().from(tenants).where(eq(tenants.id, job.tenantId));
  if (!tenantRow) return;
  const tenant = toTenantInfo(tenantRow);
  const connection = await loadConnection(deps, tenant.id, job.connectionId);
  const push = connection.connector.pushStock;
  if (!push || connection.row.status !== 'active') return;
  const [product] = await deps.db.orm
    .select({ stockQty: products.stockQty })
    .from(products)
    .where(and(eq(products.tenantId, tenant.id), eq(products.sku, job.sku), isNull(products.mergedInto)))
    .limit(1);
  if (product?.stockQty === null || product?.stockQty === undefined) return;
  const quantity = Math.max(0, Math.floor(Number(product.stockQty)));
  const [run] = await deps.db.orm
    .insert(syncRuns)
    .values({
      tenantId: tenant.id,
      connectionId: connection.row.id,
      action: `push stock ${job.sku}`,
      mode: 'write-back',
      status: 'running',
      startedAt: deps.clock.now(),
      request: { sku: job.sku, quantity, reference: job.reference },
    })
    .returning({ id: syncRuns.id });
  if (!run) throw new AppError('internal', 'The write-back was not logged');
  try {
    const runtime = await buildRuntime(deps, tenant, connection);
    const result = await push(runtime, { sku: job.sku, quantity, reference: job.reference });
    await deps.db.orm
      .update(syncRuns)
      .set({
        status: 'succeeded',
        finishedAt: deps.clock.now(),
        counts: { seen: 1, updated: result.changed ? 1 : 0, unchanged: result.changed ? 0 : 1 },
      })
      .where(eq(syncRuns.id, run.id));
  } catch (error) {
    const failure = failureOf(error);
    const message = error instanceof Error ? error.message : reasonFor(failure, connection.row.name);
    await deps.db.orm
      .update(syncRuns)
      .set({
        status: 'failed',
        finishedAt: deps.clock.now(),
        error: message,
        failure,
        counts: { seen: 1, failed: 1 },
      })
      .where(eq(syncRuns.id, run.id));
    if (failure === 'credentials' || failure === 'permission')
      await markFailed(deps, tenant.id, connection.row.id, connection.row.name, failure);
    throw error;
  }
}
