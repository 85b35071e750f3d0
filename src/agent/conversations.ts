/** Conversations per business, member and channel, and their messages. Nothing is shared between members. */
import { and, desc, eq } from 'drizzle-orm';
import type { Database } from '../../db/database.ts';
import { conversations, messages } from '../../db/schema/index.ts';
import type { TenantContext } from '../core/context.ts';
import { AppError } from '../core/errors.ts';
import type { ModelMessage } from './model.ts';
import { type ReplyPart, storablePart } from './reply-parts.ts';

export interface StoredMessage {
  id: string;
  role: 'user' | 'assistant';
  text: string;
  parts: ReplyPart[];
  createdAt: string;
}

export async function openConversation(db: Database, context: TenantContext): Promise<string> {
  const where = and(
    eq(conversations.tenantId, context.tenant.id),
    eq(conversations.memberId, context.member.id),
    eq(conversations.channel, context.channel),
  );
  const [existing] = await db.orm
    .select({ id: conversations.id })
    .from(conversations)
    .where(where)
    .orderBy(desc(conversations.updatedAt))
    .limit(1);
  if (existing) return existing.id;
  const [created] = await db.orm
    .insert(conversations)
    .values({ tenantId: context.tenant.id, memberId: context.member.id, channel: context.channel })
    .returning({ id: conversations.id });
  if (!created) throw new AppError('internal', 'The conversation was not created');
  return created.id;
}

export async function appendMessage(
  db: Database,
  context: TenantContext,
  conversationId: string,
  message: { role: 'user' | 'assistant'; text: string; parts?: ReplyPart[]; usage?: Record<string, unknown> },
): Promise<StoredMessage> {
  const parts = (message.parts ?? []).map(storablePart);
  const [row] = await db.orm
    .insert(messages)
    .values({
      tenantId: context.tenant.id,
      conversationId,
      role: message.role,
      content: { text: message.text, parts },
      usage: message.usage ?? null,
    })
    .returning({ id: messages.id, createdAt: messages.createdAt });
  if (!row) throw new AppError('internal', 'The message was not saved');
  await db.orm
    .update(conversations)
    .set({ updatedAt: new Date() })
    .where(eq(conversations.id, conversationId));
  return {
    id: row.id,
    role: message.role,
    text: message.text,
    parts,
    createdAt: row.createdAt.toISOString(),
  };
}

/** The latest messages of a conversation, oldest first. */
export async function listMessages(
  db: Database,
  context: TenantContext,
  conversationId: string,
  limit = 50,
): Promise<StoredMessage[]> {
  const rows = await db.orm
    .select()
    .from(messages)
    .where(and(eq(messages.tenantId, context.tenant.id), eq(messages.conversationId, conversationId)))
    .orderBy(desc(messages.createdAt), desc(messages.id))
    .limit(limit);
  return rows.reverse().map((row) => {
    const content = row.content as { text?: string; parts?: ReplyPart[] };
    return {
      id: row.id,
      role: row.role as 'user' | 'assistant',
      text: content.text ?? '',
      parts: content.parts ?? [],
      createdAt: row.createdAt.toISOString(),
    };
  });
}

/** Recent turns as model messages: the words only, as people saw them. */
export function historyForModel(stored: readonly StoredMessage[]): ModelMessage[] {
  const history: ModelMessage[] = [];
  for (const message of stored) {
    if (!message.text.trim()) continue;
    const previous = history[history.length - 1];
    // The Messages API wants alternating roles; merge neighbours of the same role.
    if (previous && previous.role === message.role) {
      previous.content.push({ type: 'text', text: message.text });
    } else {
      history.push({ role: message.role, content: [{ type: 'text', text: message.text }] });
    }
  }
  while (history[0] && history[0].role !== 'user') history.shift();
  if (history[history.length - 1]?.role === 'user') history.pop();
  return history;
}
