/**
 * Telling a member about a sync in their chat: progress of long runs, the outcome, a reconnect link
 * when a system stops accepting Kiungo. The message lands in the member's conversation on the channel
 * they asked from; channels deliver it from there.
 */

import { appendMessage, openConversation } from '../agent/conversations.ts';
import type { ReplyPart } from '../agent/reply-parts.ts';
import type { Channel, Deps } from '../core/context.ts';
import { memberContext } from '../tenancy/tenants.ts';

export interface SyncNotice {
  tenantId: string;
  memberId: string;
  channel: Channel;
  text: string;
  parts?: ReplyPart[];
}

export type SyncNotifier = (notice: SyncNotice) => Promise<void>;

export function conversationNotifier(deps: Deps): SyncNotifier {
  return async (notice) => {
    const context = await memberContext(deps.db, notice.tenantId, notice.memberId, notice.channel);
    const conversationId = await openConversation(deps.db, context);
    await appendMessage(deps.db, context, conversationId, {
      role: 'assistant',
      text: notice.text,
      ...(notice.parts ? { parts: notice.parts } : {}),
    });
  };
}
