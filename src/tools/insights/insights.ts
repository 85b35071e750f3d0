import { z } from 'zod';
import type { ReplyPart } from '../../agent/reply-parts.ts';
import type { TenantContext } from '../../core/context.ts';
import { formatMoney, moneyView } from '../../core/money.ts';
import { addDays, dateInZone, formatDate } from '../../core/time.ts';
import { type ChurnReport, churnRisk, durationText, rhythmText } from '../../insights/churn.ts';
import {
  type StockRiskReport,
  stockRisk,
  type TopProductsReport,
  topProducts,
} from '../../insights/products.ts';
import { ageingBuckets, type ReceivablesReport, receivables } from '../../insights/receivables.ts';
import {
  type Recommendation,
  type RecommendationsReport,
  recommendationCandidates,
  recommendations,
} from '../../insights/recommendations.ts';
import { customerTiers, type TiersReport } from '../../insights/tiers.ts';
import {
  type CurrencyTrend,
  type Driver,
  defaultTrendPeriod,
  type RevenueTrend,
  revenueTrend,
  tierNames,
} from '../../insights/trend.ts';
import { defineTool } from '../define.ts';
import { advice } from './stock-risk.ts';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'use YYYY-MM-DD');
/** Rows shown per card; the data carries the same. */
const cardRows = 3;

const headings = {
  title: ['How business is going', 'Hali ya biashara'],
  revenue: ['Revenue', 'Mapato'],
  customers: ['Best customers', 'Wateja bora'],
  products: ['Best products', 'Bidhaa bora'],
  stock: ['Stock risk', 'Bidhaa zinazoisha'],
  debt: ['Debt risk', 'Madeni'],
  churn: ['Churn risk', 'Wateja wanaopotea'],
  recommendations: ['Recommendations', 'Mapendekezo'],
} as const;
const priorityLabels = { high: ['high', 'juu'], medium: ['medium', 'kati'], low: ['low', 'chini'] } as const;
const ageingLabels = {
  '1_30': '1–30 days',
  '31_60': '31–60 days',
  '61_90': '61–90 days',
  '90_plus': '90+ days',
};

export const insightsTool = defineTool({
  name: 'insights',
  title: 'Insights',
  description: `How the business is doing, as cards with the numbers behind them: revenue for the period against the same number of days just before (per currency) with its drivers (products and customer tiers that changed most), best customers by tier (Gold/Silver/Bronze by recency, frequency and spend over the last year), best products, stock risk (days of cover), debt risk (overdue total and ageing), churn risk (regular customers whose buying rhythm broke); then numbered recommendations with priority and reason, each with an id that take_action runs after the owner confirms. Use for "how is business?", "biashara inaendaje?", "what should I do today?". Default period: this month so far.`,
  scope: 'read',
  confirm: false,
  annotations: { readOnlyHint: true, idempotentHint: true },
  input: z.object({
    from: isoDate.optional().describe('First day, YYYY-MM-DD; default the first of this month'),
    to: isoDate.optional().describe('Last day, YYYY-MM-DD (inclusive); default today'),
  }),
  async run({ deps, context }, input) {
    const zone = context.tenant.timezone;
    const today = dateInZone(deps.clock.now(), zone);
    const period = defaultTrendPeriod(today);
    const from = input.from ?? period.from;
    const to = input.to ?? period.to;
    const [trend, tiers, products, stock, debt, churn] = await Promise.all([
      revenueTrend(deps, context, { from, to }),
      customerTiers(deps, context, { limit: cardRows }),
      topProducts(deps, context, { from, to, limit: cardRows, by: 'revenue' }),
      stockRisk(deps, context, { limit: recommendationCandidates }),
      receivables(deps, context, { limit: cardRows, offset: 0, onlyOverdue: true }),
      churnRisk(deps, context, { limit: recommendationCandidates }),
    ]);
    const advised = await recommendations(deps, context, { stock, churn });
    const language = context.tenant.language;
    const say = (key: keyof typeof headings) => headings[key][language === 'sw' ? 1 : 0];
    const text = [
      `${say('title')}: ${periodText(trend.from, trend.to, zone, language)}`,
      `${say('revenue')}: ${trendText(trend, context)}`,
      `${say('customers')}: ${tiersText(tiers)}`,
      `${say('products')}: ${productsText(products)}`,
      `${say('stock')}: ${stockText(stock)}`,
      `${say('debt')}: ${debtText(debt)}`,
      `${say('churn')}: ${churnText(churn, context)}`,
      `${say('recommendations')}:\n${recommendationsText(advised, language)}`,
    ].join('\n\n');
    const chart = trendChart(trend, context);
    return {
      data: {
        as_of: today,
        period: {
          from: trend.from,
          to: trend.to,
          previous_from: trend.previousFrom,
          previous_to: trend.previousTo,
        },
        trend: trend.currencies.map((entry) => trendData(entry)),
        tiers: {
          from: tiers.from,
          currency: tiers.currency,
          customers: tiers.customers,
          tiers: tiers.tiers.map((tier) => ({
            tier: tier.tier,
            customers: tier.customers,
            revenue: moneyView(tier.revenue, tiers.currency),
            best: tier.best.map((customer) => ({
              customer_id: customer.customerId,
              name: customer.name,
              last_purchase: customer.lastPurchase,
              days_since: customer.recency,
              purchases: customer.purchases,
              revenue: moneyView(customer.revenue, tiers.currency),
              scores: customer.scores,
            })),
          })),
        },
        products: products.rows.map((row) => ({
          rank: row.rank,
          product_id: row.productId,
          name: row.name,
          quantity: row.quantity,
          revenue: moneyView(row.revenue, row.currency),
        })),
        stock: {
          total: stock.count,
          products: stock.rows.slice(0, cardRows).map((row) => ({
            product_id: row.productId,
            name: row.name,
            status: row.status,
            stock: row.stock,
            per_day: Math.round(row.velocity * 100) / 100,
            days_of_cover: row.daysOfCover === null ? null : Math.round(row.daysOfCover * 10) / 10,
          })),
        },
        debt: {
          totals: debt.totals.map((total) => ({
            currency: total.currency,
            overdue: moneyView(total.overdue, total.currency),
            customers: total.customers,
            invoices: total.openInvoices,
            ageing: Object.fromEntries(
              ageingBuckets.map((bucket) => [bucket, moneyView(total.buckets[bucket], total.currency)]),
            ),
          })),
          top: debt.rows.map((row) => ({
            customer_id: row.customerId,
            name: row.name,
            overdue: moneyView(row.overdue, row.currency),
            days_overdue: row.daysOverdue,
          })),
        },
        churn: {
          total: churn.count,
          revenue_at_risk: moneyView(churn.revenueAtRisk, churn.currency),
          customers: churn.rows.slice(0, cardRows).map((row) => ({
            customer_id: row.customerId,
            name: row.name,
            purchases: row.purchases,
            median_gap_days: row.medianGap,
            days_silent: row.daysSilent,
            last_purchase: row.lastPurchase,
            revenue_at_risk: moneyView(row.revenueAtRisk, churn.currency),
          })),
        },
        recommendations: advised.items.map((item) => ({
          number: item.number,
          id: item.id,
          kind: item.kind,
          priority: item.priority,
          score: item.score,
          title: item.title,
          reason: item.reason,
          evidence: item.evidence,
          action: item.action,
          done: item.done,
        })),
      },
      text,
      parts: chart ? [chart] : [],
    };
  },
});

function periodText(from: string, to: string, zone: string, language: string): string {
  return from === to
    ? formatDate(from, zone, language)
    : `${formatDate(from, zone, language)} – ${formatDate(to, zone, language)}`;
}

function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

function signed(minor: number, currency: string): string {
  return `${minor >= 0 ? '+' : '−'}${formatMoney(Math.abs(minor), currency)}`;
}

function trendData(entry: CurrencyTrend) {
  const driver = (item: Driver) => ({
    key: item.key,
    name: item.name,
    current: moneyView(item.current, entry.currency),
    previous: moneyView(item.previous, entry.currency),
    change: moneyView(item.change, entry.currency),
    share: item.share,
  });
  return {
    currency: entry.currency,
    current: moneyView(entry.current, entry.currency),
    previous: moneyView(entry.previous, entry.currency),
    change: moneyView(entry.change, entry.currency),
    change_percent: entry.changePercent,
    sales: entry.sales,
    products: entry.products.map(driver),
    tiers: entry.tiers.map(driver),
  };
}

/** "TSh 12,000,000, +18% vs TSh 10,200,000 (9 Oct – 31 Oct); mostly Hisense TV (+TSh …) and your Gold customers (+TSh …)". */
function trendText(trend: RevenueTrend, context: TenantContext): string {
  const zone = context.tenant.timezone;
  if (trend.currencies.length === 0)
    return `no sales in this period or in the ${plural(trend.days, 'day')} before it.`;
  const before = periodText(trend.previousFrom, trend.previousTo, zone, 'en');
  return trend.currencies
    .map((entry) => {
      const sales = `${plural(entry.sales.current, 'sale')} vs ${entry.sales.previous}`;
      const comparison =
        entry.previous === 0
          ? `${formatMoney(entry.current, entry.currency)} (${plural(entry.sales.current, 'sale')}); nothing sold in ${before}`
          : `${formatMoney(entry.current, entry.currency)}, ${percentText(entry.changePercent)}vs ${formatMoney(entry.previous, entry.currency)} in ${before} (${sales})`;
      const drivers = driversText(entry);
      return `${comparison}${drivers ? `; ${drivers}` : ''}.`;
    })
    .join('\n');
}

function percentText(percent: number | null): string {
  return percent === null ? '' : `${percent >= 0 ? '+' : ''}${percent}% `;
}

/** The product and the tier that moved most in the direction of the total: "mostly X (+…) and your Gold customers (+…)". */
function driversText(entry: CurrencyTrend): string {
  if (entry.change === 0) return '';
  const sameWay = (driver: Driver) => Math.sign(driver.change) === Math.sign(entry.change);
  const product = entry.products.find(sameWay);
  const tier = entry.tiers.find(sameWay);
  const named = [
    product ? `${product.name} (${signed(product.change, entry.currency)})` : null,
    tier
      ? `${tier.key === 'walk_in' || tier.key === 'unranked' ? tierNames[tier.key] : `your ${tierNames[tier.key]}`} (${signed(tier.change, entry.currency)})`
      : null,
  ].filter((piece): piece is string => piece !== null);
  return named.length > 0 ? `${entry.change > 0 ? 'up' : 'down'} mostly from ${named.join(' and ')}` : '';
}

function tiersText(report: TiersReport): string {
  if (report.customers === 0) return 'no customer bought in the last 365 days.';
  const lines = report.tiers
    .filter((tier) => tier.customers > 0)
    .map((tier) => {
      const best = tier.best
        .map(
          (customer) =>
            `${customer.name} (${formatMoney(customer.revenue, report.currency)}, ${plural(customer.purchases, 'purchase')}, last ${customer.recency === 0 ? 'today' : `${plural(customer.recency, 'day')} ago`})`,
        )
        .join(', ');
      return `- ${tier.tier[0]?.toUpperCase()}${tier.tier.slice(1)}: ${plural(tier.customers, 'customer')}, ${formatMoney(tier.revenue, report.currency)} — ${best}`;
    });
  return `by recency, frequency and spend over the last 365 days\n${lines.join('\n')}`;
}

function productsText(report: TopProductsReport): string {
  if (report.rows.length === 0) return 'no product sales recorded in this period.';
  return report.rows
    .map(
      (row) =>
        `${row.rank}. ${row.name}: ${formatMoney(row.revenue, row.currency)} (${Number.isInteger(row.quantity) ? row.quantity : row.quantity.toFixed(2)} sold)`,
    )
    .join('; ');
}

function stockText(report: StockRiskReport): string {
  if (report.count === 0) return 'every product has at least a week of stock.';
  const more = report.count > cardRows ? `\n- and ${report.count - cardRows} more` : '';
  return `${plural(report.count, 'product')} to watch\n${report.rows
    .slice(0, cardRows)
    .map((row) => `- ${advice(row, report.days)}`)
    .join('\n')}${more}`;
}

function debtText(report: ReceivablesReport): string {
  if (report.totals.length === 0) return 'nothing overdue.';
  const totals = report.totals.map((total) => {
    const ageing = ageingBuckets
      .filter((bucket) => bucket !== 'current' && total.buckets[bucket] > 0)
      .map(
        (bucket) =>
          `${ageingLabels[bucket as keyof typeof ageingLabels]} ${formatMoney(total.buckets[bucket], total.currency)}`,
      )
      .join(', ');
    return `${formatMoney(total.overdue, total.currency)} overdue from ${plural(total.customers, 'customer')} (${ageing})`;
  });
  const top = report.rows
    .map(
      (row) =>
        `${row.name} ${formatMoney(row.overdue, row.currency)}, ${plural(row.daysOverdue, 'day')} late`,
    )
    .join('; ');
  return `${totals.join('; ')}. Largest: ${top}.`;
}

function churnText(report: ChurnReport, context: TenantContext): string {
  if (report.count === 0) return 'no regular customer has broken their buying rhythm.';
  const rows = report.rows
    .slice(0, cardRows)
    .map(
      (row) =>
        `- ${row.name}: used to buy ${rhythmText(row.medianGap)}, nothing for ${durationText(row.daysSilent)} (${formatMoney(row.revenueAtRisk, report.currency)} in the last year)`,
    );
  const more = report.count > cardRows ? `\n- and ${report.count - cardRows} more` : '';
  return `${plural(report.count, 'regular customer')} stopped buying, ${formatMoney(report.revenueAtRisk, context.tenant.currency)} a year at risk\n${rows.join('\n')}${more}`;
}

function recommendationsText(report: RecommendationsReport, language: string): string {
  const sw = language === 'sw';
  if (report.items.length === 0) return sw ? 'Hakuna jambo la dharura leo.' : 'Nothing urgent today.';
  const lines = report.items.map(
    (item: Recommendation) =>
      `${item.number}. [${priorityLabels[item.priority][sw ? 1 : 0]}]${item.done ? (sw ? ' ✓ imefanyika:' : ' ✓ done:') : ''} ${item.title} — ${item.reason}`,
  );
  const hint = sw
    ? 'Sema "chukua hatua 1" (au namba nyingine) kuifanya; hakuna kitakachofanyika kabla hujathibitisha.'
    : 'Say "take action 1" (or another number) to do it; nothing happens before you confirm.';
  return `${lines.join('\n')}\n${hint}`;
}

/** Revenue per day (per week beyond 31 days, per month beyond 26 weeks) in the business's currency. */
function trendChart(trend: RevenueTrend, context: TenantContext): ReplyPart | null {
  const entry =
    trend.currencies.find((item) => item.currency === context.tenant.currency) ?? trend.currencies[0];
  if (!entry || entry.current === 0) return null;
  const size = trend.days <= 31 ? 1 : trend.days <= 182 ? 7 : 0;
  const buckets = new Map<string, number>();
  for (const [index, day] of entry.daily.entries()) {
    const key = size === 0 ? day.day.slice(0, 7) : addDays(trend.from, index - (index % size));
    buckets.set(key, (buckets.get(key) ?? 0) + day.revenue);
  }
  const zone = context.tenant.timezone;
  const label = (key: string) =>
    new Intl.DateTimeFormat('en-GB', {
      timeZone: 'UTC',
      ...(key.length === 7 ? { month: 'short', year: 'numeric' } : { day: 'numeric', month: 'short' }),
    }).format(new Date(`${key.length === 7 ? `${key}-15` : key}T12:00:00Z`));
  const unit = size === 1 ? 'day' : size === 7 ? 'week' : 'month';
  return {
    type: 'chart',
    title: `Revenue per ${unit}, ${periodText(trend.from, trend.to, zone, 'en')} (${entry.currency})`,
    bars: [...buckets].map(([key, value]) => ({
      label: label(key),
      value,
      display: formatMoney(value, entry.currency),
    })),
  };
}
