/**
 * Payment reminders to customers with overdue invoices: who gets what (`planReminders`) and putting
 * those messages in the outbox (`queueReminders`).
 *
 * Who: open invoices with a balance that are at least N days past due in the business's time zone
 * (N = `daysOverdueMin`, else the rule's `days_after_due`; an invoice without a due date counts from
 * its issue date, as in the receivables report). Invoices without a customer, customers without a
 * phone and customers who opted out are skipped, each with the reason.
 *
 * One message per phone number: a customer's overdue invoices go into one message, and duplicate
 * customer records that share a phone (the same person entered twice) get one message, not two.
 *
 * At most once per invoice per interval: each invoice's reminder has the dedupe key
 * `reminder:<invoice id>:<interval index>`, where interval index = floor(days since due /
 * interval_days). So the days after due fall into windows [0, I), [I, 2I), … and an invoice is reminded
 * at most once in each window, whoever runs the job and however often. On top of that an invoice
 * reminded in the last `interval_days` days is skipped, so two reminders are always at least
 * `interval_days` apart (with the defaults: day 3, then day 10, 17, …), not only in different windows.
 *
 * How the keys are claimed: the outbox has one row per (invoice, interval), inserted with
 * ON CONFLICT DO NOTHING on (tenant, dedupe_key) in one transaction per message. The row of the
 * oldest claimed invoice is the message (`queued`, with the text naming every claimed invoice); the
 * others are `grouped` rows that only hold their invoice's key and point at it (`data.messageId`).
 * A second run, or a second worker at the same moment, claims nothing and queues nothing. Only
 * `queued` rows are ever delivered or counted as messages.
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import { toInt } from '../../db/database.ts';
import { outboundMessages } from '../../db/schema/index.ts';
import type { Deps, TenantContext } from '../core/context.ts';
import { isUuid } from '../core/ids.ts';
import { addDays, dateInZone } from '../core/time.ts';
import { resolveCustomer } from '../records/customers.ts';
import type { ReminderParams } from '../rules/catalogue.ts';
import { loadRuleParams } from '../rules/store.ts';
import { type ComposedReminder, composeReminder, type ReminderLanguage, totalsOf } from './compose.ts';

export interface ReminderInput {
  /** Invoice ids (or invoice numbers) to remind about; every overdue invoice when absent. */
  invoiceIds?: readonly string[] | undefined;
  /** A customer's name, phone or email: only their invoices. */
  customer?: string | undefined;
  /** Only invoices at least this many days past due; the rule's `days_after_due` when absent. */
  daysOverdueMin?: number | undefined;
}

export interface PlannedInvoice {
  id: string;
  number: string;
  dueDate: string;
  daysOverdue: number;
  balance: number;
  currency: string;
  intervalIndex: number;
  dedupeKey: string;
}

export interface PlannedReminder {
  /** The customer the message is addressed to (the one with the most overdue invoices). */
  customerId: string;
  /** Every customer record whose invoices it names (several when duplicates share the phone). */
  customerIds: string[];
  name: string;
  /** E.164 phone. */
  address: string;
  /** Oldest first. */
  invoices: PlannedInvoice[];
  totals: { currency: string; amount: number }[];
  language: ReminderLanguage;
  body: string;
  template: ComposedReminder['template'];
}

export interface SkippedInvoice {
  invoiceId: string;
  number?: string;
  customer?: string;
  reason: string;
}

export interface ReminderPlan {
  /** The business's local date the plan is for. */
  asOf: string;
  daysOverdueMin: number;
  intervalDays: number;
  reminders: PlannedReminder[];
  skipped: SkippedInvoice[];
}

/** Outbox statuses: only `queued` rows are messages waiting for a channel. */
export const reminderKind = 'reminder';
export const groupedStatus = 'grouped';

export function reminderKey(invoiceId: string, intervalIndex: number): string {
  return `reminder:${invoiceId}:${intervalIndex}`;
}

export function intervalIndexOf(daysSinceDue: number, intervalDays: number): number {
  return Math.floor(daysSinceDue / intervalDays);
}

interface CandidateRow {
  id: string;
  number: string;
  status: string;
  open_balance: unknown;
  balance: unknown;
  currency: string;
  due: string;
  age: unknown;
  customer_id: string | null;
  full_name: string | null;
  phone: string | null;
  opted_out: boolean;
  last_reminded: string | null;
}

async function candidates(
  deps: Deps,
  context: TenantContext,
  today: string,
  params: ReminderParams,
  filter: { invoiceIds?: readonly string[]; customerId?: string; minDays: number },
): Promise<CandidateRow[]> {
  const tenantId = context.tenant.id;
  const interval = params.interval_days;
  const age = sql`(${today}::date - coalesce(i.due_date, i.issue_date))`;
  const ids = (filter.invoiceIds ?? []).filter(isUuid);
  const numbers = (filter.invoiceIds ?? []).filter((value) => !isUuid(value));
  const byId =
    ids.length > 0
      ? sql`i.id in (${sql.join(
          ids.map((id) => sql`${id}::uuid`),
          sql`, `,
        )})`
      : sql`false`;
  const byNumber =
    numbers.length > 0
      ? sql`i.number in (${sql.join(
          numbers.map((number) => sql`${number}`),
          sql`, `,
        )})`
      : sql`false`;
  // Named invoices are looked up whatever their state, so the reply can say why one is left out;
  // otherwise only the invoices that qualify are read.
  const which = filter.invoiceIds
    ? sql`and (${byId} or ${byNumber})`
    : sql`and i.status = 'open' and i.total > i.amount_paid and ${age} >= ${filter.minDays}`;
  const customer = filter.customerId ? sql`and i.customer_id = ${filter.customerId}` : sql``;
  // The last reminder in the current or the previous interval window, found through the dedupe keys
  // (and so the unique index): any reminder of the last `interval_days` days is in one of the two.
  const windowKey = (offset: number) =>
    sql`'reminder:' || i.id::text || ':' || (floor(${age}::numeric / ${interval})::int - ${offset})::text`;
  return deps.db.rows<CandidateRow>(sql`
    select i.id, i.number, i.status, (i.status = 'open' and i.total > i.amount_paid) as open_balance,
      i.balance, i.currency, coalesce(i.due_date, i.issue_date)::text as due, ${age} as age,
      i.customer_id, c.full_name, c.phone,
      (c.id is not null and exists (
        select 1 from contact_opt_outs o
        where o.tenant_id = ${tenantId} and (o.customer_id = c.id or o.address = c.phone)
      )) as opted_out,
      (select max(m.data->>'day') from outbound_messages m
        where m.tenant_id = ${tenantId} and m.dedupe_key in (${windowKey(0)}, ${windowKey(1)})
      ) as last_reminded
    from invoices i
    left join customers c on c.id = i.customer_id and c.tenant_id = ${tenantId}
    where i.tenant_id = ${tenantId} ${which} ${customer}
    order by coalesce(i.due_date, i.issue_date), i.number, i.id`);
}

/** The reminders that would go out now, and the invoices left out with the reason. Changes nothing. */
export async function planReminders(
  deps: Deps,
  context: TenantContext,
  input: ReminderInput = {},
): Promise<ReminderPlan> {
  const params = await loadRuleParams(deps.db, context.tenant.id, 'whatsapp_reminders_unpaid');
  const today = dateInZone(deps.clock.now(), context.tenant.timezone);
  const minDays = Math.max(input.daysOverdueMin ?? params.days_after_due, 0);
  const interval = params.interval_days;
  const customerId = input.customer
    ? (await resolveCustomer(deps, context, { customer: input.customer })).id
    : undefined;
  const rows = await candidates(deps, context, today, params, {
    ...(input.invoiceIds ? { invoiceIds: input.invoiceIds } : {}),
    ...(customerId ? { customerId } : {}),
    minDays,
  });

  const skipped: SkippedInvoice[] = [];
  const groups = new Map<string, { rows: CandidateRow[]; invoices: PlannedInvoice[] }>();
  const recentSince = addDays(today, -interval);
  for (const row of rows) {
    const age = toInt(row.age);
    const skip = (reason: string) =>
      skipped.push({
        invoiceId: row.id,
        number: row.number,
        ...(row.full_name ? { customer: row.full_name } : {}),
        reason,
      });
    if (!row.open_balance) skip(row.status === 'open' ? 'it is paid in full' : `it is ${row.status}`);
    else if (age < minDays)
      skip(age < 0 ? 'it is not due yet' : `it is only ${age} day${age === 1 ? '' : 's'} past due`);
    else if (!row.customer_id) skip('it has no customer');
    else if (!row.phone) skip('the customer has no phone number');
    else if (row.opted_out) skip('the customer asked not to get messages');
    else if (row.last_reminded && row.last_reminded > recentSince)
      skip(`it was already reminded on ${row.last_reminded}`);
    else {
      const intervalIndex = intervalIndexOf(age, interval);
      const group = groups.get(row.phone) ?? { rows: [], invoices: [] };
      group.rows.push(row);
      group.invoices.push({
        id: row.id,
        number: row.number,
        dueDate: row.due,
        daysOverdue: age,
        balance: toInt(row.balance),
        currency: row.currency,
        intervalIndex,
        dedupeKey: reminderKey(row.id, intervalIndex),
      });
      groups.set(row.phone, group);
    }
  }
  // Named invoices that were not found at all.
  if (input.invoiceIds) {
    const found = new Set(rows.flatMap((row) => [row.id, row.number]));
    for (const wanted of input.invoiceIds)
      if (!found.has(wanted)) skipped.push({ invoiceId: wanted, reason: 'no such invoice in this business' });
  }

  const reminders = [...groups].map(([address, group]) => {
    const counts = new Map<string, { name: string; count: number }>();
    for (const row of group.rows) {
      const id = row.customer_id as string;
      const entry = counts.get(id) ?? { name: row.full_name ?? '', count: 0 };
      entry.count += 1;
      counts.set(id, entry);
    }
    const [customerId, main] = [...counts].sort((a, b) => b[1].count - a[1].count)[0] as [
      string,
      { name: string },
    ];
    return plannedReminder(
      context,
      { address, customerId, name: main.name },
      [...counts.keys()],
      group.invoices,
    );
  });
  reminders.sort(
    (a, b) =>
      (b.invoices[0]?.daysOverdue ?? 0) - (a.invoices[0]?.daysOverdue ?? 0) || a.name.localeCompare(b.name),
  );
  return { asOf: today, daysOverdueMin: minDays, intervalDays: interval, reminders, skipped };
}

function plannedReminder(
  context: TenantContext,
  to: { address: string; customerId: string; name: string },
  customerIds: string[],
  invoices: PlannedInvoice[],
): PlannedReminder {
  const composed = composeReminder(context.tenant, to.name, invoices);
  return {
    ...to,
    customerIds,
    invoices,
    totals: totalsOf(invoices),
    language: composed.language,
    body: composed.body,
    template: composed.template,
  };
}

export interface QueuedReminder {
  messageId: string;
  customerId: string;
  name: string;
  address: string;
  invoiceIds: string[];
  totals: { currency: string; amount: number }[];
}

export interface QueueResult {
  /** Messages put in the outbox by this call. */
  queued: number;
  skipped: { invoiceId: string; reason: string }[];
  messages: QueuedReminder[];
}

/**
 * Puts the planned reminders in the outbox as `queued` WhatsApp messages. Nothing is delivered here:
 * a configured messaging port does that (see messaging.ts); until then they wait, visible and counted.
 * Running it twice, or on two workers at once, queues each invoice's reminder once per interval.
 */
export async function queueReminders(
  deps: Deps,
  context: TenantContext,
  input: ReminderInput = {},
): Promise<QueueResult> {
  const plan = await planReminders(deps, context, input);
  const skipped = plan.skipped.map(({ invoiceId, reason }) => ({ invoiceId, reason }));
  const messages: QueuedReminder[] = [];
  for (const reminder of plan.reminders) {
    const message = await queueOne(deps, context, plan.asOf, reminder);
    for (const invoice of reminder.invoices)
      if (!message?.invoiceIds.includes(invoice.id))
        skipped.push({ invoiceId: invoice.id, reason: 'it was already reminded in this interval' });
    if (message) messages.push(message);
  }
  return { queued: messages.length, skipped, messages };
}

/** Claims the reminder's invoices and writes the message naming the ones it claimed. */
async function queueOne(
  deps: Deps,
  context: TenantContext,
  day: string,
  reminder: PlannedReminder,
): Promise<QueuedReminder | null> {
  const tenantId = context.tenant.id;
  const now = deps.clock.now();
  return deps.db.orm.transaction(async (tx) => {
    const claimed = await tx
      .insert(outboundMessages)
      .values(
        reminder.invoices.map((invoice) => ({
          tenantId,
          kind: reminderKind,
          channel: 'whatsapp',
          customerId: reminder.customerId,
          address: reminder.address,
          body: '',
          status: groupedStatus,
          invoiceId: invoice.id,
          dedupeKey: invoice.dedupeKey,
          data: { day, invoiceNumber: invoice.number },
          createdAt: now,
        })),
      )
      .onConflictDoNothing({ target: [outboundMessages.tenantId, outboundMessages.dedupeKey] })
      .returning({ id: outboundMessages.id, invoiceId: outboundMessages.invoiceId });
    const byInvoice = new Map(claimed.map((row) => [row.invoiceId, row.id]));
    const invoices = reminder.invoices.filter((invoice) => byInvoice.has(invoice.id));
    const first = invoices[0];
    if (!first) return null;
    const messageId = byInvoice.get(first.id) as string;
    // Another run claimed some of them a moment ago: the message names only the ones claimed here.
    const composed =
      invoices.length === reminder.invoices.length
        ? reminder
        : composeReminder(context.tenant, reminder.name, invoices);
    const totals = totalsOf(invoices);
    await tx
      .update(outboundMessages)
      .set({
        status: 'queued',
        body: composed.body,
        template: composed.template.name,
        data: {
          day,
          invoiceIds: invoices.map((invoice) => invoice.id),
          invoiceNumbers: invoices.map((invoice) => invoice.number),
          customerIds: reminder.customerIds,
          name: reminder.name,
          totals,
          language: composed.language,
          template: composed.template,
        },
      })
      .where(and(eq(outboundMessages.id, messageId), eq(outboundMessages.tenantId, tenantId)));
    const others = invoices.slice(1).map((invoice) => byInvoice.get(invoice.id) as string);
    if (others.length > 0)
      await tx
        .update(outboundMessages)
        .set({
          reason: 'named in one message with the customer’s other overdue invoices',
          data: sql`${outboundMessages.data} || ${JSON.stringify({ messageId })}::jsonb`,
        })
        .where(and(eq(outboundMessages.tenantId, tenantId), inArray(outboundMessages.id, others)));
    return {
      messageId,
      customerId: reminder.customerId,
      name: reminder.name,
      address: reminder.address,
      invoiceIds: invoices.map((invoice) => invoice.id),
      totals,
    };
  });
}

export interface ReminderOutbox {
  /** Reminder messages waiting for a channel. */
  queued: number;
  sending: number;
  sent: number;
  failed: number;
  cancelled: number;
}

/** Reminder messages of a business by status (the `grouped` key rows are not messages). */
export async function reminderOutbox(deps: Deps, tenantId: string): Promise<ReminderOutbox> {
  const rows = await deps.db.rows<{ status: string; count: unknown }>(sql`
    select status, count(*) as count from outbound_messages
    where tenant_id = ${tenantId} and kind = ${reminderKind} and status <> ${groupedStatus}
    group by status`);
  const result: ReminderOutbox = { queued: 0, sending: 0, sent: 0, failed: 0, cancelled: 0 };
  for (const row of rows) {
    const status = row.status === 'delivered' ? 'sent' : row.status;
    if (status in result) result[status as keyof ReminderOutbox] += toInt(row.count);
  }
  return result;
}
