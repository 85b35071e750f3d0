/**
 * `debt.overdue`: emitted once when an open invoice crosses its due date + N days (N = the reminder
 * rule's `days_after_due`, default 3, whether or not reminders are on), counted in the business's
 * time zone; an invoice without a due date counts from its issue date, as in the receivables report.
 *
 * Exactly once: the mark (invoice, N) and the event are written in one transaction, and only for the
 * marks this statement inserted (INSERT … ON CONFLICT DO NOTHING RETURNING). A second run finds the
 * marks; a concurrent one waits on the first's uncommitted marks and then inserts none. If the owner
 * changes N, invoices are marked again for the new N (one event per invoice and N). The events are
 * written in batches rather than through `emitEvent` one by one, since a business's first run can
 * mark thousands of old invoices at once.
 */
import { sql } from 'drizzle-orm';
import { toInt } from '../../db/database.ts';
import { events } from '../../db/schema/index.ts';
import type { Deps } from '../core/context.ts';
import { dateInZone } from '../core/time.ts';
import type { EventType } from '../events/outbox.ts';
import { parseRuleParams } from '../rules/store.ts';

export interface OverdueReport {
  tenants: number;
  /** Invoices marked (and events emitted) by this run. */
  marked: number;
}

interface MarkedRow {
  invoice_id: string;
  number: string;
  customer_id: string | null;
  balance: unknown;
  currency: string;
  due: string;
  days_overdue: unknown;
}

/** Events per insert statement. */
const eventBatch = 1000;

/** Marks newly overdue invoices of one business, or of every business, and emits `debt.overdue`. */
export async function markOverdue(deps: Deps, tenantId?: string): Promise<OverdueReport> {
  const businesses = await deps.db.rows<{ id: string; timezone: string; params: unknown }>(sql`
    select t.id, t.timezone, r.params from tenants t
    left join rules r on r.tenant_id = t.id and r.key = 'whatsapp_reminders_unpaid'
    ${tenantId ? sql`where t.id = ${tenantId}` : sql``}
    order by t.id`);
  const report: OverdueReport = { tenants: businesses.length, marked: 0 };
  const now = deps.clock.now();
  for (const business of businesses) {
    const days = parseRuleParams('whatsapp_reminders_unpaid', business.params).days_after_due;
    const today = dateInZone(now, business.timezone);
    report.marked += await markTenant(deps, business.id, today, days, now);
  }
  return report;
}

async function markTenant(
  deps: Deps,
  tenantId: string,
  today: string,
  days: number,
  now: Date,
): Promise<number> {
  const age = sql`(${today}::date - coalesce(i.due_date, i.issue_date))`;
  return deps.db.orm.transaction(async (tx) => {
    const marked = await deps.db.rows<MarkedRow>(
      sql`
      with due as (
        select i.id, i.number, i.customer_id, i.balance, i.currency,
          coalesce(i.due_date, i.issue_date)::text as due, ${age} as days_overdue
        from invoices i
        where i.tenant_id = ${tenantId} and i.status = 'open' and i.total > i.amount_paid
          and ${age} >= ${days}
          and not exists (
            select 1 from overdue_marks m where m.invoice_id = i.id and m.days_after_due = ${days}
          )
      ),
      inserted as (
        insert into overdue_marks (tenant_id, invoice_id, days_after_due, marked_at)
        select ${tenantId}, id, ${days}, ${now.toISOString()}::timestamptz from due
        on conflict (invoice_id, days_after_due) do nothing
        returning invoice_id
      )
      select due.id as invoice_id, due.number, due.customer_id, due.balance, due.currency, due.due,
        due.days_overdue
      from due join inserted on inserted.invoice_id = due.id
      order by due.due, due.number`,
      tx,
    );
    for (let start = 0; start < marked.length; start += eventBatch) {
      await tx.insert(events).values(
        marked.slice(start, start + eventBatch).map((row) => ({
          tenantId,
          type: 'debt.overdue' satisfies EventType,
          payload: {
            invoice_id: row.invoice_id,
            number: row.number,
            customer_id: row.customer_id,
            balance: toInt(row.balance),
            currency: row.currency,
            days_overdue: toInt(row.days_overdue),
            due_date: row.due,
            days_after_due: days,
          },
        })),
      );
    }
    return marked.length;
  });
}
