import { z } from 'zod';
import { resolveSystem } from '../../connectors/catalogue.ts';
import { AppError } from '../../core/errors.ts';
import { createConnectLink } from '../../sync/connect-links.ts';
import { findConnections } from '../../sync/connections.ts';
import { defineTool } from '../define.ts';

export const connectIntegration = defineTool({
  name: 'connect_integration',
  title: 'Connect a system',
  description:
    'Starts connecting a system (Shopify, WooCommerce, M-Pesa, a custom POS or website…) or reconnecting one: returns a one-time secure link to a connect page where the owner enters the credentials, chooses what to sync and how often, and starts the sync. Never ask for passwords, keys or tokens in chat; send this link instead. Systems not yet available are refused.',
  scope: 'admin',
  confirm: false,
  annotations: { readOnlyHint: false, idempotentHint: false },
  input: z.object({
    system: z.string().trim().min(2).max(60).describe('e.g. "shopify", "mpesa", "custom pos"'),
  }),
  async run({ deps, context }, input) {
    const system = resolveSystem(input.system);
    if (!system) throw new AppError('not_found', `Kiungo does not know a system called ${input.system}`);
    if (!system.available)
      throw new AppError(
        'unprocessable',
        `${system.name} is not yet available to connect. Available now: Shopify, WooCommerce, M-Pesa (Daraja) and a custom POS or website.`,
      );
    const existing = (await findConnections(deps, context.tenant.id)).find(
      (row) => row.connector === system.id,
    );
    const link = await createConnectLink(deps, context, system.id, existing?.id);
    const minutes = Math.round((link.expiresAt.getTime() - deps.clock.now().getTime()) / 60_000);
    return {
      data: {
        system: system.id,
        url: link.url,
        expires_at: link.expiresAt.toISOString(),
        reconnect: existing !== undefined,
      },
      text: `${existing ? 'Reconnect' : 'Connect'} ${system.name} here: ${link.url}\nThe link works once, for ${minutes} minutes. Enter the details there, never in this chat.`,
    };
  },
});
