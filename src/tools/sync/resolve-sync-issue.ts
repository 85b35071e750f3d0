import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { syncReviews, syncRuns } from '../../../db/schema/index.ts';
import { AppError } from '../../core/errors.ts';
import { isUuid } from '../../core/ids.ts';
import { createConnectLink } from '../../sync/connect-links.ts';
import { loadConnection, saveSettings } from '../../sync/connections.ts';
import { setHealth } from '../../sync/health.ts';
import { runRequestSchema } from '../../sync/requests.ts';
import { resolveReview } from '../../sync/reviews.ts';
import { startSync } from '../../sync/start.ts';
import { defineTool, type ToolContext, type ToolOutput } from '../define.ts';

const actions = [
  'rerun',
  'reconnect',
  'ignore',
  'take_theirs',
  'keep_ours',
  'merge',
  'keep_separate',
] as const;

const input = z.object({
  issue_id: z
    .string()
    .trim()
    .describe('A failed sync run id (from sync_logs) or a review id (from connection_status)'),
  action: z
    .enum(actions)
    .describe(
      'For a failed run: rerun, reconnect or ignore. For a conflict: take_theirs or keep_ours. For a possible duplicate: merge or keep_separate.',
    ),
});

async function findIssue({ deps, context }: ToolContext, issueId: string) {
  if (!isUuid(issueId)) throw new AppError('bad_request', 'That is not an issue id');
  const [run] = await deps.db.orm
    .select()
    .from(syncRuns)
    .where(and(eq(syncRuns.id, issueId), eq(syncRuns.tenantId, context.tenant.id)));
  if (run) return { kind: 'run' as const, run };
  const [review] = await deps.db.orm
    .select()
    .from(syncReviews)
    .where(and(eq(syncReviews.id, issueId), eq(syncReviews.tenantId, context.tenant.id)));
  if (review) return { kind: 'review' as const, review };
  throw new AppError('not_found', 'No sync issue with that id in this business');
}

function checkAction(
  kind: 'run' | 'review',
  reviewKind: string | undefined,
  action: (typeof actions)[number],
) {
  const allowed =
    kind === 'run'
      ? ['rerun', 'reconnect', 'ignore']
      : reviewKind === 'merge'
        ? ['merge', 'keep_separate']
        : ['take_theirs', 'keep_ours'];
  if (!allowed.includes(action))
    throw new AppError('bad_request', `For this issue choose one of: ${allowed.join(', ')}`);
}

export const resolveSyncIssue = defineTool({
  name: 'resolve_sync_issue',
  title: 'Fix a sync issue',
  description:
    "Acts on a sync problem: re-runs a failed sync, sends a reconnect link, or ignores the problem; or answers a review the engine left (a value changed on both sides: take_theirs / keep_ours; a possible duplicate: merge / keep_separate). Needs the owner's confirmation.",
  scope: 'write',
  confirm: true,
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false },
  input,
  async preview(tool, values) {
    const issue = await findIssue(tool, values.issue_id);
    checkAction(issue.kind, issue.kind === 'review' ? issue.review.kind : undefined, values.action);
    if (issue.kind === 'review' && issue.review.status !== 'open')
      throw new AppError('conflict', 'That review was already answered');
    const what =
      issue.kind === 'run'
        ? `the ${issue.run.action} run that ${issue.run.status}`
        : `the ${issue.review.kind} review of a ${issue.review.entity}`;
    return {
      summary: `${values.action.replace('_', ' ')} for ${what}`,
      details: { issue: values.issue_id, action: values.action },
    };
  },
  async run(tool, values): Promise<ToolOutput<Record<string, unknown>>> {
    const { deps, context } = tool;
    const issue = await findIssue(tool, values.issue_id);
    checkAction(issue.kind, issue.kind === 'review' ? issue.review.kind : undefined, values.action);
    if (issue.kind === 'review') {
      const text = await resolveReview(
        deps,
        context,
        issue.review,
        values.action as 'take_theirs' | 'keep_ours' | 'merge' | 'keep_separate',
      );
      return { data: { issue: issue.review.id, action: values.action }, text };
    }
    const run = issue.run;
    if (!run.connectionId) throw new AppError('bad_request', 'That run belongs to no connection');
    const connection = await loadConnection(deps, context.tenant.id, run.connectionId);
    if (values.action === 'reconnect') {
      const link = await createConnectLink(deps, context, connection.connector.id, connection.row.id);
      return {
        data: { url: link.url },
        text: `Reconnect ${connection.row.name} here: ${link.url} (works once, for 30 minutes).`,
      };
    }
    if (values.action === 'ignore') {
      await saveSettings(deps, context.tenant.id, connection.row.id, {
        ...connection.settings,
        ignoredUntil: deps.clock.now().toISOString(),
      });
      await setHealth(
        deps,
        context.tenant.id,
        connection.row.id,
        'green',
        'The last problem was ignored by the owner',
      );
      return {
        data: { connection: connection.row.id },
        text: `Ignored. ${connection.row.name} shows green until the next problem.`,
      };
    }
    const request = runRequestSchema.parse(run.request);
    const started = await startSync(deps, context, connection.row, request);
    return {
      data: { run_id: started.runId, status: started.outcome?.status ?? 'queued' },
      text: started.queued
        ? `Re-running the ${connection.row.name} sync now.`
        : `Re-ran the ${connection.row.name} sync: ${started.outcome?.status ?? 'done'}${started.outcome?.error ? ` — ${started.outcome.error}` : ''}.`,
    };
  },
});
