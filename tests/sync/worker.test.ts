/** The background worker on pg-boss (PGlite, or Postgres with DATABASE_URL): queued runs and webhooks. */
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syncRuns, webhookInbox } from '../../db/schema/index.ts';
import type { TenantContext } from '../../src/core/context.ts';
import { createApp } from '../../src/http/app.ts';
import { startPgBossQueue } from '../../src/runtime/node/pg-boss-queue.node.ts';
import type { JobQueue } from '../../src/sync/queue.ts';
import { startSyncWorker } from '../../src/sync/worker.ts';
import { createHarness, type Harness } from '../support/harness.ts';
import { ok } from '../support/outcomes.ts';
import { useWooShop, wooSignature, wpJsonEncode } from '../support/vendors/woocommerce.ts';
import { wooConnection } from './pipeline-support.ts';

const shop = useWooShop();
let harness: Harness;
let owner: TenantContext;
let jobs: JobQueue;
let connectionId: string;
const secret = 'w'.repeat(24);

beforeAll(async () => {
  harness = await createHarness({ demo: true });
  owner = await harness.context('demo', 'owner', 'web');
  jobs = await startPgBossQueue(harness.db, { logger: harness.deps.logger, pollingIntervalSeconds: 0.5 });
  harness.deps.jobs = jobs;
  await startSyncWorker(harness.deps, jobs);
  connectionId = await wooConnection(harness, owner, { webhookSecret: secret, frequency: 'realtime' });
}, 120_000);
afterAll(async () => {
  await jobs.stop();
  await harness.close();
});

async function until<T>(check: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() - started > timeoutMs) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe('the sync worker', () => {
  it('runs a queued sync in the background and the run reaches its end', async () => {
    shop().generateOrders(130);
    const outcome = ok(
      await harness.registry.call(
        harness.deps,
        owner,
        'run_sync',
        { system: 'woocommerce' },
        { surface: 'agent' },
      ),
    );
    expect(outcome.text).toMatch(/Started syncing orders/);
    const runId = (outcome.data as { run_id: string }).run_id;
    const run = await until(async () => {
      const [row] = await harness.db.orm.select().from(syncRuns).where(eq(syncRuns.id, runId));
      return row && ['succeeded', 'failed', 'partial'].includes(row.status) ? row : undefined;
    });
    expect(run).toMatchObject({ status: 'succeeded', counts: { created: 130 } });
    const notes = await harness.db.rows<{ text: string }>(
      sql`select content->>'text' as text from messages where tenant_id = ${owner.tenant.id} order by created_at desc limit 1`,
    );
    expect(notes[0]?.text).toMatch(/WooCommerce sync finished: 130 new/);
  });

  it('acknowledges webhooks at once and processes them as jobs, each exactly once', async () => {
    const app = createApp(harness.deps);
    const order = {
      ...(shop().data.orders[0] as Record<string, unknown>),
      id: 9001,
      number: '9001',
      date_modified_gmt: '2026-11-23T08:00:00',
    };
    const body = wpJsonEncode(order);
    const headers = {
      'content-type': 'application/json',
      'x-wc-webhook-topic': 'order.created',
      'x-wc-webhook-resource': 'order',
      'x-wc-webhook-event': 'created',
      'x-wc-webhook-source': 'https://shop.test/',
      'x-wc-webhook-id': '7',
      'x-wc-webhook-delivery-id': 'd-1',
      'x-wc-webhook-signature': wooSignature(body, secret),
    };
    for (let attempt = 0; attempt < 3; attempt++) {
      const response = await app.request(`/webhooks/woocommerce/${connectionId}`, {
        method: 'POST',
        body,
        headers,
      });
      expect(response.status).toBe(200);
    }
    const processed = await until(async () => {
      const rows = await harness.db.orm
        .select()
        .from(webhookInbox)
        .where(eq(webhookInbox.connectionId, connectionId));
      return rows.length === 1 && rows[0]?.status === 'processed' ? rows : undefined;
    });
    expect(processed).toHaveLength(1);
    const [count] = await harness.db.rows<{ n: number }>(
      sql`select count(*)::int as n from orders where tenant_id = ${owner.tenant.id} and source_id = ${connectionId} and external_id = '9001'`,
    );
    expect(Number(count?.n)).toBe(1);
  });

  it('takes a flood of webhooks without dropping one, with at most one drain job waiting per connection', async () => {
    const app = createApp(harness.deps);
    const template = shop().data.orders[0] as Record<string, unknown>;
    const deliveries = Array.from({ length: 200 }, (_, index) => {
      const body = wpJsonEncode({
        ...template,
        id: 20_000 + index,
        number: String(20_000 + index),
        date_modified_gmt: '2026-11-23T08:30:00',
      });
      return app.request(`/webhooks/woocommerce/${connectionId}`, {
        method: 'POST',
        body,
        headers: {
          'content-type': 'application/json',
          'x-wc-webhook-topic': 'order.created',
          'x-wc-webhook-source': 'https://shop.test/',
          'x-wc-webhook-delivery-id': `flood-${index}`,
          'x-wc-webhook-signature': wooSignature(body, secret),
        },
      });
    });
    const statuses = (await Promise.all(deliveries)).map((response) => response.status);
    expect(statuses.every((status) => status === 200)).toBe(true);
    const [waiting] = await harness.db.rows<{ n: number }>(
      sql`select count(*)::int as n from pgboss.job where name = 'webhook-drain' and state in ('created', 'retry')`,
    );
    expect(Number(waiting?.n)).toBeLessThanOrEqual(1);
    await until(async () => {
      const [row] = await harness.db.rows<{ n: number }>(
        sql`select count(*)::int as n from orders where source_id = ${connectionId} and external_id::int >= 20000`,
      );
      return Number(row?.n) === 200 ? true : undefined;
    }, 60_000);
  });
});
