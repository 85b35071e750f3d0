/**
 * The registry served over MCP: tools/list and tools/call on a low-level MCP server, with the same
 * permissions, confirmations and tenant scope as every other surface. Errors the caller can act on
 * are `isError` results; a pending write returns its action id and confirmation token.
 */
import type { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { CallToolRequestSchema, ListToolsRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import type { Deps, TenantContext } from '../../core/context.ts';
import type { ToolRegistry } from '../registry.ts';
import { inputJsonSchema } from './json-schema.ts';

export function serveToolsOverMcp(
  server: Server,
  deps: Deps,
  context: TenantContext,
  registry: ToolRegistry,
): void {
  server.setRequestHandler(ListToolsRequestSchema, async () => ({
    tools: registry.list('mcp', context).map((tool) => ({
      name: tool.name,
      title: tool.title,
      description: tool.description,
      inputSchema: inputJsonSchema(tool) as { type: 'object' },
      annotations: { title: tool.title, ...(tool.annotations ?? {}) },
    })),
  }));

  server.setRequestHandler(CallToolRequestSchema, async (request) => {
    const outcome = await registry.call(deps, context, request.params.name, request.params.arguments ?? {}, {
      surface: 'mcp',
    });
    if (outcome.status === 'error') {
      return {
        isError: true,
        content: [{ type: 'text' as const, text: outcome.error.message }],
        structuredContent: { error: outcome.error },
      };
    }
    if (outcome.status === 'pending_confirmation') {
      const structured = {
        status: outcome.status,
        action: outcome.action,
        confirm_token: outcome.confirmToken,
      };
      const next = `Nothing has changed yet. When the person approves, call confirm_action with {"action_id":"${outcome.action.id}","confirm_token":"${outcome.confirmToken}"}.`;
      return {
        content: [{ type: 'text' as const, text: `${outcome.text}\n${next}` }],
        structuredContent: structured,
      };
    }
    return {
      content: [{ type: 'text' as const, text: outcome.text }],
      structuredContent: (outcome.data ?? {}) as Record<string, unknown>,
    };
  });
}
