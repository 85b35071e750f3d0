/**
 * The provider interface every model sits behind: Anthropic, the offline brain, the scripted test
 * provider. Shapes follow the Messages API closely so the Anthropic adapter stays thin.
 */

export type ContentBlock =
  | { type: 'text'; text: string }
  | { type: 'tool_use'; id: string; name: string; input: unknown }
  | { type: 'tool_result'; toolUseId: string; content: string; isError?: boolean };

export interface ModelMessage {
  role: 'user' | 'assistant';
  content: ContentBlock[];
}

export interface ModelTool {
  name: string;
  description: string;
  inputSchema: Record<string, unknown>;
}

export interface ModelRequest {
  /** The system prompt in blocks: the first never changes between turns, so it can be cached. */
  system: readonly string[];
  messages: ModelMessage[];
  tools: ModelTool[];
  /** Facts the offline brain needs that a model reads from the system prompt. */
  today: string;
  language: string;
  signal?: AbortSignal;
  /** Streams text as it is produced. */
  onText?: (delta: string) => void;
}

export interface Usage {
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
}

export interface ModelResponse {
  content: ContentBlock[];
  stopReason: 'end_turn' | 'tool_use' | 'max_tokens' | 'stop_sequence' | 'refusal' | 'pause_turn';
  usage: Usage;
}

export interface ModelProvider {
  readonly kind: 'anthropic' | 'offline' | 'scripted';
  readonly model: string;
  complete(request: ModelRequest): Promise<ModelResponse>;
}

export const emptyUsage = (): Usage => ({
  inputTokens: 0,
  outputTokens: 0,
  cacheReadTokens: 0,
  cacheWriteTokens: 0,
});

export function addUsage(total: Usage, more: Usage): Usage {
  return {
    inputTokens: total.inputTokens + more.inputTokens,
    outputTokens: total.outputTokens + more.outputTokens,
    cacheReadTokens: total.cacheReadTokens + more.cacheReadTokens,
    cacheWriteTokens: total.cacheWriteTokens + more.cacheWriteTokens,
  };
}

/** US dollars per million tokens (input, output, cache read, cache write), by model family. */
const prices: { match: RegExp; input: number; output: number; cacheRead: number; cacheWrite: number }[] = [
  { match: /opus/, input: 15, output: 75, cacheRead: 1.5, cacheWrite: 18.75 },
  { match: /haiku/, input: 1, output: 5, cacheRead: 0.1, cacheWrite: 1.25 },
  { match: /sonnet|claude/, input: 3, output: 15, cacheRead: 0.3, cacheWrite: 3.75 },
];

/** Estimated cost in US dollars; zero for the offline and scripted providers. */
export function costOf(model: string, usage: Usage): number {
  const price = prices.find((entry) => entry.match.test(model));
  if (!price) return 0;
  return (
    (usage.inputTokens * price.input +
      usage.outputTokens * price.output +
      usage.cacheReadTokens * price.cacheRead +
      usage.cacheWriteTokens * price.cacheWrite) /
    1_000_000
  );
}
