/**
 * The one tool registry. It validates input, checks the caller's role and key scopes, turns writes
 * into pending actions, records writes in the audit log, and maps failures the caller can act on to
 * error results. Adapters (Anthropic, MCP, REST, CLI) only translate shapes.
 */
import { writeAudit } from '../audit/audit-log.ts';
import { canUse, type Deps, type TenantContext } from '../core/context.ts';
import { isAppError } from '../core/errors.ts';
import { type AnyTool, allSurfaces, type Surface } from './define.ts';
import { errorOutcome, type ToolOutcome } from './outcome.ts';
import { createPendingAction, type DecisionRequest, decidePendingAction } from './pending-actions.ts';

export interface CallOptions {
  surface: Surface;
  /**
   * The person calling has already said yes explicitly (the CLI's `--confirm` flag): the pending
   * action is created and confirmed in one step, still checked and audited as two.
   */
  confirmed?: boolean;
}

export interface ToolRegistry {
  readonly tools: ReadonlyMap<string, AnyTool>;
  list(surface: Surface, context?: TenantContext): AnyTool[];
  call(
    deps: Deps,
    context: TenantContext,
    name: string,
    input: unknown,
    options: CallOptions,
  ): Promise<ToolOutcome>;
  decide(deps: Deps, context: TenantContext, request: DecisionRequest): Promise<ToolOutcome>;
}

export function createRegistry(definitions: readonly AnyTool[]): ToolRegistry {
  const tools = new Map<string, AnyTool>();
  for (const tool of definitions) {
    if (tools.has(tool.name)) throw new Error(`Two tools are named ${tool.name}`);
    tools.set(tool.name, tool);
  }
  const surfacesOf = (tool: AnyTool) => tool.surfaces ?? allSurfaces;

  const registry: ToolRegistry = {
    tools,
    list(surface, context) {
      return [...tools.values()].filter(
        (tool) => surfacesOf(tool).includes(surface) && (!context || canUse(context, tool.scope)),
      );
    },
    async call(deps, context, name, input, options) {
      const tool = tools.get(name);
      if (!tool || !surfacesOf(tool).includes(options.surface)) {
        return errorOutcome(name, 'not_found', `There is no tool named ${name}`);
      }
      if (!canUse(context, tool.scope)) {
        if (tool.scope !== 'read') {
          await writeAudit(deps.db.orm, context, {
            action: 'tool.call',
            tool: name,
            data: { input },
            outcome: 'denied',
          });
        }
        return errorOutcome(
          name,
          'forbidden',
          `${article(context.member.role)} ${context.member.role}${context.keyScopes ? ' with this API key' : ''} may not use ${name} (needs ${tool.scope} access)`,
        );
      }
      const parsed = tool.input.safeParse(input ?? {});
      if (!parsed.success) {
        const problems = parsed.error.issues.map(
          (issue: { path: PropertyKey[]; message: string }) =>
            `${issue.path.join('.') || 'input'}: ${issue.message}`,
        );
        return errorOutcome(name, 'bad_request', `Invalid input for ${name}: ${problems.join('; ')}`, {
          issues: problems,
        });
      }
      try {
        if (tool.confirm && tool.preview) {
          const preview = await tool.preview({ deps, context }, parsed.data);
          const pending = await createPendingAction(deps, context, tool, parsed.data, preview);
          if (!options.confirmed || pending.status !== 'pending_confirmation') return pending;
          return decidePendingAction(deps, context, tools, {
            actionId: pending.action.id,
            proof: { token: pending.confirmToken },
            decision: 'confirm',
          });
        }
        const output = await tool.run({ deps, context }, parsed.data);
        if (tool.scope !== 'read') {
          await writeAudit(deps.db.orm, context, {
            action: 'tool.call',
            tool: name,
            data: { input: parsed.data },
            outcome: 'succeeded',
          });
        }
        return {
          status: 'ok',
          tool: name,
          data: output.data,
          text: output.text,
          ...(output.parts ? { parts: output.parts } : {}),
          ...(output.summary ? { summary: output.summary } : {}),
        };
      } catch (error) {
        if (isAppError(error) && error.code !== 'internal') {
          return errorOutcome(name, error.code, error.message, error.details);
        }
        throw error;
      }
    },
    decide(deps, context, request) {
      return decidePendingAction(deps, context, tools, request);
    },
  };
  return registry;
}

function article(word: string): string {
  return /^[aeiou]/i.test(word) ? 'An' : 'A';
}
