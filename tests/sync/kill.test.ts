/**
 * A worker killed with SIGKILL in the middle of a sync: the run resumes from its checkpoint, with no
 * duplicates and exact counts. Real processes, a real loopback vendor, PGlite on disk or Postgres.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/database.ts';
import { migrate } from '../../db/migrate.node.ts';
import { openPglite } from '../../db/pglite.node.ts';
import { openPostgres } from '../../db/postgres.ts';
import { syncCheckpoints, syncRuns } from '../../db/schema/index.ts';
import { createLogger } from '../../src/core/logger.ts';
import { systemClock } from '../../src/core/time.ts';
import { createVault, generateVaultKey } from '../../src/core/vault.ts';
import { createConnection } from '../../src/sync/connections.ts';
import { executeSyncRun } from '../../src/sync/run.ts';
import { contextForSlug, createTenant } from '../../src/tenancy/tenants.ts';
import { createTestDatabase } from '../support/database.ts';
import { startLoopbackVendor } from '../support/vendors/loopback.ts';
import { wooShop } from '../support/vendors/woocommerce.ts';

const child = join(import.meta.dirname, 'support/sync-child.ts');
const cleanups: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

async function openDatabase(): Promise<{ open(): Promise<Database>; location: string }> {
  if (process.env.DATABASE_URL) {
    const database = await createTestDatabase();
    await database.db.close();
    cleanups.push(() => database.drop());
    return { open: async () => openPostgres(database.url as string), location: database.url as string };
  }
  const dir = mkdtempSync(join(tmpdir(), 'kiungo-kill-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return { open: () => openPglite(dir), location: dir };
}

describe('a worker killed mid-sync', () => {
  it('resumes from the checkpoint with no duplicates and exact counts', async () => {
    const vendor = await startLoopbackVendor({ delayMs: 150 });
    cleanups.push(() => vendor.close());
    const shop = wooShop({ siteUrl: vendor.url });
    shop.generateOrders(1200);
    vendor.setHandlers(shop.handlers);

    const key = generateVaultKey();
    const database = await openDatabase();
    let db = await database.open();
    await migrate(db);
    const deps = {
      db,
      vault: await createVault([key]),
      clock: systemClock,
      logger: createLogger('error', () => {}),
    };
    await createTenant(db, {
      slug: 'duka',
      name: 'Duka',
      region: 'KE',
      currency: 'KES',
      timezone: 'Africa/Nairobi',
    });
    const owner = await contextForSlug(db, 'duka', 'cli');
    const { row } = await createConnection(deps, owner, {
      connector: 'woocommerce',
      config: {
        siteUrl: vendor.url,
        consumerKey: shop.consumerKey,
        consumerSecret: shop.consumerSecret,
        webhookSecret: 'k'.repeat(24),
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
      .returning();
    await db.close();

    const worker = spawn(process.execPath, [child, database.location, run?.id as string], {
      env: { ...process.env, KIUNGO_MASTER_KEY: key },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let batches = 0;
    await new Promise<void>((resolve, reject) => {
      worker.stdout.on('data', (chunk: Buffer) => {
        batches += chunk
          .toString()
          .split('\n')
          .filter((line) => line.startsWith('batch')).length;
        if (batches >= 3) {
          worker.kill('SIGKILL');
          resolve();
        }
      });
      worker.on('exit', (code) =>
        batches >= 3 ? resolve() : reject(new Error(`worker exited early (${code})`)),
      );
    });
    await new Promise((resolve) => worker.once('exit', resolve));

    db = await database.open();
    cleanups.push(() => db.close());
    const resumed = { ...deps, db };
    const [killed] = await db.orm
      .select()
      .from(syncRuns)
      .where(eq(syncRuns.id, run?.id as string));
    expect(killed?.status).toBe('running');
    const landed = (killed?.counts as { created: number } | undefined)?.created ?? 0;
    expect(landed).toBeGreaterThanOrEqual(300);
    expect(landed).toBeLessThan(1200);
    const [checkpoint] = await db.orm
      .select()
      .from(syncCheckpoints)
      .where(eq(syncCheckpoints.connectionId, row.id));
    expect(checkpoint?.cursor).toMatchObject({ runId: run?.id, done: false });

    const requestsBefore = shop.requests.length;
    const outcome = await executeSyncRun(resumed, run?.id as string);
    expect(outcome).toMatchObject({ status: 'succeeded', counts: { seen: 1200, created: 1200, failed: 0 } });
    // It went on from the checkpoint instead of starting again.
    expect(shop.requests.length - requestsBefore).toBeLessThanOrEqual(Math.ceil((1200 - landed) / 100) + 1);
    const [totals] = await db.rows<{ n: number; distinct: number }>(
      sql`select count(*)::int as n, count(distinct external_id)::int as distinct from orders where source_id = ${row.id}`,
    );
    expect(totals).toEqual({ n: 1200, distinct: 1200 });
  }, 120_000);
});
