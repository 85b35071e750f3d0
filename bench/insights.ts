/**
 * All insight cards and recommendations (the `insights` tool) on the 100k-customer / 1M-invoice
 * business: median and p95, against the slowest single KPI query of the cards measured in the same
 * run (so the ratio shows what assembling the cards costs on top of their heaviest query).
 */
import type { Database } from '../db/database.ts';
import { churnRisk } from '../src/insights/churn.ts';
import { stockRisk, topProducts } from '../src/insights/products.ts';
import { receivables } from '../src/insights/receivables.ts';
import { customerTiers } from '../src/insights/tiers.ts';
import { revenueTrend } from '../src/insights/trend.ts';
import { ms, time } from './stats.ts';
import { benchSetup, benchToday } from './who-owes-me.ts';

export async function benchInsights(db: Database, label: string, runs: number): Promise<void> {
  const { deps, registry, context } = await benchSetup(db);
  const month = { from: `${benchToday.slice(0, 8)}01`, to: benchToday };
  const kpis: Record<string, () => Promise<unknown>> = {
    'revenue trend': () => revenueTrend(deps, context),
    'customer tiers': () => customerTiers(deps, context, { limit: 5 }),
    'top products': () => topProducts(deps, context, { ...month, limit: 5, by: 'revenue' }),
    'stock risk': () => stockRisk(deps, context, { limit: 5 }),
    receivables: () => receivables(deps, context, { onlyOverdue: true, limit: 5, offset: 0 }),
    'churn risk': () => churnRisk(deps, context, { limit: 5 }),
  };
  const kpiTimes: [string, number][] = [];
  for (const [name, run] of Object.entries(kpis))
    kpiTimes.push([name, (await time(run, Math.min(runs, 10), 1)).median]);
  kpiTimes.sort((a, b) => b[1] - a[1]);
  const [slowestName, slowest] = kpiTimes[0] ?? ['none', 1];
  const whole = await time(
    async () => {
      const outcome = await registry.call(deps, context, 'insights', {}, { surface: 'cli' });
      if (outcome.status !== 'ok') throw new Error(outcome.text);
    },
    runs,
    2,
  );
  console.log(
    `[${label}] insights (all cards + recommendations): median ${ms(whole.median)}, p95 ${ms(whole.p95)} (goal < 1 s on Postgres); slowest single KPI query ${slowestName} ${ms(slowest)} → ${(whole.median / slowest).toFixed(2)}×; KPI medians: ${kpiTimes.map(([name, value]) => `${name} ${ms(value)}`).join(', ')}`,
  );
}
