/** What calling a tool returns, on every surface. */
import type { ReplyPart } from '../agent/reply-parts.ts';
import type { ErrorCode } from '../core/errors.ts';
import type { ActionPreview } from './define.ts';

export interface PendingActionView extends ActionPreview {
  id: string;
  tool: string;
  expiresAt: string;
}

export type ToolOutcome =
  | { status: 'ok'; tool: string; data: unknown; text: string; summary?: string; parts?: ReplyPart[] }
  | {
      status: 'pending_confirmation';
      tool: string;
      action: PendingActionView;
      /**
       * One-time token that confirms the action. Given to the person (buttons, CLI, MCP client),
       * never to the model: it is removed before a result reaches an agent.
       */
      confirmToken: string;
      text: string;
    }
  | {
      status: 'error';
      tool: string;
      isError: true;
      error: { code: ErrorCode; message: string; details?: Record<string, unknown> };
      text: string;
    };

export function errorOutcome(
  tool: string,
  code: ErrorCode,
  message: string,
  details?: Record<string, unknown>,
): ToolOutcome {
  return {
    status: 'error',
    tool,
    isError: true,
    error: { code, message, ...(details ? { details } : {}) },
    text: message,
  };
}
