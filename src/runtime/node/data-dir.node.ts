/**
 * The embedded database's folder and the rule that only one process opens it. A process that opens
 * the folder holds `kiungo.lock` (its pid); `kiungo serve` also writes `server.json` (its URL and a
 * secret for the local CLI), so CLI commands run while it is up go through it instead.
 */
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { AppError } from '../../core/errors.ts';
import { generateVaultKey } from '../../core/vault.ts';

export function resolveDataDir(flag: string | undefined, env: string | undefined): string {
  return resolve(flag ?? env ?? '.kiungo');
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export interface ServerRecord {
  pid: number;
  url: string;
  token: string;
}

/** The running server that owns this folder, if there is one. */
export function runningServer(dataDir: string): ServerRecord | null {
  try {
    const record = JSON.parse(readFileSync(join(dataDir, 'server.json'), 'utf8')) as ServerRecord;
    return alive(record.pid) ? record : null;
  } catch {
    return null;
  }
}

export function writeServerRecord(dataDir: string, url: string, token: string): ServerRecord {
  const record: ServerRecord = { pid: process.pid, url, token };
  writeFileSync(join(dataDir, 'server.json'), JSON.stringify(record), { mode: 0o600 });
  return record;
}

export function removeServerRecord(dataDir: string): void {
  rmSync(join(dataDir, 'server.json'), { force: true });
}

/**
 * Takes the folder's lock, waiting up to `waitMs` for another short-lived process to finish.
 * Returns the release function.
 */
export async function lockDataDir(dataDir: string, waitMs = 15_000): Promise<() => void> {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const lockPath = join(dataDir, 'kiungo.lock');
  const deadline = Date.now() + waitMs;
  for (;;) {
    try {
      const handle = openSync(lockPath, 'wx', 0o600);
      writeFileSync(handle, String(process.pid));
      closeSync(handle);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        rmSync(lockPath, { force: true });
      };
      process.once('exit', release);
      return release;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number(readFileSafe(lockPath));
      if (!Number.isInteger(holder) || holder <= 0 || !alive(holder)) {
        rmSync(lockPath, { force: true });
        continue;
      }
      if (Date.now() > deadline) {
        throw new AppError('unavailable', `The database in ${dataDir} is in use by process ${holder}`);
      }
      await new Promise((resolveWait) => setTimeout(resolveWait, 150));
    }
  }
}

function readFileSafe(path: string): string {
  try {
    return readFileSync(path, 'utf8').trim();
  } catch {
    return '';
  }
}

/**
 * The vault key for the embedded database: generated on first use into the data folder (readable by
 * this user only), with a warning, since a key beside the data protects nothing on a stolen disk.
 */
export function embeddedMasterKey(dataDir: string, warn: (message: string) => void): string {
  const path = join(dataDir, 'master.key');
  if (existsSync(path)) return readFileSync(path, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const key = generateVaultKey();
  writeFileSync(path, `${key}\n`, { mode: 0o600, flag: 'wx' });
  warn(
    `Generated a vault key in ${path}. In production set KIUNGO_MASTER_KEY instead and keep it away from the data.`,
  );
  return key;
}
