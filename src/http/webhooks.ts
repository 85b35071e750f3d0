/**
 * `/webhooks/<connector>/<connection id>[/…]`: vendor webhooks. The raw bytes go to the connector's
 * verification untouched; the reply is the connector's acknowledgement (M-Pesa wants a ResultCode).
 */
import { Hono } from 'hono';
import { createWebhookReceiver, maxWebhookBytes } from '../sync/webhooks.ts';
import type { AppEnv } from './env.ts';

/** The peer's address: the socket's on Node, Cloudflare's header on Workers. */
function remoteAddressOf(env: unknown, header: (name: string) => string | undefined): string | undefined {
  const incoming = (env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming;
  const address = incoming?.socket?.remoteAddress ?? header('cf-connecting-ip');
  return address?.replace(/^::ffff:/, '');
}

export function webhookRoutes(deps: AppEnv['Variables']['deps']) {
  const app = new Hono<AppEnv>();
  const receiver = createWebhookReceiver(deps);
  app.post('/:connector/:connectionId/*', async (c) => {
    const length = Number(c.req.header('content-length') ?? 0);
    if (length > maxWebhookBytes)
      return c.json({ error: { code: 'payload_too_large', message: 'Webhook body too large' } }, 413);
    const body = new Uint8Array(await c.req.arrayBuffer());
    const prefix = `/webhooks/${c.req.param('connector')}/${c.req.param('connectionId')}`;
    const rest = c.req.path.slice(prefix.length).split('/').filter(Boolean);
    const reply = await receiver.receive({
      connector: c.req.param('connector'),
      connectionId: c.req.param('connectionId'),
      subpath: rest,
      headers: c.req.raw.headers,
      body,
      remoteAddress: remoteAddressOf(c.env, (name) => c.req.header(name)),
    });
    return c.json(reply.body as object, reply.status as 200);
  });
  return app;
}
