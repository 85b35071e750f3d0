/**
 * A tool is one capability, declared once and served to the model, MCP clients, the REST API and the
 * CLI from the same definition.
 *
 * @example
 *   export const whoOwesMe = defineTool({
 *     name: 'who_owes_me',
 *     title: 'Who owes me',
 *     description: 'Customers with an open balance, oldest debt first…',
 *     scope: 'read',
 *     input: z.object({ limit: z.number().int().min(1).max(100).default(20) }),
 *     async run({ deps, context }, input) {
 *       const report = await receivables(deps, context, input);
 *       return { data: report, text: renderReceivables(report) };
 *     },
 *   });
 */
import type { z } from 'zod';
import type { ReplyPart } from '../agent/reply-parts.ts';
import type { Deps, Scope, TenantContext } from '../core/context.ts';

/** Where a tool may be called from. The in-chat agent never gets the tools that confirm actions. */
export type Surface = 'agent' | 'mcp' | 'cli' | 'api';
export const allSurfaces: readonly Surface[] = ['agent', 'mcp', 'cli', 'api'];

export interface ToolContext {
  deps: Deps;
  context: TenantContext;
}

export interface ToolOutput<Data = unknown> {
  /** Structured result for programs and models. */
  data: Data;
  /** The same result shaped for a person: names, amounts with currency, dates in the business's zone. */
  text: string;
  /** Rich parts for channels that can show them (tables, buttons). */
  parts?: ReplyPart[];
  /** A short version of `text` for chat replies whose details are in `parts` (a table, a chart). */
  summary?: string;
}

/** What a write will do, shown to the member before they confirm. */
export interface ActionPreview {
  summary: string;
  details: Record<string, unknown>;
}

export interface ToolDefinition<Input extends z.ZodType = z.ZodType, Data = unknown> {
  /** Stable snake_case name. */
  name: string;
  title: string;
  /** Written for a model: what it does, when to use it, what it returns. */
  description: string;
  /** read: looks only; write: changes business data; admin: changes settings, keys and connections. */
  scope: Scope;
  /** Writes that must be confirmed by a member before they run. */
  confirm: boolean;
  input: Input;
  surfaces?: readonly Surface[];
  annotations?: { readOnlyHint?: boolean; destructiveHint?: boolean; idempotentHint?: boolean };
  /** Required for tools that need confirmation: what will happen, computed without changing anything. */
  preview?(tool: ToolContext, input: z.output<Input>): Promise<ActionPreview>;
  run(tool: ToolContext, input: z.output<Input>): Promise<ToolOutput<Data>>;
}

// biome-ignore lint/suspicious/noExplicitAny: a registry holds tools of every input type.
export type AnyTool = ToolDefinition<any, any>;

export function defineTool<Input extends z.ZodType, Data>(
  definition: ToolDefinition<Input, Data>,
): ToolDefinition<Input, Data> {
  if (!/^[a-z][a-z0-9_]*$/.test(definition.name))
    throw new Error(`Tool names are snake_case: ${definition.name}`);
  if (definition.confirm && !definition.preview)
    throw new Error(`${definition.name} needs a preview to be confirmed`);
  return definition;
}
