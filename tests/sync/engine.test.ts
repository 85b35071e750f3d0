/** Sync runs end to end: the WooCommerce connector against a shop that behaves like the REST API. */
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { connections, orders, syncCheckpoints, syncRuns } from '../../db/schema/index.ts';
import type { TenantContext } from '../../src/core/context.ts';
import type { SyncNotice } from '../../src/sync/notify.ts';
import { startSync } from '../../src/sync/start.ts';
import { createHarness, type Harness } from '../support/harness.ts';
import { ok } from '../support/outcomes.ts';
import { useWooShop } from '../support/vendors/woocommerce.ts';
import { wooConnection } from './pipeline-support.ts';

const shop = useWooShop();
let harness: Harness;
let owner: TenantContext;
let connectionId: string;
const noWait = async () => {};

beforeAll(async () => {
  harness = await createHarness({ demo: true });
  owner = await harness.context('demo', 'owner', 'web');
});
afterAll(() => harness.close());

beforeEach(async () => {
  await harness.db.orm.delete(connections).where(eq(connections.tenantId, owner.tenant.id));
  connectionId = await wooConnection(harness, owner, { webhookSecret: 'a'.repeat(24), frequency: 'hourly' });
});

async function connection() {
  const [row] = await harness.db.orm.select().from(connections).where(eq(connections.id, connectionId));
  if (!row) throw new Error('no connection');
  return row;
}

async function ordersSynced(): Promise<number> {
  const [row] = await harness.db.rows<{ count: number }>(
    sql`select count(*)::int as count from orders where tenant_id = ${owner.tenant.id} and source_id = ${connectionId}`,
  );
  return Number(row?.count ?? 0);
}

describe('sync runs', () => {
  it('"sync my WooCommerce orders" pages through everything, logs the run and turns the connection green', async () => {
    shop().generateOrders(250);
    const outcome = ok(
      await harness.registry.call(
        harness.deps,
        owner,
        'run_sync',
        { system: 'woocommerce', streams: ['orders'] },
        { surface: 'agent' },
      ),
    );
    expect(outcome.text).toMatch(/250 new/);
    expect(await ordersSynced()).toBe(250);
    const [run] = await harness.db.orm.select().from(syncRuns).where(eq(syncRuns.connectionId, connectionId));
    expect(run).toMatchObject({
      status: 'succeeded',
      counts: { seen: 250, created: 250, failed: 0, total: 250 },
    });
    expect(await connection()).toMatchObject({ health: 'green' });
    const [checkpoint] = await harness.db.orm
      .select()
      .from(syncCheckpoints)
      .where(eq(syncCheckpoints.connectionId, connectionId));
    expect(checkpoint?.cursor).toMatchObject({ runId: run?.id, position: null, done: true });

    const logs = ok(
      await harness.registry.call(
        harness.deps,
        owner,
        'sync_logs',
        { system: 'woocommerce' },
        { surface: 'agent' },
      ),
    );
    expect(logs.text).toMatch(/succeeded \(250 new\)/);
  });

  it('an incremental run asks only for what changed since the last one', async () => {
    shop().generateOrders(120, '2026-11-01T00:00:00');
    ok(
      await harness.registry.call(
        harness.deps,
        owner,
        'run_sync',
        { system: 'woocommerce' },
        { surface: 'agent' },
      ),
    );
    const before = shop().requests.length;
    const second = ok(
      await harness.registry.call(
        harness.deps,
        owner,
        'run_sync',
        { system: 'woocommerce' },
        { surface: 'agent' },
      ),
    );
    const asked = shop()
      .requests.slice(before)
      .find((request) => request.url.pathname.endsWith('/orders'));
    expect(asked?.url.searchParams.get('modified_after')).toBeTruthy();
    expect(second.text).not.toMatch(/\d+ new/);
    expect(await ordersSynced()).toBe(120);
  });

  it('retries a vendor that answers 500 or garbage, then still lands exact counts', async () => {
    shop().generateOrders(150);
    shop().failNext('500', 2);
    shop().failNext('malformed', 1);
    const row = await connection();
    const started = await startSync(
      harness.deps,
      owner,
      row,
      { streams: ['orders'], mode: 'full' },
      { sleep: noWait },
    );
    expect(started.outcome).toMatchObject({ status: 'succeeded', counts: { created: 150 } });
    expect(await ordersSynced()).toBe(150);
  });

  it('fails with the reason in plain words and the fixes when the vendor stays down', async () => {
    shop().generateOrders(10);
    shop().failNext('500', 50);
    const started = await startSync(
      harness.deps,
      owner,
      await connection(),
      { streams: ['orders'], mode: 'full' },
      { sleep: noWait },
    );
    expect(started.outcome).toMatchObject({ status: 'failed', failure: 'vendor_down' });
    const [run] = await harness.db.orm.select().from(syncRuns).where(eq(syncRuns.id, started.runId));
    expect(run?.error).toMatch(/server error/);
    expect(run?.fixes).toEqual(['rerun', 'ignore']);
    expect(await connection()).toMatchObject({ health: 'orange' });
    const status = ok(
      await harness.registry.call(harness.deps, owner, 'connection_status', {}, { surface: 'agent' }),
    );
    expect(status.text).toMatch(/fixes: rerun, ignore/);
    expect(status.parts).toContainEqual({
      type: 'buttons',
      buttons: [{ label: 'Sync WooCommerce again', value: 'sync woocommerce' }],
    });
  });

  it('revoked credentials turn the connection red and push a reconnect link to the member', async () => {
    await harness.db.orm
      .update(connections)
      .set({
        credentials: await harness.deps.vault.sealJson(
          {
            siteUrl: 'https://shop.test',
            consumerKey: 'ck_abc',
            consumerSecret: 'cs_revoked',
            webhookSecret: 'a'.repeat(24),
            currency: 'KES',
          },
          connectionId,
        ),
      })
      .where(eq(connections.id, connectionId));
    const notices: SyncNotice[] = [];
    const started = await startSync(
      harness.deps,
      owner,
      await connection(),
      { streams: ['orders'], mode: 'incremental' },
      {
        sleep: noWait,
        notify: async (notice) => {
          notices.push(notice);
        },
      },
    );
    expect(started.outcome).toMatchObject({ status: 'failed', failure: 'credentials' });
    expect(await connection()).toMatchObject({ health: 'red' });
    expect((await connection()).healthReason).toMatch(/no longer accepts/);
    expect(notices.at(-1)?.text).toMatch(/Reconnect here .*\/connect\//);
    const [run] = await harness.db.orm.select().from(syncRuns).where(eq(syncRuns.id, started.runId));
    expect(run?.error ?? '').not.toMatch(/connect\//);
  });

  it('keeps syncing after a record the database refuses, and reports it as partial', async () => {
    const generated = shop().generateOrders(30);
    (generated[5] as Record<string, unknown>).total = '1e40';
    const started = await startSync(
      harness.deps,
      owner,
      await connection(),
      { streams: ['orders'], mode: 'full' },
      { sleep: noWait },
    );
    expect(started.outcome?.status === 'partial' || started.outcome?.status === 'succeeded').toBe(true);
    const synced = await ordersSynced();
    expect(synced).toBeGreaterThanOrEqual(29);
    const rows = await harness.db.orm
      .select()
      .from(orders)
      .where(and(eq(orders.tenantId, owner.tenant.id), eq(orders.sourceId, connectionId)));
    expect(new Set(rows.map((row) => row.externalId)).size).toBe(rows.length);
  });
});
