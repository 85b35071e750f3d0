/**
 * The Cloudflare Workers entry: the same HTTP app, on Postgres through Hyperdrive. Runtime-neutral
 * code only; Baileys and the embedded database stay in the Node process.
 */
import { openPostgres } from '../../../db/postgres.ts';
import { assistantFromConfig, columnSuggesterFromConfig } from '../../agent/from-config.ts';
import { parseConfig } from '../../core/config.ts';
import { sha256Hex } from '../../core/encoding.ts';
import { createLogger } from '../../core/logger.ts';
import { systemClock } from '../../core/time.ts';
import { createVault } from '../../core/vault.ts';
import { createApp } from '../../http/app.ts';
import { createToolRegistry } from '../../tools/catalogue.ts';

export interface WorkerEnv {
  HYPERDRIVE?: { connectionString: string };
  [name: string]: unknown;
}

interface WorkerExecutionContext {
  waitUntil(promise: Promise<unknown>): void;
}

const registry = createToolRegistry();

export default {
  async fetch(request: Request, env: WorkerEnv, context: WorkerExecutionContext): Promise<Response> {
    const config = parseConfig(
      Object.fromEntries(Object.entries(env).filter(([, value]) => typeof value === 'string')) as Record<
        string,
        string
      >,
    );
    const url = env.HYPERDRIVE?.connectionString ?? config.DATABASE_URL;
    if (!url || !config.KIUNGO_MASTER_KEY) {
      return Response.json(
        {
          error: {
            code: 'unavailable',
            message: 'Configure HYPERDRIVE (or DATABASE_URL) and KIUNGO_MASTER_KEY',
          },
        },
        { status: 503 },
      );
    }
    // Hyperdrive pools connections itself; a small client per request is the recommended shape.
    const db = openPostgres(url, { max: 1 });
    const previous = (config.KIUNGO_PREVIOUS_KEYS ?? '').split(',').filter(Boolean);
    const suggester = columnSuggesterFromConfig(config);
    const deps = {
      db,
      vault: await createVault([config.KIUNGO_MASTER_KEY, ...previous]),
      clock: systemClock,
      logger: createLogger(config.KIUNGO_LOG_LEVEL ?? 'info'),
      ...(config.PUBLIC_URL ? { publicUrl: config.PUBLIC_URL } : {}),
      ...(suggester ? { columnSuggester: suggester } : {}),
    };
    const { assistant, mode } = assistantFromConfig(config, deps, registry);
    const app = createApp({
      ...deps,
      registry,
      assistant,
      assistantMode: mode,
      sessionSecret: await sha256Hex(`kiungo-session:${config.KIUNGO_MASTER_KEY}`),
    });
    try {
      return await app.fetch(request);
    } finally {
      context.waitUntil(db.close());
    }
  },
};
