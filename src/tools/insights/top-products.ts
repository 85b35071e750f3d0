import { z } from 'zod';
import type { ReplyPart } from '../../agent/reply-parts.ts';
import { AppError } from '../../core/errors.ts';
import { formatMoney, moneyView } from '../../core/money.ts';
import { dateInZone, formatDate } from '../../core/time.ts';
import { type TopProductsReport, topProducts } from '../../insights/products.ts';
import { defineTool } from '../define.ts';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'use YYYY-MM-DD');

export const topProductsTool = defineTool({
  name: 'top_products',
  title: 'Best products',
  description:
    'Best-selling products over a period of calendar days in the business’s time zone, by revenue or by units sold, per currency, with each product’s share of sales. Counts invoices (not void) and completed orders (POS, online shop). Use for "best products this month", "what sells most?", "bidhaa zinazouzika zaidi". Dates are inclusive; default: this month so far.',
  scope: 'read',
  confirm: false,
  annotations: { readOnlyHint: true, idempotentHint: true },
  input: z.object({
    from: isoDate.optional().describe('First day, YYYY-MM-DD'),
    to: isoDate.optional().describe('Last day, YYYY-MM-DD (inclusive)'),
    by: z.enum(['revenue', 'quantity']).default('revenue').describe('Rank by money earned or units sold'),
    limit: z.number().int().min(1).max(50).default(10),
  }),
  async run({ deps, context }, input) {
    const zone = context.tenant.timezone;
    const today = dateInZone(deps.clock.now(), zone);
    const from = input.from ?? `${today.slice(0, 8)}01`;
    const to = input.to ?? today;
    if (from > to) throw new AppError('bad_request', '`from` is after `to`');
    if (Date.parse(to) - Date.parse(from) > 3660 * 86_400_000)
      throw new AppError('bad_request', 'The period is longer than ten years');
    const report = await topProducts(deps, context, { from, to, limit: input.limit, by: input.by });
    const period =
      from === to
        ? formatDate(from, zone)
        : `${formatDate(from, zone)} – ${formatDate(to > today ? today : to, zone)}`;
    const data = {
      from,
      to,
      by: report.by,
      products: report.rows.map((row) => ({
        rank: row.rank,
        product_id: row.productId,
        name: row.name,
        sku: row.sku,
        quantity: row.quantity,
        revenue: moneyView(row.revenue, row.currency),
        share: share(row, report),
      })),
      totals: report.totals.map((total) => ({
        currency: total.currency,
        quantity: total.quantity,
        revenue: moneyView(total.revenue, total.currency),
        products: total.products,
      })),
    };
    if (report.rows.length === 0)
      return { data, text: `${period}: no sales of products recorded.`, parts: [] };
    const lines = report.rows.map(
      (row) =>
        `${row.rank}. ${row.name}: ${formatMoney(row.revenue, row.currency)} (${quantityText(row.quantity)} sold, ${share(row, report)}%)`,
    );
    const heading = `Best products by ${report.by === 'quantity' ? 'units sold' : 'revenue'}, ${period}`;
    const totals = report.totals
      .map(
        (total) =>
          `${formatMoney(total.revenue, total.currency)} from ${total.products} product${total.products === 1 ? '' : 's'}`,
      )
      .join('; ');
    const text = `${heading} (${totals}):\n${lines.join('\n')}`;
    return { data, text, summary: `${heading} (${totals})`, parts: [table(report, heading)] };
  },
});

/** Percent of the currency's sales in the period (by the ranking measure), one decimal. */
function share(row: TopProductsReport['rows'][number], report: TopProductsReport): number {
  const total = report.totals.find((entry) => entry.currency === row.currency);
  const whole = report.by === 'quantity' ? total?.quantity : total?.revenue;
  const part = report.by === 'quantity' ? row.quantity : row.revenue;
  return whole ? Math.round((part / whole) * 1000) / 10 : 0;
}

function quantityText(quantity: number): string {
  return Number.isInteger(quantity) ? String(quantity) : quantity.toFixed(2).replace(/0+$/, '');
}

function table(report: TopProductsReport, title: string): ReplyPart {
  return {
    type: 'table',
    title,
    columns: [
      { key: 'rank', label: '#', align: 'right' },
      { key: 'name', label: 'Product' },
      { key: 'sku', label: 'SKU' },
      { key: 'quantity', label: 'Sold', align: 'right' },
      { key: 'revenue', label: 'Revenue', align: 'right' },
      { key: 'share', label: 'Share', align: 'right' },
    ],
    rows: report.rows.map((row) => ({
      rank: String(row.rank),
      name: row.name,
      sku: row.sku ?? '—',
      quantity: quantityText(row.quantity),
      revenue: formatMoney(row.revenue, row.currency),
      share: `${share(row, report)}%`,
    })),
  };
}
