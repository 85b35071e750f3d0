/** Builds the dependencies of a Node process from its configuration: database, vault, clock, tools. */
import { join } from 'node:path';
import type { Database } from '../../../db/database.ts';
import { createDb } from '../../../db/open.node.ts';
import { assistantFromConfig, columnSuggesterFromConfig } from '../../agent/from-config.ts';
import type { Config } from '../../core/config.ts';
import type { Deps, Logger } from '../../core/context.ts';
import { randomToken, sha256Hex } from '../../core/encoding.ts';
import { AppError } from '../../core/errors.ts';
import { systemClock } from '../../core/time.ts';
import { createVault, type Vault } from '../../core/vault.ts';
import type { AppDeps } from '../../http/app.ts';
import { createToolRegistry } from '../../tools/catalogue.ts';
import { embeddedMasterKey, lockDataDir } from './data-dir.node.ts';

export interface Environment {
  deps: Omit<AppDeps, 'runCli' | 'cliToken' | 'autoLoginTenant'>;
  embedded: boolean;
  dataDir: string;
  close(): Promise<void>;
}

/** A vault that explains what is missing the moment something needs it. */
function missingVault(reason: string): Vault {
  const fail = async (): Promise<never> => {
    throw new AppError('unavailable', reason);
  };
  return { keyId: 'none', seal: fail, open: fail, sealJson: fail, openJson: fail };
}

export async function openEnvironment(config: Config, dataDir: string, logger: Logger): Promise<Environment> {
  const embedded = !config.DATABASE_URL;
  const release = embedded ? await lockDataDir(dataDir) : () => {};
  let db: Database;
  try {
    db = await createDb({ databaseUrl: config.DATABASE_URL, dataDir: join(dataDir, 'db') });
  } catch (error) {
    release();
    throw error;
  }
  const key =
    config.KIUNGO_MASTER_KEY ??
    (embedded ? embeddedMasterKey(dataDir, (message) => logger.warn(message)) : undefined);
  const previous = (config.KIUNGO_PREVIOUS_KEYS ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
  const vault = key
    ? await createVault([key, ...previous])
    : missingVault('Set KIUNGO_MASTER_KEY (base64, 32 bytes) to store credentials');
  const suggester = columnSuggesterFromConfig(config);
  const base: Deps = {
    db,
    vault,
    clock: systemClock,
    logger,
    ...(config.PUBLIC_URL ? { publicUrl: config.PUBLIC_URL } : {}),
    ...(suggester ? { columnSuggester: suggester } : {}),
  };
  const registry = createToolRegistry();
  const { assistant, mode } = assistantFromConfig(config, base, registry);
  // Sessions survive restarts when they are signed with a key derived from the vault key.
  const sessionSecret = key ? await sha256Hex(`kiungo-session:${key}`) : randomToken(32);
  // One object: what the server adds later (the job queue, its public URL) reaches the assistant's tools too.
  const deps = Object.assign(base, { registry, assistant, assistantMode: mode, sessionSecret });
  return {
    deps,
    embedded,
    dataDir,
    async close() {
      try {
        await db.close();
      } finally {
        release();
      }
    },
  };
}
