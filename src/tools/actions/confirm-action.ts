import { z } from 'zod';
import { AppError } from '../../core/errors.ts';
import type { AnyTool } from '../define.ts';
import { defineTool } from '../define.ts';
import type { ToolRegistry } from '../registry.ts';

/**
 * Confirms or cancels a pending write with its one-time token. Offered to people's clients (MCP,
 * CLI, REST), never to the in-chat model: in chat, confirmation comes from the member's own button
 * or reply.
 */
export function defineConfirmAction(registry: () => ToolRegistry): AnyTool {
  return defineTool({
    name: 'confirm_action',
    title: 'Confirm or cancel a pending action',
    description:
      'Confirms (or cancels) a write that another tool returned as pending_confirmation, using the action id and the confirm token from that result. Only call it when the person explicitly approved the action.',
    scope: 'read',
    confirm: false,
    surfaces: ['mcp', 'cli', 'api'],
    annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true },
    input: z.object({
      action_id: z.uuid(),
      confirm_token: z.string().min(8).max(200),
      decision: z.enum(['confirm', 'cancel']).default('confirm'),
    }),
    async run({ deps, context }, input) {
      const outcome = await registry().decide(deps, context, {
        actionId: input.action_id,
        proof: { token: input.confirm_token },
        decision: input.decision,
      });
      if (outcome.status === 'error') {
        throw new AppError(outcome.error.code, outcome.error.message, { details: outcome.error.details });
      }
      return { data: outcome.status === 'ok' ? outcome.data : outcome, text: outcome.text };
    },
  });
}
