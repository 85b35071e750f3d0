/**
 * `npm run bench`: benchmarks on PGlite, and on Postgres when it is reachable (BENCH_DATABASE_URL or
 * DATABASE_URL, else the local server). Sizes: BENCH_CUSTOMERS, BENCH_INVOICES, BENCH_RUNS,
 * BENCH_SESSIONS, BENCH_MESSAGES, BENCH_IMPORT_ROWS, BENCH_WEBHOOKS, BENCH_SHOPIFY_ORDERS, BENCH_SHOPIFY_RATE (points/s); BENCH_ONLY=import|webhooks|shopify|insights runs that benchmark alone (turn: up to the assistant turn),
 * BENCH_DB=pglite|postgres one database only.
 */
import postgres from 'postgres';
import type { Database } from '../db/database.ts';
import { migrate } from '../db/migrate.node.ts';
import { openPglite } from '../db/pglite.node.ts';
import { openPostgres } from '../db/postgres.ts';
import { loadDemo } from '../src/demo/load.ts';
import { benchAgentTurn } from './agent-turn.ts';
import { benchImportCustomers } from './import-customers.ts';
import { benchInsights } from './insights.ts';
import { benchShopifySync } from './shopify-sync.ts';
import { benchWebChatLoad } from './web-chat-load.ts';
import { benchWebhookIngest } from './webhook-ingest.ts';
import { benchSetup, benchWhoOwesMe, loadBenchTenant } from './who-owes-me.ts';

const options = {
  customers: Number(process.env.BENCH_CUSTOMERS ?? 100_000),
  invoices: Number(process.env.BENCH_INVOICES ?? 1_000_000),
  runs: Number(process.env.BENCH_RUNS ?? 30),
  sessions: Number(process.env.BENCH_SESSIONS ?? 200),
  messages: Number(process.env.BENCH_MESSAGES ?? 5),
  importRows: Number(process.env.BENCH_IMPORT_ROWS ?? 1_000_000),
  webhooks: Number(process.env.BENCH_WEBHOOKS ?? 5_000),
  shopifyOrders: Number(process.env.BENCH_SHOPIFY_ORDERS ?? 50_000),
  shopifyRate: Number(process.env.BENCH_SHOPIFY_RATE ?? 2_000),
  only: process.env.BENCH_ONLY,
};

async function benchAll(db: Database, label: string): Promise<void> {
  await migrate(db);
  if (options.only === 'import') {
    await benchImportCustomers(db, label, options.importRows);
    return;
  }
  if (options.only === 'shopify') {
    await benchShopifySync(db, label, options.shopifyOrders, options.shopifyRate);
    return;
  }
  if (options.only === 'webhooks') {
    await loadDemo(db, { today: new Date().toISOString().slice(0, 10) });
    await benchWebhookIngest(db, label, options.webhooks);
    return;
  }
  await loadBenchTenant(db, label, options);
  await benchWhoOwesMe(db, label, options.runs);
  await benchInsights(db, label, options.runs);
  if (options.only === 'insights') return;
  const { deps, registry, context } = await benchSetup(db);
  await benchAgentTurn(deps, registry, context, label, options.runs);
  if (options.only === 'turn') return;
  await loadDemo(db, { today: new Date().toISOString().slice(0, 10) });
  await benchWebChatLoad(db, label, options.sessions, options.messages);
  await benchImportCustomers(db, label, options.importRows);
  await benchWebhookIngest(db, label, options.webhooks);
  await benchShopifySync(db, label, options.shopifyOrders, options.shopifyRate);
}

// BENCH_DB=pglite or postgres runs one side only (peak RSS is per process, so measure one at a time).
if (process.env.BENCH_DB !== 'postgres') {
  const pglite = await openPglite('memory://');
  await benchAll(pglite, 'pglite');
  await pglite.close();
}
if (process.env.BENCH_DB === 'pglite') process.exit(0);

const serverUrl =
  process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const admin = postgres(serverUrl, { max: 1, onnotice: () => {}, connect_timeout: 3 });
try {
  await admin.unsafe('drop database if exists kiungo_bench with (force)');
  await admin.unsafe('create database kiungo_bench');
} catch (error) {
  console.log(`[postgres] skipped: ${(error as Error).message}`);
  await admin.end();
  process.exit(0);
}
const url = new URL(serverUrl);
url.pathname = '/kiungo_bench';
const database = openPostgres(url.toString());
try {
  await benchAll(database, 'postgres');
} finally {
  await database.close();
  await admin.unsafe('drop database if exists kiungo_bench with (force)');
  await admin.end();
}
