/**
 * Sync efficiency: N Shopify orders through the whole engine (connector → pipeline → database, one
 * checkpoint per page) against a simulated Admin GraphQL API on loopback that enforces Shopify's cost
 * bucket and restore rate. Prints the wall time, the lower bound the rate limit sets for the same
 * queries (replayed from the simulator's cost log, zero latency), their ratio, and how many throttled
 * answers the vendor gave and how many errors reached the run.
 */
import { eq } from 'drizzle-orm';
import type { Database } from '../db/database.ts';
import { syncRuns } from '../db/schema/index.ts';
import { silentLogger } from '../src/core/logger.ts';
import { systemClock } from '../src/core/time.ts';
import { createVault, generateVaultKey } from '../src/core/vault.ts';
import { createConnection } from '../src/sync/connections.ts';
import { executeSyncRun } from '../src/sync/run.ts';
import { contextForSlug, createTenant, findTenant } from '../src/tenancy/tenants.ts';
import {
  createShopifyStore,
  rateLimitLowerBoundMs,
  startShopifyServer,
} from '../tests/support/vendors/shopify.ts';

export async function benchShopifySync(
  db: Database,
  label: string,
  orders: number,
  restoreRate: number,
): Promise<void> {
  const deps = {
    db,
    vault: await createVault([generateVaultKey()]),
    clock: systemClock,
    logger: silentLogger,
  };
  if (!(await findTenant(db, 'shopify-bench')))
    await createTenant(db, {
      slug: 'shopify-bench',
      name: 'Shopify bench',
      region: 'KE',
      currency: 'KES',
      timezone: 'Africa/Nairobi',
    });
  const owner = await contextForSlug(db, 'shopify-bench', 'cli');
  const store = createShopifyStore({ orders, restoreRate });
  const server = await startShopifyServer(store);
  const { row } = await createConnection(deps, owner, {
    connector: 'shopify',
    config: {
      shop: store.shop,
      accessToken: store.accessToken,
      webhookSecret: 'bench-webhook-secret',
      bulk: 'never',
      currency: 'KES',
    },
    settings: { streams: ['orders'] },
  });
  const [run] = await db.orm
    .insert(syncRuns)
    .values({
      tenantId: owner.tenant.id,
      connectionId: row.id,
      action: 'sync orders',
      mode: 'full',
      request: { streams: ['orders'], mode: 'full' },
    })
    .returning({ id: syncRuns.id });
  const started = performance.now();
  const outcome = await executeSyncRun(deps, run?.id as string, { fetch: server.fetch });
  const wallMs = performance.now() - started;
  const boundMs = rateLimitLowerBoundMs(store.costLog, restoreRate);
  const [final] = await db.orm
    .select()
    .from(syncRuns)
    .where(eq(syncRuns.id, run?.id as string));
  console.log(
    `[${label}] Shopify sync, ${orders.toLocaleString('en-US')} orders at ${restoreRate} points/s: ${(wallMs / 1000).toFixed(1)} s wall, rate-limit lower bound ${(boundMs / 1000).toFixed(1)} s → ${(wallMs / boundMs).toFixed(3)}× the bound (goal ≤ 1.15×); ${store.costLog.length} queries, ${store.stats.throttled} throttled answers, run ${final?.status} with ${outcome.counts.created.toLocaleString('en-US')} created and ${outcome.counts.failed} failed`,
  );
  await server.close();
}
