/** REST API v1: the tool registry over HTTP, authenticated by API key. */
import { Hono } from 'hono';
import { AppError } from '../core/errors.ts';
import { apiKeyAuth } from './api-key-auth.ts';
import type { AppEnv } from './env.ts';

const maxBodyBytes = 256 * 1024;

export function apiRoutes(): Hono<AppEnv> {
  const api = new Hono<AppEnv>();
  api.use('*', apiKeyAuth('api'));

  api.get('/me', (c) => {
    const context = c.get('tenantContext');
    return c.json({ tenant: context.tenant, member: context.member, scopes: context.keyScopes ?? [] });
  });

  api.get('/tools', (c) => {
    const { registry } = c.get('deps');
    const tools = registry.list('api', c.get('tenantContext')).map((tool) => ({
      name: tool.name,
      title: tool.title,
      description: tool.description,
      scope: tool.scope,
      confirm: tool.confirm,
    }));
    return c.json({ tools });
  });

  api.post('/tools/:name', async (c) => {
    const length = Number(c.req.header('content-length') ?? '0');
    if (length > maxBodyBytes)
      throw new AppError('payload_too_large', `Tool input is limited to ${maxBodyBytes} bytes`);
    const text = await c.req.text();
    if (text.length > maxBodyBytes)
      throw new AppError('payload_too_large', `Tool input is limited to ${maxBodyBytes} bytes`);
    let input: unknown = {};
    if (text.trim() !== '') {
      try {
        input = JSON.parse(text);
      } catch {
        throw new AppError('bad_request', 'The body is not valid JSON');
      }
    }
    const deps = c.get('deps');
    const outcome = await deps.registry.call(deps, c.get('tenantContext'), c.req.param('name'), input, {
      surface: 'api',
    });
    if (outcome.status === 'error') {
      const status = new AppError(outcome.error.code, outcome.error.message).status;
      return c.json(outcome, status as 400);
    }
    return c.json(outcome, outcome.status === 'pending_confirmation' ? 202 : 200);
  });
  return api;
}
