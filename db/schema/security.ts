/** API keys (stored hashed), the audit log, and merge history. */
import { index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, tenantId } from './columns.ts';
import { members } from './tenancy.ts';

export const apiKeys = pgTable(
  'api_keys',
  {
    id: id(),
    tenantId: tenantId(),
    memberId: uuid('member_id')
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    /** The public part of the key, used to find the row (`kio_<prefix>_<secret>`). */
    prefix: text('prefix').notNull(),
    /** SHA-256 of the whole key; the key itself is shown once and never stored. */
    hash: text('hash').notNull(),
    scopes: text('scopes').array().notNull(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (table) => [
    uniqueIndex('api_keys_prefix_uq').on(table.prefix),
    index('api_keys_tenant_idx').on(table.tenantId),
  ],
);

export const auditLog = pgTable(
  'audit_log',
  {
    id: id(),
    tenantId: tenantId(),
    memberId: uuid('member_id'),
    channel: text('channel').notNull(),
    action: text('action').notNull(),
    tool: text('tool'),
    /** Redacted input and outcome; never credentials or keys. */
    data: jsonb('data'),
    outcome: text('outcome').notNull(),
    createdAt: createdAt(),
  },
  (table) => [index('audit_log_tenant_created_idx').on(table.tenantId, table.createdAt)],
);

/** A merge keeps the losing record whole, so it can be undone. */
export const mergeHistory = pgTable(
  'merge_history',
  {
    id: id(),
    tenantId: tenantId(),
    entity: text('entity').notNull(),
    winnerId: uuid('winner_id').notNull(),
    loserId: uuid('loser_id').notNull(),
    loserSnapshot: jsonb('loser_snapshot').notNull(),
    movedReferences: jsonb('moved_references').notNull().default({}),
    mergedBy: uuid('merged_by').references(() => members.id, { onDelete: 'set null' }),
    undoneAt: timestamp('undone_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (table) => [index('merge_history_tenant_idx').on(table.tenantId, table.entity)],
);

/** One-time sign-in links for the web chat (`/login/<token>`); only the token's hash is kept. */
export const loginTokens = pgTable(
  'login_tokens',
  {
    id: id(),
    tenantId: tenantId(),
    memberId: uuid('member_id')
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    tokenHash: text('token_hash').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (table) => [uniqueIndex('login_tokens_hash_uq').on(table.tokenHash)],
);
