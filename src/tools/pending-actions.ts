/**
 * Pending actions: a write tool called by anyone (a model, an MCP client, a script) only records what
 * it would do. It runs when a member whose role allows it confirms with the one-time token, within
 * the expiry. This is enforced here, in code, whatever a prompt or a tool input says.
 */
import { and, eq } from 'drizzle-orm';
import { pendingActions } from '../../db/schema/index.ts';
import { writeAudit } from '../audit/audit-log.ts';
import { canUse, type Deps, type TenantContext } from '../core/context.ts';
import { randomToken, sha256Hex, timingSafeEqual } from '../core/encoding.ts';
import { AppError, isAppError } from '../core/errors.ts';
import type { ActionPreview, AnyTool } from './define.ts';
import { errorOutcome, type ToolOutcome } from './outcome.ts';

/** How long a member has to confirm before the action lapses. */
export const pendingActionLifetimeMs = 30 * 60 * 1000;

export async function createPendingAction(
  deps: Deps,
  context: TenantContext,
  tool: AnyTool,
  input: unknown,
  preview: ActionPreview,
): Promise<ToolOutcome> {
  const token = randomToken(18);
  const expiresAt = new Date(deps.clock.now().getTime() + pendingActionLifetimeMs);
  const row = await deps.db.orm.transaction(async (tx) => {
    const [inserted] = await tx
      .insert(pendingActions)
      .values({
        tenantId: context.tenant.id,
        memberId: context.member.id,
        channel: context.channel,
        tool: tool.name,
        input: input as object,
        preview,
        tokenHash: await sha256Hex(token),
        expiresAt,
      })
      .returning({ id: pendingActions.id });
    if (!inserted) throw new AppError('internal', 'The pending action was not saved');
    await writeAudit(tx, context, {
      action: 'action.requested',
      tool: tool.name,
      data: { actionId: inserted.id, input },
      outcome: 'pending',
    });
    return inserted;
  });
  return {
    status: 'pending_confirmation',
    tool: tool.name,
    action: { id: row.id, tool: tool.name, ...preview, expiresAt: expiresAt.toISOString() },
    confirmToken: token,
    text: `${preview.summary}\nThis needs your confirmation before it happens.`,
  };
}

export type Decision = 'confirm' | 'cancel';

/**
 * How the decision was authenticated: by the one-time token (any surface), or by the member's own
 * signed-in session on a chat channel (a button or a "yes" typed by the person). The model has
 * neither: it can only create pending actions.
 */
export type DecisionProof = { token: string } | { memberSession: true };

export interface DecisionRequest {
  actionId: string;
  decision: Decision;
  proof: DecisionProof;
}

/** Confirms or cancels a pending action of this business; runs the tool on confirmation. */
export async function decidePendingAction(
  deps: Deps,
  context: TenantContext,
  tools: ReadonlyMap<string, AnyTool>,
  request: DecisionRequest,
): Promise<ToolOutcome> {
  const label = 'confirm_action';
  const [action] = await deps.db.orm
    .select()
    .from(pendingActions)
    .where(and(eq(pendingActions.id, request.actionId), eq(pendingActions.tenantId, context.tenant.id)));
  // Unknown, other tenant's, or wrong token all read the same, so ids cannot be probed. A member
  // session decides only the actions that member asked for.
  const proven =
    action &&
    ('token' in request.proof
      ? timingSafeEqual(action.tokenHash, await sha256Hex(request.proof.token))
      : action.memberId === context.member.id && action.channel === context.channel);
  if (!action || !proven) {
    return errorOutcome(label, 'not_found', 'No pending action matches that id and confirmation token');
  }
  const tool = tools.get(action.tool);
  if (!tool) return errorOutcome(label, 'not_found', `The tool ${action.tool} no longer exists`);
  if (!canUse(context, tool.scope)) {
    await writeAudit(deps.db.orm, context, {
      action: 'action.confirm',
      tool: tool.name,
      data: { actionId: action.id },
      outcome: 'denied',
    });
    return errorOutcome(label, 'forbidden', `A ${context.member.role} may not confirm ${tool.name}`);
  }
  if (action.status !== 'pending') {
    return errorOutcome(label, 'conflict', `This action was already ${action.status}`);
  }
  const now = deps.clock.now();
  if (action.expiresAt.getTime() < now.getTime()) {
    await settle(deps, action.id, 'expired', null, context);
    await writeAudit(deps.db.orm, context, {
      action: 'action.confirm',
      tool: tool.name,
      data: { actionId: action.id },
      outcome: 'expired',
    });
    return errorOutcome(label, 'conflict', 'This action expired before it was confirmed; ask again');
  }
  if (request.decision === 'cancel') {
    const claimed = await claim(deps, action.id, 'cancelled', context);
    if (!claimed) return errorOutcome(label, 'conflict', 'This action was decided meanwhile');
    await writeAudit(deps.db.orm, context, {
      action: 'action.cancel',
      tool: tool.name,
      data: { actionId: action.id },
      outcome: 'cancelled',
    });
    return {
      status: 'ok',
      tool: tool.name,
      data: { actionId: action.id, status: 'cancelled' },
      text: 'Cancelled. Nothing was changed.',
    };
  }
  // Claim first, so two confirmations racing each other run the action once.
  const claimed = await claim(deps, action.id, 'confirmed', context);
  if (!claimed) return errorOutcome(label, 'conflict', 'This action was decided meanwhile');
  const parsed = tool.input.safeParse(action.input);
  if (!parsed.success) {
    await settle(deps, action.id, 'failed', { error: 'The saved input is no longer valid' }, context);
    return errorOutcome(label, 'unprocessable', 'The saved input is no longer valid for this tool');
  }
  try {
    const output = await tool.run({ deps, context }, parsed.data);
    await settle(deps, action.id, 'confirmed', { data: output.data }, context);
    const parts = output.parts ? { parts: output.parts } : {};
    await writeAudit(deps.db.orm, context, {
      action: 'action.run',
      tool: tool.name,
      data: { actionId: action.id, input: action.input },
      outcome: 'succeeded',
    });
    return { status: 'ok', tool: tool.name, data: output.data, text: output.text, ...parts };
  } catch (error) {
    const message = isAppError(error) ? error.message : 'The action failed because of an internal error';
    await settle(deps, action.id, 'failed', { error: message }, context);
    await writeAudit(deps.db.orm, context, {
      action: 'action.run',
      tool: tool.name,
      data: { actionId: action.id, input: action.input, error: message },
      outcome: 'failed',
    });
    if (isAppError(error)) return errorOutcome(tool.name, error.code, error.message, error.details);
    throw error;
  }
}

async function claim(
  deps: Deps,
  actionId: string,
  status: 'confirmed' | 'cancelled',
  context: TenantContext,
): Promise<boolean> {
  const updated = await deps.db.orm
    .update(pendingActions)
    .set({ status, decidedAt: deps.clock.now(), decidedBy: context.member.id })
    .where(
      and(
        eq(pendingActions.id, actionId),
        eq(pendingActions.tenantId, context.tenant.id),
        eq(pendingActions.status, 'pending'),
      ),
    )
    .returning({ id: pendingActions.id });
  return updated.length === 1;
}

async function settle(
  deps: Deps,
  actionId: string,
  status: 'confirmed' | 'failed' | 'expired',
  result: unknown,
  context: TenantContext,
): Promise<void> {
  await deps.db.orm
    .update(pendingActions)
    .set({ status, result: result as object, decidedAt: deps.clock.now(), decidedBy: context.member.id })
    .where(and(eq(pendingActions.id, actionId), eq(pendingActions.tenantId, context.tenant.id)));
}
