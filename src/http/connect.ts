/** `/connect/<one-time token>`: the connect page and its form. */
import { eq } from 'drizzle-orm';
import { Hono } from 'hono';
import { csrf } from 'hono/csrf';
import { tenants } from '../../db/schema/index.ts';
import { AppError } from '../core/errors.ts';
import { completeConnect } from '../sync/connect.ts';
import { findConnectGrant } from '../sync/connect-links.ts';
import { connectorOf } from '../sync/connections.ts';
import { streams as allStreams, type Stream } from '../sync/records.ts';
import { type Frequency, frequencies } from '../sync/settings.ts';
import type { AppEnv } from './env.ts';
import { connectDonePage, connectFormPage, connectGonePage } from './web/connect-page.ts';

export function connectRoutes() {
  const app = new Hono<AppEnv>();
  app.use('*', csrf());
  app.use('*', async (c, next) => {
    c.header('Cache-Control', 'no-store');
    c.header('Referrer-Policy', 'no-referrer');
    c.header('X-Frame-Options', 'DENY');
    await next();
  });

  app.get('/:token', async (c) => {
    const deps = c.get('deps');
    try {
      const grant = await findConnectGrant(deps, c.req.param('token'));
      const [tenant] = await deps.db.orm
        .select({ name: tenants.name })
        .from(tenants)
        .where(eq(tenants.id, grant.tenantId));
      return c.html(
        connectFormPage({
          connector: connectorOf(grant.connector),
          businessName: tenant?.name ?? '',
          action: `/connect/${c.req.param('token')}`,
          reconnect: grant.connectionId !== null,
        }),
      );
    } catch (error) {
      if (error instanceof AppError) return c.html(connectGonePage(error.message), error.status as 404);
      throw error;
    }
  });

  app.post('/:token', async (c) => {
    const deps = c.get('deps');
    let grant: Awaited<ReturnType<typeof findConnectGrant>>;
    try {
      grant = await findConnectGrant(deps, c.req.param('token'));
    } catch (error) {
      if (error instanceof AppError) return c.html(connectGonePage(error.message), error.status as 404);
      throw error;
    }
    const connector = connectorOf(grant.connector);
    const form = await c.req.parseBody({ all: true });
    const config: Record<string, string> = {};
    for (const [key, value] of Object.entries(form)) {
      if (key.startsWith('config.') && typeof value === 'string') config[key.slice('config.'.length)] = value;
    }
    const chosen = ([] as unknown[])
      .concat(form.streams ?? [])
      .filter((value): value is Stream => allStreams.includes(value as Stream));
    const frequency = frequencies.includes(form.frequency as Frequency)
      ? (form.frequency as Frequency)
      : 'manual';
    try {
      const result = await completeConnect(deps, grant, { config, streams: chosen, frequency });
      return c.html(connectDonePage(result));
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      const [tenant] = await deps.db.orm
        .select({ name: tenants.name })
        .from(tenants)
        .where(eq(tenants.id, grant.tenantId));
      return c.html(
        connectFormPage({
          connector,
          businessName: tenant?.name ?? '',
          action: `/connect/${c.req.param('token')}`,
          reconnect: grant.connectionId !== null,
          error: error.message,
        }),
        error.status as 400,
      );
    }
  });
  return app;
}
