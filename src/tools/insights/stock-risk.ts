import { z } from 'zod';
import type { ReplyPart } from '../../agent/reply-parts.ts';
import {
  defaultVelocityDays,
  lowCoverDays,
  type StockRiskReport,
  type StockRiskRow,
  stockRisk,
} from '../../insights/products.ts';
import { defineTool } from '../define.ts';

export const stockRiskTool = defineTool({
  name: 'stock_risk',
  title: 'Stock risk',
  description: `Products about to run out, most urgent first: out of stock, then fewest days of stock left at the current selling speed (units sold over the last \`days\` days, default ${defaultVelocityDays}, invoices and completed orders), flagged when at or below the reorder level or under ${lowCoverDays} days of cover. Use for "what should I restock?", "stock risk", "bidhaa zinazoisha". Returns stock on hand, units a day and days of cover per product.`,
  scope: 'read',
  confirm: false,
  annotations: { readOnlyHint: true, idempotentHint: true },
  input: z.object({
    days: z
      .number()
      .int()
      .min(7)
      .max(365)
      .default(defaultVelocityDays)
      .describe('How many past days (today included) the selling speed is measured over'),
    limit: z.number().int().min(1).max(100).default(20),
  }),
  async run({ deps, context }, input) {
    const report = await stockRisk(deps, context, { days: input.days, limit: input.limit });
    const data = {
      as_of: report.asOf,
      days: report.days,
      low_cover_days: lowCoverDays,
      products: report.rows.map((row) => ({
        product_id: row.productId,
        name: row.name,
        sku: row.sku,
        status: row.status,
        stock: row.stock,
        reorder_level: row.reorderLevel,
        sold: row.sold,
        per_day: round(row.velocity, 2),
        days_of_cover: row.daysOfCover === null ? null : round(row.daysOfCover, 1),
      })),
      total: report.count,
    };
    if (report.count === 0)
      return {
        data,
        text: `No stock risk: every product has at least ${lowCoverDays} days of stock and is above its reorder level.`,
        parts: [],
      };
    const heading = `${report.count} product${report.count === 1 ? '' : 's'} to restock (selling speed over the last ${report.days} days)`;
    const more =
      report.rows.length < report.count ? `\nShowing ${report.rows.length} of ${report.count}.` : '';
    const text = `${heading}:\n${report.rows.map((row) => `- ${advice(row, report.days)}`).join('\n')}${more}`;
    return { data, text, summary: heading, parts: [table(report, heading)] };
  },
});

/** "Restock Hisense 32 inch LED TV: 3 left, selling 1.5 a day → 2 days of cover". */
export function advice(row: StockRiskRow, days: number): string {
  const speed = row.sold > 0 ? `selling ${rate(row, days)}` : `none sold in the last ${days} days`;
  if (row.status === 'out_of_stock') return `Out of stock: ${row.name} (${speed})`;
  const left = `${quantity(row.stock)} left`;
  const level =
    row.reorderLevel !== null && row.stock <= row.reorderLevel
      ? `, reorder level ${quantity(row.reorderLevel)}`
      : '';
  const cover = row.daysOfCover === null ? '' : ` → ${coverText(row.daysOfCover)}`;
  return `Restock ${row.name}: ${left}${level}, ${speed}${cover}`;
}

/** Whole days, rounded down: the owner should not count on the part of a day. */
function coverText(cover: number): string {
  const whole = Math.floor(cover);
  if (whole < 1) return 'less than a day of cover';
  return `${whole} day${whole === 1 ? '' : 's'} of cover`;
}

/** Per day when at least one a day, per week when at least one a week, else the window's total. */
function rate(row: StockRiskRow, days: number): string {
  if (row.velocity >= 1) return `${quantity(round(row.velocity, 1))} a day`;
  if (row.velocity * 7 >= 1) return `${quantity(round(row.velocity * 7, 1))} a week`;
  return `${quantity(row.sold)} in ${days} days`;
}

function table(report: StockRiskReport, title: string): ReplyPart {
  const statusLabels = {
    out_of_stock: 'out of stock',
    low_cover: `under ${lowCoverDays} days`,
    below_reorder_level: 'at/below reorder level',
  } as const;
  return {
    type: 'table',
    title,
    columns: [
      { key: 'name', label: 'Product' },
      { key: 'sku', label: 'SKU' },
      { key: 'stock', label: 'In stock', align: 'right' },
      { key: 'reorder', label: 'Reorder at', align: 'right' },
      { key: 'speed', label: 'Per day', align: 'right' },
      { key: 'cover', label: 'Days left', align: 'right' },
      { key: 'status', label: 'Why' },
    ],
    rows: report.rows.map((row) => ({
      name: row.name,
      sku: row.sku ?? '—',
      stock: quantity(row.stock),
      reorder: row.reorderLevel === null ? '—' : quantity(row.reorderLevel),
      speed: quantity(round(row.velocity, 2)),
      cover: row.daysOfCover === null ? '—' : String(Math.floor(row.daysOfCover)),
      status: statusLabels[row.status],
    })),
    ...(report.rows.length < report.count
      ? { caption: `showing ${report.rows.length} of ${report.count}` }
      : {}),
  };
}

function round(value: number, digits: number): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}

function quantity(value: number): string {
  return Number.isInteger(value) ? String(value) : String(round(value, 2));
}
