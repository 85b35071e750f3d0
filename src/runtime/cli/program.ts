/**
 * The `kiungo` command line, built per invocation so it can run in a terminal or, while `kiungo
 * serve` owns the embedded database, inside the server on the CLI's behalf, with the same output.
 */
import { Command, CommanderError } from 'commander';
import { isAppError } from '../../core/errors.ts';
import { contextForSlug } from '../../tenancy/tenants.ts';
import type { Environment } from '../node/environment.node.ts';
import { registerAdminCommands } from './commands/admin.ts';
import { registerAssistantCommands } from './commands/assistant.ts';
import { registerExportCommand } from './commands/export.ts';
import { registerImportCommand } from './commands/import.ts';
import { registerSyncCommands } from './commands/sync.ts';
import { registerToolCommands } from './commands/tools.ts';
import type { CliIO, CommandSession, GlobalOptions } from './io.ts';

export interface CliHost {
  /** Opens (or returns) the environment for these options. */
  environment(globals: GlobalOptions): Promise<Environment>;
  /** Registers process-only commands such as `serve`; absent inside the server. */
  extend?(program: Command, session: CommandSession): void;
}

export async function runCli(argv: readonly string[], io: CliIO, host: CliHost): Promise<number> {
  let exitCode = 0;
  const program = new Command('kiungo')
    .description('Kiungo: the business assistant and integrations command centre')
    .option('--tenant <slug>', 'the business to act for', 'demo')
    .option('--data-dir <dir>', 'folder of the embedded database (or KIUNGO_DATA_DIR)')
    .option('--json', 'machine-readable output on stdout', false)
    .option('--as <member>', 'act as this member (id, name or role)')
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.out(text.trimEnd()),
      writeErr: (text) => io.err(text.trimEnd()),
    })
    .showHelpAfterError();

  let environment: Promise<Environment> | undefined;
  const session: CommandSession = {
    io,
    globals: () => program.opts<GlobalOptions>(),
    environment: () => {
      environment ??= host.environment(program.opts<GlobalOptions>());
      return environment;
    },
    async context() {
      const globals = program.opts<GlobalOptions>();
      const { deps } = await session.environment();
      return contextForSlug(deps.db, globals.tenant, 'cli', globals.as);
    },
    print(value, text) {
      io.out(program.opts<GlobalOptions>().json ? JSON.stringify(value, null, 2) : text);
    },
  };

  registerToolCommands(program, session, (code) => {
    exitCode = code;
  });
  registerAdminCommands(program, session);
  registerAssistantCommands(program, session);
  registerImportCommand(program, session);
  registerExportCommand(program, session);
  registerSyncCommands(program, session);
  host.extend?.(program, session);

  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode;
    const message = isAppError(error)
      ? error.message
      : error instanceof Error
        ? error.message
        : String(error);
    if (program.opts<GlobalOptions>().json)
      io.out(
        JSON.stringify(
          { status: 'error', error: isAppError(error) ? error.toJSON() : { code: 'internal', message } },
          null,
          2,
        ),
      );
    io.err(`Error: ${message}`);
    return isAppError(error) ? 1 : 2;
  }
  return exitCode;
}
