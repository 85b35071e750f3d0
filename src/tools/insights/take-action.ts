import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { toInt } from '../../../db/database.ts';
import { activities } from '../../../db/schema/index.ts';
import type { Deps, TenantContext } from '../../core/context.ts';
import { AppError } from '../../core/errors.ts';
import { formatMoney, moneyView } from '../../core/money.ts';
import { addDays, dateInZone, formatDate } from '../../core/time.ts';
import { type Recommendation, recommendations } from '../../insights/recommendations.ts';
import { queueReminders } from '../../reminders/reminders.ts';
import { defineTool, type ToolContext, type ToolOutput } from '../define.ts';

/** Follow-ups and restock notes are due at the end of the business's working day. */
const dueTime = '17:00';

const input = z.object({
  recommendation: z
    .string()
    .trim()
    .min(1)
    .max(40)
    .describe('The recommendation’s id (rec_…) from insights, or its number in today’s list ("2")'),
});

/**
 * Today's recommendation named by id or number. Recomputed on every call, so a confirmation runs on
 * the current data: paid invoices drop out of reminders, a restock quantity follows the latest stock.
 */
async function resolve({ deps, context }: ToolContext, reference: string): Promise<Recommendation> {
  const report = await recommendations(deps, context);
  const number = /^#?\d{1,3}$/.test(reference) ? Number(reference.replace('#', '')) : null;
  const found = report.items.find((item) =>
    number === null ? item.id === reference.toLowerCase() : item.number === number,
  );
  if (!found) {
    const list = report.items.map((item) => `${item.number}. ${item.title} (${item.id})`).join('; ');
    throw new AppError(
      'not_found',
      `There is no recommendation ${reference} today (ids change every day). ${list ? `Today's: ${list}` : 'There are no recommendations today.'}`,
      {
        details: {
          recommendations: report.items.map((item) => ({
            number: item.number,
            id: item.id,
            title: item.title,
          })),
        },
      },
    );
  }
  return found;
}

/** An activity already saved for this recommendation today: taking it twice would duplicate it. */
async function alreadyDone(deps: Deps, context: TenantContext, id: string): Promise<string | null> {
  const [row] = await deps.db.rows<{ summary: string }>(sql`
    select summary from activities
    where tenant_id = ${context.tenant.id} and data->>'recommendation_id' = ${id}
    limit 1`);
  return row?.summary ?? null;
}

/** The instant of a local wall-clock time on a date in an IANA zone (two passes handle DST edges). */
export function zonedInstant(date: string, time: string, timeZone: string): Date {
  const wanted = Date.parse(`${date}T${time}:00Z`);
  let instant = wanted;
  for (let pass = 0; pass < 2; pass++) {
    const local = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    }).formatToParts(new Date(instant));
    const part = (type: string) => local.find((entry) => entry.type === type)?.value ?? '00';
    const seen = Date.parse(
      `${part('year')}-${part('month')}-${part('day')}T${part('hour')}:${part('minute')}:00Z`,
    );
    instant += wanted - seen;
  }
  return new Date(instant);
}

interface ProductFacts {
  name: string;
  sku: string | null;
  cost: number | null;
  currency: string;
}

async function productFacts(deps: Deps, context: TenantContext, productId: string): Promise<ProductFacts> {
  const [row] = await deps.db.rows<Record<string, unknown>>(sql`
    select name, sku, cost, currency from products where tenant_id = ${context.tenant.id} and id = ${productId}`);
  if (!row) throw new AppError('not_found', 'That product is no longer in this business');
  return {
    name: row.name as string,
    sku: (row.sku as string | null) ?? null,
    cost: row.cost === null || row.cost === undefined ? null : toInt(row.cost),
    currency: row.currency as string,
  };
}

function restockDue(recommendation: Recommendation, today: string): string {
  const cover = recommendation.evidence.days_of_cover;
  return addDays(today, typeof cover === 'number' ? Math.max(0, Math.floor(cover)) : 0);
}

export const takeActionTool = defineTool({
  name: 'take_action',
  title: 'Take a recommended action',
  description:
    'Runs one of today’s recommendations from `insights`, named by its id (rec_…) or its number in today’s list: send WhatsApp payment reminders for overdue invoices (queued in the outbox until a messaging channel sends them), save a restock note (a purchase-order draft: product and units to order, nothing is sent to a supplier), or schedule a follow-up call with a customer. This is a write: it returns a pending action the owner must confirm; never say it was done until a confirmed result says so. Use for "take action 2", "do it", "fanya hatua ya 1".',
  scope: 'write',
  confirm: true,
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false },
  input,
  async preview(tool, values) {
    const recommendation = await resolve(tool, values.recommendation);
    const { deps, context } = tool;
    const done = await alreadyDone(deps, context, recommendation.id);
    if (done) throw new AppError('conflict', `Already done today: ${done}`);
    const today = dateInZone(deps.clock.now(), context.tenant.timezone);
    const zone = context.tenant.timezone;
    const base = {
      recommendation: {
        id: recommendation.id,
        number: recommendation.number,
        kind: recommendation.kind,
        title: recommendation.title,
        reason: recommendation.reason,
      },
    };
    const action = recommendation.action;
    switch (action.kind) {
      case 'send_reminders':
        return {
          summary: `Queue WhatsApp payment reminders for ${action.input.invoice_ids.length} overdue invoice${action.input.invoice_ids.length === 1 ? '' : 's'} (${recommendation.evidence.overdue}), one message per customer; they wait in the outbox until a messaging channel sends them.`,
          details: { ...base, invoice_ids: action.input.invoice_ids },
        };
      case 'restock_note': {
        const product = await productFacts(deps, context, action.input.product_id);
        const cost = product.cost === null ? null : product.cost * action.input.quantity;
        return {
          summary: `Save a restock note (purchase-order draft): order ${action.input.quantity} × ${product.name}${cost ? ` (about ${formatMoney(cost, product.currency)} at cost)` : ''}, due ${formatDate(restockDue(recommendation, today), zone)}. Nothing is sent to a supplier.`,
          details: {
            ...base,
            product_id: action.input.product_id,
            product: product.name,
            sku: product.sku,
            quantity: action.input.quantity,
            estimated_cost: cost === null ? null : moneyView(cost, product.currency),
          },
        };
      }
      case 'follow_up':
        return {
          summary: `Schedule a follow-up for ${formatDate(action.input.due_date, zone)}: ${action.input.note}. Nothing is sent to the customer.`,
          details: { ...base, ...action.input },
        };
    }
  },
  async run(tool, values): Promise<ToolOutput<Record<string, unknown>>> {
    const recommendation = await resolve(tool, values.recommendation);
    const { deps, context } = tool;
    const done = await alreadyDone(deps, context, recommendation.id);
    if (done) throw new AppError('conflict', `Already done today: ${done}`);
    const zone = context.tenant.timezone;
    const today = dateInZone(deps.clock.now(), zone);
    const action = recommendation.action;
    const about = { recommendation_id: recommendation.id, recommendation: recommendation.title };
    switch (action.kind) {
      case 'send_reminders': {
        const result = await queueReminders(deps, context, { invoiceIds: action.input.invoice_ids });
        const skipped = result.skipped.length;
        return {
          data: { ...about, kind: action.kind, queued: result.queued, skipped: result.skipped },
          text: `Queued ${result.queued} WhatsApp reminder${result.queued === 1 ? '' : 's'} (not sent yet: they wait for a messaging channel).${skipped > 0 ? ` ${skipped} invoice${skipped === 1 ? ' was' : 's were'} left out: ${[...new Set(result.skipped.map((entry) => entry.reason))].join('; ')}.` : ''}`,
        };
      }
      case 'restock_note': {
        const product = await productFacts(deps, context, action.input.product_id);
        const due = restockDue(recommendation, today);
        const summary = `Restock ${product.name}: order ${action.input.quantity} units`;
        const [row] = await deps.db.orm
          .insert(activities)
          .values({
            tenantId: context.tenant.id,
            kind: 'restock',
            summary,
            dueAt: zonedInstant(due, dueTime, zone),
            data: {
              ...about,
              draft: 'purchase_order',
              product_id: action.input.product_id,
              product: product.name,
              sku: product.sku,
              quantity: action.input.quantity,
              unit_cost: product.cost,
              currency: product.currency,
              evidence: recommendation.evidence,
            },
          })
          .returning({ id: activities.id });
        return {
          data: { ...about, kind: action.kind, activity_id: row?.id, ...action.input, due_date: due },
          text: `Saved a restock note: order ${action.input.quantity} × ${product.name} by ${formatDate(due, zone)}.`,
        };
      }
      case 'follow_up': {
        const [row] = await deps.db.orm
          .insert(activities)
          .values({
            tenantId: context.tenant.id,
            customerId: action.input.customer_id,
            kind: 'follow_up',
            summary: action.input.note,
            dueAt: zonedInstant(action.input.due_date, dueTime, zone),
            data: { ...about, due_date: action.input.due_date, evidence: recommendation.evidence },
          })
          .returning({ id: activities.id });
        return {
          data: { ...about, kind: action.kind, activity_id: row?.id, ...action.input },
          text: `Follow-up scheduled for ${formatDate(action.input.due_date, zone)}: ${action.input.note}.`,
        };
      }
    }
  },
});
