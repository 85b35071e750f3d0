/**
 * Webhook ingest on loopback: signed deliveries (Standard Webhooks, the custom POS connector) posted
 * by concurrent clients to a real HTTP server, each verified over its raw bytes, de-duplicated,
 * stored durably and queued before the 200. Baseline, in the same run on the same machine: a bare
 * Hono route answering 200 on the same server stack. Bounded (a fixed number of requests), stops by itself.
 */
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { Webhook } from 'standardwebhooks';
import type { Database } from '../db/database.ts';
import { createAssistant } from '../src/agent/assistant.ts';
import { offlineProvider } from '../src/agent/providers/offline.ts';
import { randomToken } from '../src/core/encoding.ts';
import { silentLogger } from '../src/core/logger.ts';
import { systemClock } from '../src/core/time.ts';
import { createVault, generateVaultKey } from '../src/core/vault.ts';
import { createApp } from '../src/http/app.ts';
import { startPgBossQueue } from '../src/runtime/node/pg-boss-queue.node.ts';
import { createConnection } from '../src/sync/connections.ts';
import { contextForSlug } from '../src/tenancy/tenants.ts';
import { createToolRegistry } from '../src/tools/catalogue.ts';
import { ms } from './stats.ts';

interface LoadResult {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
}

async function load(
  url: string,
  total: number,
  concurrency: number,
  request: (index: number) => RequestInit,
): Promise<LoadResult> {
  const latencies: number[] = [];
  let next = 0;
  let errors = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (;;) {
        const index = next++;
        if (index >= total) return;
        const begin = performance.now();
        const response = await fetch(url, request(index));
        await response.arrayBuffer();
        latencies.push(performance.now() - begin);
        if (response.status !== 200) errors++;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (fraction: number) =>
    latencies[Math.min(latencies.length - 1, Math.ceil(fraction * latencies.length) - 1)] ?? 0;
  return { rps: total / seconds, p50: at(0.5), p99: at(0.99), errors };
}

async function listen(fetchHandler: (request: Request) => Response | Promise<Response>) {
  const server = serve({ fetch: fetchHandler, port: 0, hostname: '127.0.0.1' });
  await new Promise((resolve) => server.once('listening', resolve));
  return { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

export async function benchWebhookIngest(
  db: Database,
  label: string,
  total: number,
  concurrency = 32,
): Promise<void> {
  const base = {
    db,
    vault: await createVault([generateVaultKey()]),
    clock: systemClock,
    logger: silentLogger,
  };
  const jobs = await startPgBossQueue(db, { logger: silentLogger, schedule: false });
  const registry = createToolRegistry();
  const deps = {
    ...base,
    jobs,
    registry,
    assistant: createAssistant({ deps: base, registry, provider: offlineProvider() }),
    assistantMode: 'offline',
    sessionSecret: randomToken(32),
  };
  const owner = await contextForSlug(db, 'demo', 'cli');
  const secret = `whsec_${btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(24))))}`;
  const { row } = await createConnection(deps, owner, {
    connector: 'custom_webhook',
    config: { signingSecret: secret },
  });
  const signer = new Webhook(secret);
  const app = await listen(createApp(deps).fetch);
  const bare = new Hono();
  bare.post('/hook', (c) => c.json({ ok: true }));
  const baseline = await listen(bare.fetch);

  const run = `${Date.now()}`;
  const body = (index: number) =>
    JSON.stringify({
      type: 'sale.completed',
      data: {
        id: `${run}-${index}`,
        number: `S-${index}`,
        ordered_at: '2026-11-23T08:00:00Z',
        total: '25000',
        currency: 'TZS',
        lines: [{ sku: 'SKU-1', description: 'Item', quantity: 1, unit_price: '25000', total: '25000' }],
      },
    });
  const signed = (index: number): RequestInit => {
    const id = `msg_${run}_${index}`;
    const payload = body(index);
    const now = new Date();
    return {
      method: 'POST',
      body: payload,
      headers: {
        'content-type': 'application/json',
        'webhook-id': id,
        'webhook-timestamp': String(Math.floor(now.getTime() / 1000)),
        'webhook-signature': signer.sign(id, now, payload),
      },
    };
  };
  // Warm both servers up.
  await load(`${app.origin}/webhooks/custom_webhook/${row.id}`, 50, 8, (index) => signed(1_000_000 + index));
  await load(`${baseline.origin}/hook`, 200, 8, (index) => ({
    method: 'POST',
    body: body(index),
    headers: { 'content-type': 'application/json' },
  }));

  const bareResult = await load(`${baseline.origin}/hook`, total, concurrency, (index) => ({
    method: 'POST',
    body: body(index),
    headers: { 'content-type': 'application/json' },
  }));
  const ingest = await load(`${app.origin}/webhooks/custom_webhook/${row.id}`, total, concurrency, signed);
  const [stored] = await db.rows<{ n: number }>(
    (await import('drizzle-orm'))
      .sql`select count(*)::int as n from webhook_inbox where connection_id = ${row.id}`,
  );
  console.log(
    `[${label}] webhook ingest, ${total.toLocaleString('en-US')} signed deliveries, ${concurrency} clients: ${ingest.rps.toFixed(0)} req/s, p50 ${ms(ingest.p50)}, p99 ${ms(ingest.p99)}, errors ${ingest.errors}, stored ${Number(stored?.n) - 50}`,
  );
  console.log(
    `[${label}] bare Hono route, same load: ${bareResult.rps.toFixed(0)} req/s, p99 ${ms(bareResult.p99)} → ingest is ${((100 * ingest.rps) / bareResult.rps).toFixed(1)}% of the bare route (goal ≥ 30%)`,
  );
  app.server.close();
  baseline.server.close();
  await jobs.stop();
}
