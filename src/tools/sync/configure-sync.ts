import { z } from 'zod';
import { AppError } from '../../core/errors.ts';
import { connectorOf, resolveConnection, saveSettings } from '../../sync/connections.ts';
import { streams } from '../../sync/records.ts';
import { applySchedule } from '../../sync/schedule.ts';
import { conflictPolicies, frequencies, parseSettings } from '../../sync/settings.ts';
import { defineTool, type ToolContext } from '../define.ts';

const input = z.object({
  system: z.string().trim().min(1).max(60),
  streams: z.array(z.enum(streams)).min(1).max(5).optional().describe('What to sync'),
  frequency: z
    .enum(frequencies)
    .optional()
    .describe('realtime (webhooks plus an hourly check), hourly, daily or manual'),
  conflict_policy: z
    .enum(conflictPolicies)
    .optional()
    .describe('When both sides changed: ours, theirs, most_recent or manual (ask me)'),
});

async function plan({ deps, context }: ToolContext, values: z.output<typeof input>) {
  const connection = await resolveConnection(deps, context, values.system);
  const connector = connectorOf(connection.connector);
  const current = parseSettings(connection.settings);
  const unsupported = (values.streams ?? []).filter((stream) => !connector.streams.includes(stream));
  if (unsupported.length > 0)
    throw new AppError(
      'bad_request',
      `${connector.name} cannot sync ${unsupported.join(', ')}; it can sync ${connector.streams.join(', ')}`,
    );
  if (values.frequency === 'realtime' && !connector.realtime)
    throw new AppError(
      'bad_request',
      `${connector.name} cannot push changes as they happen; choose hourly or daily`,
    );
  const next = {
    ...current,
    ...(values.streams ? { streams: values.streams } : {}),
    ...(values.frequency ? { frequency: values.frequency } : {}),
    ...(values.conflict_policy ? { conflictPolicy: values.conflict_policy } : {}),
  };
  return { connection, current, next };
}

export const configureSync = defineTool({
  name: 'configure_sync',
  title: 'Change what and how often a system syncs',
  description:
    "Changes a connection's settings: which records it syncs (customers, products, orders, inventory, payments), how often (realtime, hourly, daily, manual) and how conflicts are settled. Needs the owner's confirmation.",
  scope: 'admin',
  confirm: true,
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true },
  input,
  async preview(tool, values) {
    const { connection, current, next } = await plan(tool, values);
    return {
      summary: `${connection.name}: sync ${next.streams.join(', ')}, ${next.frequency}, conflicts: ${next.conflictPolicy} (was ${current.streams.join(', ')}, ${current.frequency}, ${current.conflictPolicy})`,
      details: { connection: connection.id, before: current, after: next },
    };
  },
  async run(tool, values) {
    const { connection, next } = await plan(tool, values);
    await saveSettings(tool.deps, tool.context.tenant.id, connection.id, next);
    await applySchedule(tool.deps, tool.context.tenant, { ...connection, settings: next });
    return {
      data: { connection: connection.id, settings: next },
      text: `${connection.name} now syncs ${next.streams.join(', ')}, ${next.frequency}; conflicts: ${next.conflictPolicy}.`,
    };
  },
});
