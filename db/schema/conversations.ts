/** Conversations, their messages, and write actions waiting for a member's confirmation. */
import { index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, tenantId, updatedAt } from './columns.ts';
import { members } from './tenancy.ts';

export const conversations = pgTable(
  'conversations',
  {
    id: id(),
    tenantId: tenantId(),
    memberId: uuid('member_id')
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    channel: text('channel').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [index('conversations_member_channel_idx').on(table.tenantId, table.memberId, table.channel)],
);

export const messages = pgTable(
  'messages',
  {
    id: id(),
    tenantId: tenantId(),
    conversationId: uuid('conversation_id')
      .notNull()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    role: text('role').notNull(),
    content: jsonb('content').notNull(),
    /** Tokens and cost of the turn that produced this message. */
    usage: jsonb('usage'),
    providerMessageId: text('provider_message_id'),
    createdAt: createdAt(),
  },
  (table) => [index('messages_conversation_idx').on(table.conversationId, table.createdAt)],
);

export const pendingActionStatuses = ['pending', 'confirmed', 'cancelled', 'expired', 'failed'] as const;

export const pendingActions = pgTable(
  'pending_actions',
  {
    id: id(),
    tenantId: tenantId(),
    memberId: uuid('member_id')
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    channel: text('channel').notNull(),
    tool: text('tool').notNull(),
    input: jsonb('input').notNull(),
    /** What will happen, in counts, names and amounts, as shown to the member. */
    preview: jsonb('preview').notNull(),
    /** SHA-256 of the one-time confirmation token; the token itself is never stored. */
    tokenHash: text('token_hash').notNull(),
    status: text('status', { enum: pendingActionStatuses }).notNull().default('pending'),
    result: jsonb('result'),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decidedBy: uuid('decided_by'),
    createdAt: createdAt(),
  },
  (table) => [index('pending_actions_tenant_status_idx').on(table.tenantId, table.status)],
);
