/** Connections to outside systems, their sync state and logs, and the business's rules. */
import {
  boolean,
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

export const connections = pgTable(
  'connections',
  {
    id: id(),
    tenantId: tenantId(),
    connector: text('connector').notNull(),
    name: text('name').notNull(),
    status: text('status').notNull().default('active'),
    /** green | orange | red, with the reason in plain words. */
    health: text('health').notNull().default('green'),
    healthReason: text('health_reason'),
    /** What to sync and how often; never secrets. */
    settings: jsonb('settings').notNull().default({}),
    /** Vault-sealed credentials (`v1.<key id>.…`); never stored in plain text. */
    credentials: text('credentials'),
    lastSyncAt: timestamp('last_sync_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [index('connections_tenant_idx').on(table.tenantId)],
);

export const syncCheckpoints = pgTable(
  'sync_checkpoints',
  {
    tenantId: tenantId(),
    connectionId: uuid('connection_id')
      .notNull()
      .references(() => connections.id, { onDelete: 'cascade' }),
    stream: text('stream').notNull(),
    cursor: jsonb('cursor'),
    updatedAt: updatedAt(),
  },
  (table) => [primaryKey({ columns: [table.connectionId, table.stream] })],
);

export const syncRuns = pgTable(
  'sync_runs',
  {
    id: id(),
    tenantId: tenantId(),
    connectionId: uuid('connection_id').references(() => connections.id, { onDelete: 'set null' }),
    action: text('action').notNull(),
    mode: text('mode').notNull().default('incremental'),
    status: text('status').notNull().default('queued'),
    counts: jsonb('counts').notNull().default({}),
    /** What was asked: streams, date range, record ids. */
    request: jsonb('request').notNull().default({}),
    error: text('error'),
    /** The failure kind behind `error` (credentials, rate_limited, …) and the fixes offered. */
    failure: text('failure'),
    fixes: text('fixes').array(),
    /** Who asked, so progress and the outcome can be told to them in chat. */
    requestedBy: uuid('requested_by'),
    channel: text('channel'),
    startedAt: timestamp('started_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (table) => [index('sync_runs_tenant_created_idx').on(table.tenantId, table.createdAt)],
);

export const syncLogEntries = pgTable(
  'sync_log_entries',
  {
    id: id(),
    tenantId: tenantId(),
    runId: uuid('run_id')
      .notNull()
      .references(() => syncRuns.id, { onDelete: 'cascade' }),
    level: text('level').notNull(),
    message: text('message').notNull(),
    recordRef: text('record_ref'),
    data: jsonb('data'),
    createdAt: createdAt(),
  },
  (table) => [index('sync_log_entries_run_idx').on(table.runId)],
);

/** Sync, dedup and reminder rules as toggles with parameters, keyed by a stable rule name. */
export const rules = pgTable(
  'rules',
  {
    id: id(),
    tenantId: tenantId(),
    key: text('key').notNull(),
    enabled: boolean('enabled').notNull().default(false),
    params: jsonb('params').notNull().default({}),
    priority: integer('priority').notNull().default(0),
    updatedAt: updatedAt(),
  },
  (table) => [uniqueIndex('rules_tenant_key_uq').on(table.tenantId, table.key)],
);

/**
 * Which canonical record a vendor record became, per connection: the key for change detection
 * (payload hash) and for never letting an older poll overwrite a fresher webhook (remote change time).
 */
export const syncLinks = pgTable(
  'sync_links',
  {
    tenantId: tenantId(),
    connectionId: uuid('connection_id')
      .notNull()
      .references(() => connections.id, { onDelete: 'cascade' }),
    entity: text('entity').notNull(),
    externalId: text('external_id').notNull(),
    recordId: uuid('record_id'),
    payloadHash: text('payload_hash').notNull(),
    remoteChangedAt: timestamp('remote_changed_at', { withTimezone: true }),
    syncedAt: timestamp('synced_at', { withTimezone: true }).notNull().defaultNow(),
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
  },
  (table) => [
    primaryKey({ columns: [table.connectionId, table.entity, table.externalId] }),
    index('sync_links_record_idx').on(table.tenantId, table.recordId),
  ],
);

/** Vendor webhook deliveries, stored verbatim before they are acknowledged and processed as jobs. */
export const webhookInbox = pgTable(
  'webhook_inbox',
  {
    id: id(),
    tenantId: tenantId(),
    connectionId: uuid('connection_id')
      .notNull()
      .references(() => connections.id, { onDelete: 'cascade' }),
    connector: text('connector').notNull(),
    eventId: text('event_id').notNull(),
    topic: text('topic'),
    subpath: text('subpath').notNull().default(''),
    headers: jsonb('headers').notNull(),
    body: text('body').notNull(),
    status: text('status').notNull().default('received'),
    attempts: integer('attempts').notNull().default(0),
    error: text('error'),
    receivedAt: createdAt(),
    processedAt: timestamp('processed_at', { withTimezone: true }),
  },
  (table) => [
    uniqueIndex('webhook_inbox_event_uq').on(table.connectionId, table.eventId),
    index('webhook_inbox_pending_idx').on(table.status, table.receivedAt),
  ],
);

/** Questions the engine leaves to the owner: conflicting values and merges that need a yes. */
export const syncReviews = pgTable(
  'sync_reviews',
  {
    id: id(),
    tenantId: tenantId(),
    connectionId: uuid('connection_id').references(() => connections.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    entity: text('entity').notNull(),
    recordId: uuid('record_id'),
    otherRecordId: uuid('other_record_id'),
    externalId: text('external_id'),
    /** Field → { ours, theirs } for conflicts; the incoming record for merges. */
    data: jsonb('data').notNull(),
    status: text('status').notNull().default('open'),
    resolution: text('resolution'),
    createdAt: createdAt(),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
  },
  (table) => [index('sync_reviews_tenant_open_idx').on(table.tenantId, table.status, table.createdAt)],
);

/** One-time links to connect pages, so credentials are typed into a form and never into the chat. */
export const connectTokens = pgTable(
  'connect_tokens',
  {
    id: id(),
    tenantId: tenantId(),
    memberId: uuid('member_id').notNull(),
    connector: text('connector').notNull(),
    /** Set when the link reconnects an existing connection. */
    connectionId: uuid('connection_id').references(() => connections.id, { onDelete: 'cascade' }),
    tokenHash: text('token_hash').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (table) => [uniqueIndex('connect_tokens_hash_uq').on(table.tokenHash)],
);
