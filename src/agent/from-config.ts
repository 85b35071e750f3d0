/** Chooses the brain from the configuration: Claude with a key (the offline brain behind it), else offline. */
import type { Config } from '../core/config.ts';
import type { Deps } from '../core/context.ts';
import { anthropicColumnSuggester, type ColumnSuggester } from '../imports/suggest.ts';
import type { ToolRegistry } from '../tools/registry.ts';
import { type Assistant, createAssistant } from './assistant.ts';
import { anthropicProvider } from './providers/anthropic.ts';
import { offlineProvider } from './providers/offline.ts';

export function assistantFromConfig(
  config: Config,
  deps: Deps,
  registry: ToolRegistry,
): { assistant: Assistant; mode: string } {
  const offline = offlineProvider();
  if (!config.ANTHROPIC_API_KEY) {
    return { assistant: createAssistant({ deps, registry, provider: offline }), mode: 'offline' };
  }
  const provider = anthropicProvider({
    apiKey: config.ANTHROPIC_API_KEY,
    ...(config.ANTHROPIC_BASE_URL ? { baseURL: config.ANTHROPIC_BASE_URL } : {}),
    ...(config.KIUNGO_MODEL ? { model: config.KIUNGO_MODEL } : {}),
  });
  return {
    assistant: createAssistant({ deps, registry, provider, fallback: offline }),
    mode: provider.model,
  };
}

/** The model's help with unmatched spreadsheet columns, when a key is set. */
export function columnSuggesterFromConfig(config: Config): ColumnSuggester | undefined {
  if (!config.ANTHROPIC_API_KEY) return undefined;
  return anthropicColumnSuggester({
    apiKey: config.ANTHROPIC_API_KEY,
    ...(config.ANTHROPIC_BASE_URL ? { baseURL: config.ANTHROPIC_BASE_URL } : {}),
    ...(config.KIUNGO_MODEL ? { model: config.KIUNGO_MODEL } : {}),
  });
}
