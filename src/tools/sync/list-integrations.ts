import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { connections } from '../../../db/schema/index.ts';
import { searchCatalogue } from '../../connectors/catalogue.ts';
import { defineTool } from '../define.ts';

const categories = [
  'ecommerce',
  'pos',
  'accounting',
  'payments',
  'crm',
  'leads',
  'communication',
  'productivity',
] as const;

export const listIntegrations = defineTool({
  name: 'list_integrations',
  title: 'Systems Kiungo can connect',
  description:
    'The catalogue of systems (shops, POS, accounting, mobile money, CRM, leads, messaging), searchable by name or category, each marked available to connect now or not yet available, and whether this business has connected it. Use before connecting, or for "can you connect to Xero?".',
  scope: 'read',
  confirm: false,
  annotations: { readOnlyHint: true, idempotentHint: true },
  input: z.object({
    search: z
      .string()
      .trim()
      .min(1)
      .max(60)
      .optional()
      .describe('A name or kind, e.g. "mpesa", "accounting"'),
    category: z.enum(categories).optional(),
  }),
  async run({ deps, context }, input) {
    const entries = searchCatalogue(input.search, input.category);
    const connected = new Set(
      (
        await deps.db.orm
          .select({ connector: connections.connector, status: connections.status })
          .from(connections)
          .where(eq(connections.tenantId, context.tenant.id))
      )
        .filter((row) => row.status !== 'disconnected')
        .map((row) => row.connector),
    );
    const systems = entries.map((entry) => ({
      id: entry.id,
      name: entry.name,
      category: entry.category,
      regions: entry.regions,
      syncs: entry.syncs,
      available: entry.available,
      realtime: entry.realtime,
      connected: connected.has(entry.id),
    }));
    if (systems.length === 0)
      return { data: { systems }, text: `Kiungo does not know a system called ${input.search ?? ''}.` };
    const state = (system: (typeof systems)[number]) =>
      system.connected ? 'connected' : system.available ? 'available to connect' : 'not yet available';
    const rows = systems.map((system) => ({
      name: system.name,
      category: system.category,
      syncs: system.syncs.join(', '),
      state: state(system),
    }));
    return {
      data: { systems },
      text: systems.map((system) => `${system.name} (${system.category}): ${state(system)}`).join('\n'),
      summary: `${systems.filter((system) => system.available).length} of ${systems.length} can be connected now.`,
      parts: [
        {
          type: 'table',
          columns: [
            { key: 'name', label: 'System' },
            { key: 'category', label: 'Kind' },
            { key: 'syncs', label: 'Syncs' },
            { key: 'state', label: 'State' },
          ],
          rows,
        },
      ],
    };
  },
});
