/**
 * A provider that replays a script: each step returns the next response, optionally computed from
 * the request. For tests of the loop's edges without a model.
 *
 * @example
 *   const provider = scriptedProvider([
 *     { content: [{ type: 'tool_use', id: 't1', name: 'who_owes_me', input: {} }] },
 *     (request) => ({ content: [{ type: 'text', text: 'Here is who owes you.' }] }),
 *   ]);
 */
import type { ContentBlock, ModelProvider, ModelRequest, ModelResponse } from '../model.ts';
import { emptyUsage } from '../model.ts';

export type ScriptStep =
  | { content: ContentBlock[]; stopReason?: ModelResponse['stopReason']; delayMs?: number; error?: Error }
  | ((request: ModelRequest) => { content: ContentBlock[]; stopReason?: ModelResponse['stopReason'] });

export function scriptedProvider(
  steps: ScriptStep[],
  options: { repeatLast?: boolean } = {},
): ModelProvider & { requests: ModelRequest[] } {
  const requests: ModelRequest[] = [];
  let index = 0;
  return {
    kind: 'scripted',
    model: 'scripted',
    requests,
    async complete(request) {
      requests.push(structuredClone({ ...request, signal: undefined, onText: undefined }));
      const step = steps[Math.min(index, steps.length - 1)];
      if (!step || (index >= steps.length && !options.repeatLast))
        throw new Error('The script has no more steps');
      index++;
      const resolved = typeof step === 'function' ? step(request) : step;
      if (typeof step !== 'function') {
        if (step.delayMs) await abortableDelay(step.delayMs, request.signal);
        if (step.error) throw step.error;
      }
      for (const block of resolved.content) if (block.type === 'text') request.onText?.(block.text);
      const hasToolUse = resolved.content.some((block) => block.type === 'tool_use');
      return {
        content: resolved.content,
        stopReason: resolved.stopReason ?? (hasToolUse ? 'tool_use' : 'end_turn'),
        usage: emptyUsage(),
      };
    },
  };
}

function abortableDelay(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(signal.reason ?? new Error('aborted'));
    });
  });
}
