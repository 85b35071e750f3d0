/**
 * The agent loop: ask the model, run the tools it asks for (independent calls concurrently), feed
 * the results back, and stop at a final answer or after MAX_TOOL_ROUNDS. See docs/agent.md.
 */
import type { Deps, TenantContext } from '../core/context.ts';
import { modelTools } from '../tools/adapters/model-tools.ts';
import type { ToolOutcome } from '../tools/outcome.ts';
import type { ToolRegistry } from '../tools/registry.ts';
import {
  addUsage,
  type ContentBlock,
  emptyUsage,
  type ModelMessage,
  type ModelProvider,
  type Usage,
} from './model.ts';
import { guardReply } from './reply-guard.ts';
import type { ReplyPart } from './reply-parts.ts';

/** Model calls per turn at most; a turn that needs more is stopped with an honest answer. */
export const MAX_TOOL_ROUNDS = 6;

/** Tool results are cut to this many characters before they go back to the model. */
const maxToolResultChars = 16_000;

export type TurnEvent =
  | { type: 'text'; delta: string }
  | { type: 'tool'; name: string; status: ToolOutcome['status'] }
  | { type: 'part'; part: ReplyPart };

export interface LoopRequest {
  deps: Deps;
  registry: ToolRegistry;
  provider: ModelProvider;
  context: TenantContext;
  system: readonly string[];
  history: ModelMessage[];
  userText: string;
  today: string;
  language: string;
  signal?: AbortSignal;
  onEvent?: (event: TurnEvent) => void;
}

export interface LoopResult {
  text: string;
  parts: ReplyPart[];
  toolCalls: { name: string; status: ToolOutcome['status'] }[];
  usage: Usage;
  rounds: number;
  guarded: boolean;
}

/** What the model reads of a tool outcome: never the confirmation token. */
export function toolResultForModel(outcome: ToolOutcome): { content: string; isError: boolean } {
  const visible =
    outcome.status === 'ok'
      ? {
          status: 'ok',
          text: outcome.text,
          ...(outcome.summary ? { summary: outcome.summary } : {}),
          data: outcome.data,
        }
      : outcome.status === 'pending_confirmation'
        ? {
            status: 'pending_confirmation',
            text: outcome.text,
            action: {
              summary: outcome.action.summary,
              details: outcome.action.details,
              expires_at: outcome.action.expiresAt,
            },
            note: 'Nothing has happened yet. The person confirms with the button or by answering yes.',
          }
        : { status: 'error', error: outcome.error };
  let content = JSON.stringify(visible);
  if (content.length > maxToolResultChars) {
    content = JSON.stringify({
      status: outcome.status,
      text: outcome.text.slice(0, maxToolResultChars),
      truncated: true,
    });
  }
  return { content, isError: outcome.status === 'error' };
}

/** The reply parts an outcome brings: its own (tables, charts) or a confirmation card. */
export function partsOf(outcome: ToolOutcome): ReplyPart[] {
  if (outcome.status === 'ok') return outcome.parts ?? [];
  if (outcome.status === 'pending_confirmation') {
    return [
      {
        type: 'confirmation',
        actionId: outcome.action.id,
        tool: outcome.tool,
        summary: outcome.action.summary,
        expiresAt: outcome.action.expiresAt,
        token: outcome.confirmToken,
        status: 'pending',
      },
    ];
  }
  return [];
}

export async function runLoop(request: LoopRequest): Promise<LoopResult> {
  const tools = modelTools(request.registry, request.context);
  const messages: ModelMessage[] = [
    ...request.history,
    { role: 'user', content: [{ type: 'text', text: request.userText }] },
  ];
  const parts: ReplyPart[] = [];
  const toolCalls: LoopResult['toolCalls'] = [];
  const pendingSummaries: string[] = [];
  let writeSucceeded = false;
  let usage = emptyUsage();
  let finalText = '';

  for (let round = 1; round <= MAX_TOOL_ROUNDS; round++) {
    request.signal?.throwIfAborted();
    const response = await request.provider.complete({
      system: request.system,
      messages,
      tools,
      today: request.today,
      language: request.language,
      ...(request.signal ? { signal: request.signal } : {}),
      onText: (delta) => request.onEvent?.({ type: 'text', delta }),
    });
    usage = addUsage(usage, response.usage);
    messages.push({ role: 'assistant', content: response.content });
    const uses = response.content.filter(
      (block): block is Extract<ContentBlock, { type: 'tool_use' }> => block.type === 'tool_use',
    );
    const text = response.content
      .filter((block): block is Extract<ContentBlock, { type: 'text' }> => block.type === 'text')
      .map((block) => block.text)
      .join('');
    if (uses.length === 0) {
      finalText = text;
      const guarded = guardReply(finalText, { writeSucceeded, pendingSummaries }, request.language);
      return { text: guarded.text, parts, toolCalls, usage, rounds: round, guarded: guarded.replaced };
    }
    // Independent calls of one response run at the same time.
    const outcomes = await Promise.all(
      uses.map((use) =>
        request.registry.call(request.deps, request.context, use.name, use.input, { surface: 'agent' }),
      ),
    );
    const results: ContentBlock[] = outcomes.map((outcome, index) => {
      const use = uses[index] as Extract<ContentBlock, { type: 'tool_use' }>;
      toolCalls.push({ name: use.name, status: outcome.status });
      request.onEvent?.({ type: 'tool', name: use.name, status: outcome.status });
      for (const part of partsOf(outcome)) {
        parts.push(part);
        request.onEvent?.({ type: 'part', part });
      }
      if (outcome.status === 'pending_confirmation') pendingSummaries.push(outcome.action.summary);
      if (outcome.status === 'ok' && request.registry.tools.get(use.name)?.scope !== 'read')
        writeSucceeded = true;
      const visible = toolResultForModel(outcome);
      return {
        type: 'tool_result',
        toolUseId: use.id,
        content: visible.content,
        ...(visible.isError ? { isError: true } : {}),
      };
    });
    messages.push({ role: 'user', content: results });
    finalText = text;
  }
  const stopped =
    request.language === 'sw'
      ? 'Sikuweza kumaliza hili kwa hatua chache. Jaribu kuuliza kwa njia rahisi zaidi.'
      : 'I could not finish this in a few steps. Try asking in a simpler way.';
  return { text: stopped, parts, toolCalls, usage, rounds: MAX_TOOL_ROUNDS, guarded: false };
}
