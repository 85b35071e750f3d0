/** `kiungo serve`: the HTTP app on Node, owning the embedded database while it runs. */
import { serve } from '@hono/node-server';
import type { Command } from 'commander';
import type { Config } from '../../core/config.ts';
import type { Logger } from '../../core/context.ts';
import { randomToken } from '../../core/encoding.ts';
import { dateInZone } from '../../core/time.ts';
import { loadDemo } from '../../demo/load.ts';
import { type AppDeps, createApp } from '../../http/app.ts';
import { startSyncWorker } from '../../sync/worker.ts';
import { type CommandSession, captureIO } from '../cli/io.ts';
import { runCli } from '../cli/program.ts';
import { removeServerRecord, runningServer, writeServerRecord } from './data-dir.node.ts';
import { startPgBossQueue } from './pg-boss-queue.node.ts';

export function registerServeCommand(
  program: Command,
  session: CommandSession,
  options: { config: Config; logger: Logger },
): void {
  program
    .command('serve')
    .description('run the HTTP app (web chat, webhooks, REST, MCP), worker and channels')
    .option('--port <port>', 'port to listen on (0 = any free port)')
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--demo', 'load the demo business first if it is missing', false)
    .option('--no-worker', 'serve HTTP only; sync jobs run in other processes (`kiungo worker`)')
    .action(async (flags: { port?: string; host: string; demo: boolean; worker: boolean }) => {
      const globals = session.globals();
      const environment = await session.environment();
      if (environment.embedded) {
        const other = runningServer(environment.dataDir);
        if (other && other.pid !== process.pid)
          throw new Error(`Kiungo is already serving ${environment.dataDir} at ${other.url}`);
      }
      const { deps } = environment;
      if (flags.demo) {
        const result = await loadDemo(deps.db, {
          today: dateInZone(deps.clock.now(), 'Africa/Dar_es_Salaam'),
        });
        if (result.created)
          session.io.err(
            `Loaded the demo business: ${result.counts.customers} customers, ${result.counts.invoices} invoices.`,
          );
      }
      const jobs = await startPgBossQueue(deps.db, { logger: options.logger, schedule: flags.worker });
      deps.jobs = jobs;
      if (flags.worker) await startSyncWorker(deps, jobs);
      const cliToken = randomToken(24);
      const appDeps: AppDeps = {
        ...deps,
        ...(environment.embedded ? { autoLoginTenant: globals.tenant } : {}),
        cliToken,
        async runCli(argv, cwd) {
          const io = { ...captureIO(), ...(cwd ? { cwd } : {}) };
          const exitCode = await runCli(argv, io, { environment: async () => environment });
          return { exitCode, stdout: io.stdout.join('\n'), stderr: io.stderr.join('\n') };
        },
      };
      const app = createApp(appDeps);
      const port = Number(flags.port ?? options.config.PORT ?? 8787);
      const server = serve({ fetch: app.fetch, port, hostname: flags.host }, (info) => {
        const url = `http://${flags.host === '0.0.0.0' ? '127.0.0.1' : flags.host}:${info.port}`;
        // Links (sign-in, connect pages) point at this server unless PUBLIC_URL says otherwise.
        deps.publicUrl ??= url;
        appDeps.publicUrl ??= url;
        if (environment.embedded) writeServerRecord(environment.dataDir, url, cliToken);
        session.io.out(
          globals.json
            ? JSON.stringify({ url, tenant: globals.tenant, database: deps.db.dialect })
            : `Kiungo is running at ${url}  (business: ${globals.tenant}, database: ${environment.embedded ? environment.dataDir : 'Postgres'})`,
        );
      });
      const stop = async () => {
        server.close();
        await jobs.stop().catch(() => {});
        if (environment.embedded) removeServerRecord(environment.dataDir);
        await environment.close();
        process.exit(0);
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
}
