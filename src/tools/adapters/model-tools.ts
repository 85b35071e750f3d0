/**
 * The registry's tools as a model sees them. The list is sorted by name and built from the same
 * definitions every time, so it is byte-stable and the prompt cache keeps hitting.
 */
import type { ModelTool } from '../../agent/model.ts';
import type { TenantContext } from '../../core/context.ts';
import type { ToolRegistry } from '../registry.ts';
import { inputJsonSchema } from './json-schema.ts';

export function modelTools(registry: ToolRegistry, context: TenantContext): ModelTool[] {
  return registry
    .list('agent', context)
    .map((tool) => ({ name: tool.name, description: tool.description, inputSchema: inputJsonSchema(tool) }))
    .sort((a, b) => a.name.localeCompare(b.name));
}
