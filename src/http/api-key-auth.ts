/** Bearer API-key authentication: resolves the key to its business, member and scopes. */
import { createMiddleware } from 'hono/factory';
import { AppError } from '../core/errors.ts';
import { authenticateApiKey } from '../tenancy/api-keys.ts';
import type { AppEnv } from './env.ts';

export function apiKeyAuth(channel: 'api' | 'mcp') {
  return createMiddleware<AppEnv>(async (c, next) => {
    const header = c.req.header('authorization') ?? '';
    const match = header.match(/^Bearer\s+(\S+)$/i);
    if (!match?.[1]) {
      c.header('WWW-Authenticate', 'Bearer');
      throw new AppError('unauthenticated', 'Send an API key as "Authorization: Bearer <key>"');
    }
    const deps = c.get('deps');
    c.set('tenantContext', await authenticateApiKey(deps.db, deps.clock, match[1], channel));
    await next();
  });
}
