/**
 * Turn overhead of the assistant, excluding model time: a scripted provider with zero latency asks
 * for who_owes_me and answers, and the whole turn (saving messages, memory recall, the loop, the
 * guard) is compared with calling the tool directly, in the same run on the same database.
 */
import { createAssistant } from '../src/agent/assistant.ts';
import { scriptedProvider } from '../src/agent/providers/scripted.ts';
import type { Deps, TenantContext } from '../src/core/context.ts';
import type { ToolRegistry } from '../src/tools/registry.ts';
import { ms, time } from './stats.ts';

export async function benchAgentTurn(
  deps: Deps,
  registry: ToolRegistry,
  context: TenantContext,
  label: string,
  runs: number,
): Promise<void> {
  const provider = scriptedProvider(
    [
      (request) =>
        request.messages.at(-1)?.content.some((block) => block.type === 'tool_result')
          ? { content: [{ type: 'text', text: 'Here is who owes you.' }] }
          : { content: [{ type: 'tool_use', id: 'bench', name: 'who_owes_me', input: { limit: 20 } }] },
    ],
    { repeatLast: true },
  );
  // No rate limit: this measures the turn, not the flood protection.
  const assistant = createAssistant({
    deps,
    registry,
    provider,
    limit: { messages: Number.POSITIVE_INFINITY, windowMs: 1 },
  });
  const direct = await time(async () => {
    await registry.call(deps, context, 'who_owes_me', { limit: 20 }, { surface: 'agent' });
  }, runs);
  const turn = await time(async () => {
    await assistant.turn({ context, text: 'who owes me?' });
  }, runs);
  console.log(`[${label}] tool called directly:  median ${ms(direct.median)}, p95 ${ms(direct.p95)}`);
  console.log(
    `[${label}] assistant turn:         median ${ms(turn.median)}, p95 ${ms(turn.p95)} over ${turn.runs} turns`,
  );
  console.log(
    `[${label}] loop overhead: median +${(100 * (turn.median / direct.median - 1)).toFixed(1)}%, p95 +${(100 * (turn.p95 / direct.p95 - 1)).toFixed(1)}% (goal: under 20%)`,
  );
}
