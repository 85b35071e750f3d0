/**
 * Claude through the official SDK: tool use, streamed text, prompt caching (the stable system block
 * and the tool list are marked cacheable; both are byte-stable), retries with backoff on 429/529/5xx
 * honouring Retry-After (the SDK's own), and `ANTHROPIC_BASE_URL` for any compatible endpoint.
 */
import Anthropic from '@anthropic-ai/sdk';
import type { ContentBlock, ModelMessage, ModelProvider, ModelResponse } from '../model.ts';

export const defaultModel = 'claude-sonnet-4-5';

export interface AnthropicOptions {
  apiKey: string;
  baseURL?: string;
  model?: string;
  maxTokens?: number;
  maxRetries?: number;
  timeoutMs?: number;
  fetch?: typeof fetch;
}

type SdkMessage = Anthropic.MessageParam;

function toSdkMessages(messages: readonly ModelMessage[]): SdkMessage[] {
  return messages.map((message) => ({
    role: message.role,
    content: message.content.map((block) => {
      if (block.type === 'text') return { type: 'text' as const, text: block.text };
      if (block.type === 'tool_use')
        return { type: 'tool_use' as const, id: block.id, name: block.name, input: block.input };
      return {
        type: 'tool_result' as const,
        tool_use_id: block.toolUseId,
        content: block.content,
        ...(block.isError ? { is_error: true } : {}),
      };
    }),
  }));
}

export function anthropicProvider(options: AnthropicOptions): ModelProvider {
  const model = options.model ?? defaultModel;
  // Everything explicit: the SDK would otherwise read ANTHROPIC_* variables from the environment,
  // and configuration is parsed once, at the entry point.
  const client = new Anthropic({
    apiKey: options.apiKey,
    authToken: null,
    baseURL: options.baseURL ?? 'https://api.anthropic.com',
    maxRetries: options.maxRetries ?? 3,
    timeout: options.timeoutMs ?? 60_000,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  return {
    kind: 'anthropic',
    model,
    async complete(request) {
      const [stable, ...rest] = request.system;
      const system: Anthropic.TextBlockParam[] = [
        { type: 'text', text: stable ?? '', cache_control: { type: 'ephemeral' } },
        ...(rest.length > 0 ? [{ type: 'text' as const, text: rest.join('\n\n') }] : []),
      ];
      const tools: Anthropic.Tool[] = request.tools.map((tool, index) => ({
        name: tool.name,
        description: tool.description,
        input_schema: tool.inputSchema as Anthropic.Tool.InputSchema,
        ...(index === request.tools.length - 1 ? { cache_control: { type: 'ephemeral' as const } } : {}),
      }));
      const stream = client.messages.stream(
        {
          model,
          max_tokens: options.maxTokens ?? 1024,
          system,
          tools,
          messages: toSdkMessages(request.messages),
        },
        request.signal ? { signal: request.signal } : {},
      );
      stream.on('text', (delta) => request.onText?.(delta));
      const message = await stream.finalMessage();
      const content: ContentBlock[] = [];
      for (const block of message.content) {
        if (block.type === 'text') content.push({ type: 'text', text: block.text });
        else if (block.type === 'tool_use')
          content.push({ type: 'tool_use', id: block.id, name: block.name, input: block.input });
      }
      return {
        content,
        stopReason: (message.stop_reason ?? 'end_turn') as ModelResponse['stopReason'],
        usage: {
          inputTokens: message.usage.input_tokens,
          outputTokens: message.usage.output_tokens,
          cacheReadTokens: message.usage.cache_read_input_tokens ?? 0,
          cacheWriteTokens: message.usage.cache_creation_input_tokens ?? 0,
        },
      };
    },
  };
}
