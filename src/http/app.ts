/**
 * The HTTP app: one Hono app built from its dependencies, so tests, the Node server and the Workers
 * entry all serve the same routes. Feature routes are sub-apps mounted with `app.route`.
 */
import { sql } from 'drizzle-orm';
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { requestId } from 'hono/request-id';
import type { Assistant } from '../agent/assistant.ts';
import type { Deps } from '../core/context.ts';
import { timingSafeEqual } from '../core/encoding.ts';
import { AppError, isAppError } from '../core/errors.ts';
import type { ToolRegistry } from '../tools/registry.ts';
import { apiRoutes } from './api.ts';
import { chatRoutes } from './chat.ts';
import { connectRoutes } from './connect.ts';
import type { AppEnv } from './env.ts';
import { webhookRoutes } from './webhooks.ts';

export interface AppDeps extends Deps {
  registry: ToolRegistry;
  assistant: Assistant;
  /** Which brain answers: 'anthropic' with a key, else 'offline'. Shown in the web chat. */
  assistantMode: string;
  /** Signs web session cookies. */
  sessionSecret: string;
  /** Embedded mode: visitors of the web chat are signed in as this business's owner. */
  autoLoginTenant?: string;
  /**
   * Runs a CLI command inside this process, for CLI invocations made while this server owns the
   * embedded database. Present only in the Node server.
   */
  runCli?: (argv: string[], cwd?: string) => Promise<{ exitCode: number; stdout: string; stderr: string }>;
  /** Secret the local CLI presents to reach `runCli`. */
  cliToken?: string;
}

export function createApp(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.use('*', requestId());
  app.use('*', async (c, next) => {
    c.set('deps', deps);
    await next();
  });

  app.get('/healthz', async (c) => {
    await deps.db.rows(sql`select 1`);
    return c.json({ ok: true, database: deps.db.dialect });
  });

  app.route('/', chatRoutes() as unknown as Hono<AppEnv>);

  app.route('/api/v1', apiRoutes());

  app.route('/webhooks', webhookRoutes(deps));

  app.route('/connect', connectRoutes());

  app.post('/internal/cli', async (c) => {
    const presented = c.req.header('x-kiungo-cli-token') ?? '';
    if (!deps.runCli || !deps.cliToken || !timingSafeEqual(presented, deps.cliToken)) {
      throw new AppError('unauthenticated', 'This endpoint serves the local command line only');
    }
    const body = (await c.req.json().catch(() => null)) as { argv?: unknown; cwd?: unknown } | null;
    if (!body || !Array.isArray(body.argv) || !body.argv.every((item) => typeof item === 'string')) {
      throw new AppError('bad_request', 'Expected { "argv": string[] }');
    }
    return c.json(
      await deps.runCli(body.argv as string[], typeof body.cwd === 'string' ? body.cwd : undefined),
    );
  });

  app.notFound((c) =>
    c.json({ error: { code: 'not_found', message: `No route for ${c.req.method} ${c.req.path}` } }, 404),
  );

  app.onError((error, c) => {
    if (error instanceof HTTPException && error.status < 500) {
      const code =
        error.status === 403 ? 'forbidden' : error.status === 401 ? 'unauthenticated' : 'bad_request';
      return c.json(
        { error: { code, message: error.message || 'Request refused' }, requestId: c.get('requestId') },
        error.status,
      );
    }
    if (isAppError(error)) {
      if (error.retryAfter !== undefined) c.header('Retry-After', String(error.retryAfter));
      return c.json({ error: error.toJSON(), requestId: c.get('requestId') }, error.status as 400);
    }
    deps.logger.error('request failed', {
      requestId: c.get('requestId'),
      path: c.req.path,
      error: String(error),
    });
    return c.json(
      {
        error: { code: 'internal', message: 'Something went wrong on our side' },
        requestId: c.get('requestId'),
      },
      500,
    );
  });
  return app;
}
