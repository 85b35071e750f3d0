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
    error: text('error'),
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
