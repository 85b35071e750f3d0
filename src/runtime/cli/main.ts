/**
 * Process entry of `kiungo`. When a `kiungo serve` owns the embedded database folder, commands are
 * sent to it (the folder is never opened twice); otherwise they open the database directly.
 */
import { createInterface } from 'node:readline/promises';
import type { Command } from 'commander';
import { parseConfig } from '../../core/config.ts';
import { createLogger } from '../../core/logger.ts';
import { resolveDataDir, runningServer } from '../node/data-dir.node.ts';
import { type Environment, openEnvironment } from '../node/environment.node.ts';
import { registerServeCommand } from '../node/serve-command.node.ts';
import type { CliIO, CommandSession, GlobalOptions } from './io.ts';
import { runCli } from './program.ts';

/** Finds `--data-dir` before full parsing, to know whether a server owns that folder. */
function dataDirFlag(argv: readonly string[]): string | undefined {
  for (let index = 0; index < argv.length; index++) {
    const item = argv[index] as string;
    if (item === '--data-dir') return argv[index + 1];
    if (item.startsWith('--data-dir=')) return item.slice('--data-dir='.length);
  }
  return undefined;
}

const localOnly = new Set(['serve', 'help', '--help', '-h', '--version']);

async function forward(url: string, token: string, argv: readonly string[], io: CliIO): Promise<number> {
  const response = await fetch(`${url}/internal/cli`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-kiungo-cli-token': token },
    body: JSON.stringify({ argv, cwd: process.cwd() }),
  });
  if (!response.ok) {
    io.err(`Error: the running server refused the command (${response.status})`);
    return 2;
  }
  const result = (await response.json()) as { exitCode: number; stdout: string; stderr: string };
  if (result.stdout) io.out(result.stdout);
  if (result.stderr) io.err(result.stderr);
  return result.exitCode;
}

/** Returns the exit code, or 'serving' while `kiungo serve` keeps the process alive. */
/** `kiungo chat` while a server owns the folder: the prompt stays here, each line is an `ask` there. */
async function chatThroughServer(
  url: string,
  token: string,
  argv: readonly string[],
  io: CliIO,
): Promise<number> {
  const globals = argv.slice(0, argv.indexOf('chat'));
  const lines = createInterface({ input: process.stdin, output: process.stdout, terminal: io.isTTY });
  io.out('Kiungo (through the running server). Type "exit" to leave.');
  for (;;) {
    let line: string;
    try {
      line = await lines.question(io.isTTY ? '› ' : '');
    } catch {
      break;
    }
    if (line.trim() === 'exit' || line.trim() === 'quit') break;
    if (line.trim() !== '') await forward(url, token, [...globals, 'ask', line], io);
  }
  lines.close();
  return 0;
}

export async function main(argv: readonly string[]): Promise<number | 'serving'> {
  const config = parseConfig(process.env);
  const io: CliIO = {
    out: (text) => process.stdout.write(`${text}\n`),
    err: (text) => process.stderr.write(`${text}\n`),
    isTTY: Boolean(process.stdout.isTTY),
  };
  const logger = createLogger(config.KIUNGO_LOG_LEVEL ?? 'warn', (line) => process.stderr.write(`${line}\n`));
  const dataDir = resolveDataDir(dataDirFlag(argv), config.KIUNGO_DATA_DIR);
  const firstCommand = argv.find((item) => !item.startsWith('-') && item !== dataDirFlag(argv));
  if (!config.DATABASE_URL && !localOnly.has(firstCommand ?? 'help') && argv.length > 0) {
    const server = runningServer(dataDir);
    if (server && firstCommand === 'chat') return chatThroughServer(server.url, server.token, argv, io);
    if (server) return forward(server.url, server.token, argv, io);
  }

  const opened: Environment[] = [];
  const code = await runCli(argv, io, {
    async environment(globals: GlobalOptions) {
      const environment = await openEnvironment(
        config,
        resolveDataDir(globals.dataDir, config.KIUNGO_DATA_DIR),
        logger,
      );
      opened.push(environment);
      return environment;
    },
    extend(program: Command, session: CommandSession) {
      registerServeCommand(program, session, { config, logger });
    },
  });
  // `serve` keeps running; every other command closes what it opened.
  if (firstCommand === 'serve' && code === 0) return 'serving';
  for (const environment of opened) await environment.close();
  return code;
}
