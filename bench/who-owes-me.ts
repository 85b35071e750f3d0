/**
 * who_owes_me on a tenant of 100k customers and 1M invoices, against the bare SQL aggregate that
 * computes the same totals, measured in the same run on the same database.
 */
import { sql } from 'drizzle-orm';
import type { Database } from '../db/database.ts';
import { silentLogger } from '../src/core/logger.ts';
import { fixedClock } from '../src/core/time.ts';
import { createVault, generateVaultKey } from '../src/core/vault.ts';
import { loadDemo } from '../src/demo/load.ts';
import { contextForSlug } from '../src/tenancy/tenants.ts';
import { createToolRegistry } from '../src/tools/catalogue.ts';
import { ms, time } from './stats.ts';

export const benchToday = '2026-11-23';

/** The benchmark business (100k customers, 1M invoices by default), loaded once per database. */
export async function loadBenchTenant(db: Database, label: string, options: WhoOwesMeOptions): Promise<void> {
  const started = performance.now();
  const loaded = await loadDemo(db, {
    slug: 'bench',
    today: benchToday,
    reset: true,
    customers: options.customers,
    invoices: options.invoices,
    withLines: false,
  });
  console.log(
    `[${label}] loaded ${loaded.counts.customers} customers, ${loaded.counts.invoices} invoices, ${loaded.counts.payments} payments in ${ms(performance.now() - started)}`,
  );
}

export async function benchDeps(db: Database) {
  return {
    db,
    vault: await createVault([generateVaultKey()]),
    clock: fixedClock(`${benchToday}T09:00:00Z`),
    logger: silentLogger,
  };
}

export async function benchSetup(db: Database) {
  return {
    deps: await benchDeps(db),
    registry: createToolRegistry(),
    context: await contextForSlug(db, 'bench', 'cli'),
  };
}

export interface WhoOwesMeOptions {
  customers: number;
  invoices: number;
  runs: number;
}

/** Expects the bench business loaded (loadBenchTenant). */
export async function benchWhoOwesMe(db: Database, label: string, runs: number): Promise<void> {
  const { deps, registry, context } = await benchSetup(db);
  const today = benchToday;

  const tool = await time(async () => {
    const outcome = await registry.call(deps, context, 'who_owes_me', { limit: 20 }, { surface: 'cli' });
    if (outcome.status !== 'ok') throw new Error(outcome.text);
  }, runs);

  const bare = await time(
    () =>
      db.rows(sql`
        select currency, sum(total - amount_paid) as balance,
          sum(total - amount_paid) filter (where coalesce(due_date, issue_date) < ${today}::date) as overdue,
          count(distinct customer_id) as customers, count(*) as open_invoices
        from invoices
        where tenant_id = ${context.tenant.id} and status = 'open' and total > amount_paid
        group by currency`),
    runs,
  );

  console.log(
    `[${label}] who_owes_me (page of 20 + totals): median ${ms(tool.median)}, p95 ${ms(tool.p95)} over ${tool.runs} runs`,
  );
  console.log(`[${label}] bare SQL totals aggregate:        median ${ms(bare.median)}, p95 ${ms(bare.p95)}`);
  console.log(
    `[${label}] ratio tool/bare: median ${(tool.median / bare.median).toFixed(2)}x, p95 ${(tool.p95 / bare.p95).toFixed(2)}x (goal: p95 under 3x)`,
  );
}
