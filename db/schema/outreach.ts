/** What Kiungo tells people on its own: daily briefings to members, reminders to customers. */
import { sql } from 'drizzle-orm';
import {
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, id, tenantId, updatedAt } from './columns.ts';
import { customers, invoices } from './commerce.ts';
import { members } from './tenancy.ts';

/** When and how each member gets their daily briefing. */
export const briefingSchedules = pgTable(
  'briefing_schedules',
  {
    tenantId: tenantId(),
    memberId: uuid('member_id')
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    enabled: boolean('enabled').notNull().default(true),
    /** Local time of day, HH:MM, in the business's time zone. */
    localTime: text('local_time').notNull().default('07:00'),
    /** web | whatsapp | telegram: where it is delivered. */
    channel: text('channel').notNull().default('web'),
    /** en | sw; the member's language when null. */
    language: text('language'),
    updatedAt: updatedAt(),
  },
  (table) => [primaryKey({ columns: [table.memberId] })],
);

/** One computed briefing per member per local day: stored, so it can be re-sent and inspected. */
export const briefings = pgTable(
  'briefings',
  {
    id: id(),
    tenantId: tenantId(),
    memberId: uuid('member_id')
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    /** The business's local date it is for. */
    day: date('day', { mode: 'string' }).notNull(),
    language: text('language').notNull(),
    /** computed | sent | skipped (nothing worth saying) */
    status: text('status').notNull().default('computed'),
    text: text('text').notNull(),
    /** Reply parts (tables, charts) and the facts behind them. */
    content: jsonb('content').notNull(),
    createdAt: createdAt(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
  },
  (table) => [uniqueIndex('briefings_member_day_uq').on(table.memberId, table.day)],
);

/**
 * Messages to customers and members that a channel delivers (WhatsApp template, SMS, chat). Until a
 * channel takes them they stay `queued`: visible and counted, never reported as sent.
 */
export const outboundMessages = pgTable(
  'outbound_messages',
  {
    id: id(),
    tenantId: tenantId(),
    /** reminder | briefing | notice */
    kind: text('kind').notNull(),
    /** whatsapp | sms | telegram | web */
    channel: text('channel').notNull(),
    customerId: uuid('customer_id').references(() => customers.id, { onDelete: 'set null' }),
    memberId: uuid('member_id').references(() => members.id, { onDelete: 'set null' }),
    /** E.164 phone or chat address. */
    address: text('address'),
    /** The WhatsApp template when the customer-service window is closed. */
    template: text('template'),
    body: text('body').notNull(),
    data: jsonb('data'),
    /** queued | sent | delivered | failed | cancelled */
    status: text('status').notNull().default('queued'),
    reason: text('reason'),
    invoiceId: uuid('invoice_id').references(() => invoices.id, { onDelete: 'set null' }),
    /** Makes a message happen at most once (e.g. one reminder per invoice per interval). */
    dedupeKey: text('dedupe_key'),
    createdAt: createdAt(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
  },
  (table) => [
    uniqueIndex('outbound_messages_dedupe_uq').on(table.tenantId, table.dedupeKey),
    index('outbound_messages_status_idx').on(table.tenantId, table.status, table.createdAt),
  ],
);

/** Customers who said "stop" / "acha": no reminders or promotions reach them. */
export const contactOptOuts = pgTable(
  'contact_opt_outs',
  {
    tenantId: tenantId(),
    /** E.164 phone (or another address). */
    address: text('address').notNull(),
    customerId: uuid('customer_id').references(() => customers.id, { onDelete: 'set null' }),
    reason: text('reason'),
    createdAt: createdAt(),
  },
  (table) => [primaryKey({ columns: [table.tenantId, table.address] })],
);

/** Invoices that crossed due date + N days and emitted `debt.overdue` (once per invoice and N). */
export const overdueMarks = pgTable(
  'overdue_marks',
  {
    tenantId: tenantId(),
    invoiceId: uuid('invoice_id')
      .notNull()
      .references(() => invoices.id, { onDelete: 'cascade' }),
    daysAfterDue: integer('days_after_due').notNull(),
    markedAt: timestamp('marked_at', { withTimezone: true }).notNull().default(sql`now()`),
  },
  (table) => [primaryKey({ columns: [table.invoiceId, table.daysAfterDue] })],
);
