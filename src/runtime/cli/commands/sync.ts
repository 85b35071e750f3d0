/**
 * `kiungo connect`, `kiungo sync`, `kiungo logs`: connections and syncs from a shell. `sync` runs the
 * sync here when no server is running, or queues it on the server's worker and follows it to the end.
 */

import type { Command } from 'commander';
import { eq } from 'drizzle-orm';
import { syncRuns } from '../../../../db/schema/index.ts';
import { AppError } from '../../../core/errors.ts';
import { establishConnection } from '../../../sync/connect.ts';
import { resolveConnection } from '../../../sync/connections.ts';
import { describeCounts } from '../../../sync/describe.ts';
import { streams as allStreams, type Stream } from '../../../sync/records.ts';
import type { RunCounts } from '../../../sync/run.ts';
import { type Frequency, frequencies } from '../../../sync/settings.ts';
import { startSync, streamsToSync } from '../../../sync/start.ts';
import type { CommandSession } from '../io.ts';

function parseStreams(value: string | undefined): Stream[] | undefined {
  if (!value) return undefined;
  const list = value.split(',').map((item) => item.trim()) as Stream[];
  const unknown = list.filter((item) => !allStreams.includes(item));
  if (unknown.length > 0)
    throw new AppError('bad_request', `Unknown streams ${unknown.join(', ')}; use ${allStreams.join(', ')}`);
  return list;
}

function parseJson(text: string): Record<string, unknown> {
  try {
    const value = JSON.parse(text) as unknown;
    if (value && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {}
  throw new AppError('bad_request', '--config takes a JSON object, e.g. \'{"siteUrl":"https://…"}\'');
}

const finished = new Set(['succeeded', 'partial', 'failed', 'cancelled']);

export function registerSyncCommands(program: Command, session: CommandSession): void {
  program
    .command('connect <connector>')
    .description(
      'create a connection from credentials (owners use the connect page); prints its id and webhook URL',
    )
    .requiredOption('--config <json>', "the connector's settings and credentials as JSON")
    .option('--streams <list>', 'what to sync, comma-separated')
    .option('--frequency <frequency>', `how often: ${frequencies.join(', ')}`)
    .option('--no-check', 'do not check the credentials with the vendor first')
    .option('--no-setup', 'do not register webhooks with the vendor')
    .action(
      async (
        connector: string,
        flags: { config: string; streams?: string; frequency?: string; check: boolean; setup: boolean },
      ) => {
        const { deps } = await session.environment();
        const context = await session.context();
        if (flags.frequency && !frequencies.includes(flags.frequency as Frequency))
          throw new AppError('bad_request', `--frequency is one of ${frequencies.join(', ')}`);
        const result = await establishConnection(
          deps,
          context,
          {
            connector,
            config: parseJson(flags.config),
            streams: parseStreams(flags.streams) ?? [],
            frequency: (flags.frequency as Frequency | undefined) ?? 'manual',
          },
          { skipCheck: !flags.check, skipSetup: !flags.setup },
        );
        const lines = [
          `Connected ${result.connector.name}${result.account ? ` (${result.account})` : ''}.`,
          `Connection id: ${result.connectionId}`,
          `Webhook URL:   ${result.webhookUrl}`,
          ...Object.entries(result.generated).map(([name, value]) => `${name} (shown once): ${value}`),
          ...result.notes,
        ];
        session.print(
          {
            id: result.connectionId,
            connector: result.connector.id,
            webhook_url: result.webhookUrl,
            generated: result.generated,
            notes: result.notes,
          },
          lines.join('\n'),
        );
      },
    );

  program
    .command('sync <connection>')
    .description('sync a connection now (by name, connector or id)')
    .option('--full', 'everything, not only what changed', false)
    .option('--since <iso>', 'only records changed since this instant')
    .option('--until <iso>', 'with --since: up to this instant')
    .option('--streams <list>', 'what to sync, comma-separated')
    .action(
      async (name: string, flags: { full: boolean; since?: string; until?: string; streams?: string }) => {
        const { deps } = await session.environment();
        const context = await session.context();
        const connection = await resolveConnection(deps, context, name);
        const streams = streamsToSync(connection, parseStreams(flags.streams));
        const mode = flags.full ? 'full' : flags.since ? 'range' : 'incremental';
        const progress = (counts: RunCounts) => {
          if (session.io.isTTY && !session.globals().json)
            session.io.err(
              `${connection.name}: ${counts.seen.toLocaleString('en-US')}${counts.total ? ` of ${counts.total.toLocaleString('en-US')}` : ''} records…`,
            );
        };
        const started = await startSync(
          deps,
          context,
          connection,
          {
            streams,
            mode,
            ...(flags.since ? { since: new Date(flags.since).toISOString() } : {}),
            ...(flags.until ? { until: new Date(flags.until).toISOString() } : {}),
          },
          { onProgress: progress },
        );
        let status: string | undefined = started.outcome?.status;
        let counts = started.outcome?.counts;
        let error = started.outcome?.notice ?? started.outcome?.error;
        // Queued on the server's worker: follow the run to its end.
        while (started.queued && !(status && finished.has(status))) {
          await new Promise((resolve) => setTimeout(resolve, 1000));
          const [run] = await deps.db.orm.select().from(syncRuns).where(eq(syncRuns.id, started.runId));
          status = run?.status;
          counts = run?.counts as RunCounts;
          error = run?.error ?? undefined;
          if (counts && status === 'running') progress(counts);
        }
        const text =
          status === 'failed'
            ? `The ${connection.name} sync failed: ${error ?? 'unknown error'}`
            : `Synced ${streams.join(', ')} from ${connection.name}: ${counts ? describeCounts(counts) : 'done'}.`;
        session.print({ run_id: started.runId, status, counts, ...(error ? { error } : {}) }, text);
        if (status === 'failed')
          throw new AppError('unavailable', error ?? 'The sync failed', {
            details: { run_id: started.runId },
          });
      },
    );

  program
    .command('logs')
    .description('sync logs: when, which system, what, how many, what went wrong')
    .option('--system <name>', 'only this system')
    .option('--status <status>', 'succeeded, failed, partial, running or queued')
    .option('--run <id>', 'one run in detail')
    .option('--limit <n>', 'how many runs', '20')
    .action(async (flags: { system?: string; status?: string; run?: string; limit: string }) => {
      const { deps } = await session.environment();
      const context = await session.context();
      const outcome = await deps.registry.call(
        deps,
        context,
        'sync_logs',
        {
          ...(flags.system ? { system: flags.system } : {}),
          ...(flags.status ? { status: flags.status } : {}),
          ...(flags.run ? { run_id: flags.run } : {}),
          limit: Number(flags.limit),
        },
        { surface: 'cli' },
      );
      if (outcome.status === 'error') throw new AppError(outcome.error.code, outcome.error.message);
      session.print(outcome.status === 'ok' ? outcome.data : outcome, outcome.text);
    });
}
