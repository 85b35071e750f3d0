/** JSON Schema of a tool's input, as models and MCP clients read it. Computed once per tool. */
import { z } from 'zod';
import type { AnyTool } from '../define.ts';

const cache = new WeakMap<AnyTool, Record<string, unknown>>();

export function inputJsonSchema(tool: AnyTool): Record<string, unknown> {
  let schema = cache.get(tool);
  if (!schema) {
    const { $schema: _dialect, ...rest } = z.toJSONSchema(tool.input, {
      io: 'input',
      unrepresentable: 'any',
    }) as Record<string, unknown>;
    schema = rest.type === 'object' ? rest : { type: 'object', properties: {}, ...rest };
    cache.set(tool, schema);
  }
  return schema;
}
