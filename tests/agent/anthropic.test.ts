/** The real Anthropic SDK against a loopback server speaking the Messages API as documented. */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createAssistant } from '../../src/agent/assistant.ts';
import { anthropicProvider } from '../../src/agent/providers/anthropic.ts';
import { scriptedProvider } from '../../src/agent/providers/scripted.ts';
import { createHarness, type Harness } from '../support/harness.ts';
import { type Reply, startFakeAnthropic } from '../support/vendors/anthropic.ts';

let harness: Harness;
let fake: Awaited<ReturnType<typeof startFakeAnthropic>> | undefined;

beforeAll(async () => {
  harness = await createHarness({ demo: true });
});
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});
afterAll(() => harness.close());

let baseURL = '';
async function use(replies: Reply[]) {
  fake = await startFakeAnthropic(replies);
  baseURL = fake.url;
  return fake.bodies;
}

const provider = () => anthropicProvider({ apiKey: 'sk-ant-test', baseURL, maxRetries: 2, timeoutMs: 5_000 });

describe('Anthropic provider', () => {
  it('streams text, runs tool use, and caches the stable prompt and tools', async () => {
    const bodies = await use([
      {
        content: [
          { type: 'text', text: 'Let me check.' },
          { type: 'tool_use', id: 'toolu_1', name: 'who_owes_me', input: { limit: 3 } },
        ],
      },
      {
        content: [{ type: 'text', text: 'Zawadi Mollel owes the most.' }],
        usage: { input_tokens: 900, output_tokens: 12, cache_read_input_tokens: 800 },
      },
    ]);
    const assistant = createAssistant({
      deps: harness.deps,
      registry: harness.registry,
      provider: provider(),
    });
    const deltas: string[] = [];
    const context = await harness.context('demo', 'owner', 'web');
    const result = await assistant.turn({
      context,
      text: 'who owes me?',
      onEvent: (event) => event.type === 'text' && deltas.push(event.delta),
    });
    expect(result.mode).toBe('anthropic');
    expect(result.text).toBe('Zawadi Mollel owes the most.');
    expect(deltas.join('')).toContain('Zawadi Mollel owes the most.');
    expect(result.parts[0]?.type).toBe('table');
    expect(result.usage.cacheReadTokens).toBe(800);
    const first = bodies[0] as {
      system: { cache_control?: unknown }[];
      tools: { name: string; cache_control?: unknown }[];
      stream: boolean;
    };
    expect(first.stream).toBe(true);
    expect(first.system[0]?.cache_control).toEqual({ type: 'ephemeral' });
    expect(first.tools.at(-1)?.cache_control).toEqual({ type: 'ephemeral' });
    expect(first.tools.map((tool) => tool.name)).not.toContain('confirm_action');
    const second = bodies[1] as {
      messages: { role: string; content: { type: string; tool_use_id?: string }[] }[];
    };
    expect(second.messages.at(-1)?.content[0]).toMatchObject({ type: 'tool_result', tool_use_id: 'toolu_1' });
    // Byte-stable: the same tool list and stable system block on every call.
    expect(JSON.stringify(first.tools)).toBe(JSON.stringify((bodies[1] as { tools: unknown }).tools));
  });

  it('runs parallel tool_use blocks in one round', async () => {
    const bodies = await use([
      {
        content: [
          { type: 'tool_use', id: 'toolu_a', name: 'customer_profile', input: { customer: 'Mama Joyce' } },
          { type: 'tool_use', id: 'toolu_b', name: 'customer_profile', input: { customer: 'Hassan Omari' } },
        ],
      },
      { content: [{ type: 'text', text: 'Both owe money.' }] },
    ]);
    const assistant = createAssistant({
      deps: harness.deps,
      registry: harness.registry,
      provider: provider(),
    });
    const result = await assistant.turn({
      context: await harness.context('demo', 'admin', 'web'),
      text: 'compare Mama Joyce and Hassan',
    });
    expect(result.toolCalls.map((call) => call.status)).toEqual(['ok', 'ok']);
    const results =
      (bodies[1] as { messages: { content: { tool_use_id?: string }[] }[] }).messages.at(-1)?.content ?? [];
    expect(results.map((block) => block.tool_use_id)).toEqual(['toolu_a', 'toolu_b']);
  });

  it('retries 429 and 529, honouring Retry-After, then answers', async () => {
    const bodies = await use([
      { status: 429, type: 'rate_limit_error', message: 'slow down', retryAfter: '0' },
      { status: 529, type: 'overloaded_error', message: 'Overloaded' },
      { content: [{ type: 'text', text: 'Hello!' }] },
    ]);
    const result = await provider().complete({
      system: ['x'],
      messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }],
      tools: [],
      today: '2026-11-23',
      language: 'en',
    });
    expect(bodies).toHaveLength(3);
    expect(result.content).toEqual([{ type: 'text', text: 'Hello!' }]);
  });

  it('falls back to the offline brain on an outage, keeping the conversation usable', async () => {
    await use([{ status: 500, type: 'api_error', message: 'Internal error' }]);
    const offline = scriptedProvider([{ content: [{ type: 'text', text: 'Offline answer.' }] }]);
    const assistant = createAssistant({
      deps: harness.deps,
      registry: harness.registry,
      provider: provider(),
      fallback: offline,
    });
    const context = await harness.context('demo', 'staff', 'web');
    const result = await assistant.turn({ context, text: 'hello there' });
    expect(result.text).toMatch(/^Offline answer\.\n\n\(Answered offline/);
    const history = await assistant.history(context);
    expect(history.map((message) => message.role)).toEqual(['user', 'assistant']);
  });

  it('says so plainly when the model is down and there is no fallback', async () => {
    await use([{ status: 500, type: 'api_error', message: 'Internal error' }]);
    const assistant = createAssistant({
      deps: harness.deps,
      registry: harness.registry,
      provider: provider(),
    });
    const result = await assistant.turn({
      context: await harness.context('demo', 'owner', 'telegram'),
      text: 'hello',
    });
    expect(result.text).toMatch(/not reachable right now/);
  });
});
