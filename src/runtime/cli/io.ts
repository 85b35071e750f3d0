/** Where a CLI command writes, so the same commands run in a terminal or inside the server. */
import type { TenantContext } from '../../core/context.ts';
import type { Environment } from '../node/environment.node.ts';

export interface CliIO {
  out(text: string): void;
  err(text: string): void;
  isTTY: boolean;
  /** The caller's working directory, for relative file paths (a forwarded command runs elsewhere). */
  cwd?: string;
}

export interface GlobalOptions {
  tenant: string;
  dataDir?: string;
  json: boolean;
  as?: string;
}

/** What a command needs: the environment (opened on first use) and helpers bound to the options. */
export interface CommandSession {
  io: CliIO;
  globals(): GlobalOptions;
  environment(): Promise<Environment>;
  context(): Promise<TenantContext>;
  /** Prints a result: JSON on stdout with --json, else the human text. */
  print(value: unknown, text: string): void;
}

export function captureIO(): CliIO & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return {
    stdout,
    stderr,
    isTTY: false,
    out: (text) => stdout.push(text),
    err: (text) => stderr.push(text),
  };
}
