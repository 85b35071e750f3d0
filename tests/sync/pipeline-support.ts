/** Shared set-up for record-pipeline tests: a connection row and a scope to apply batches with. */
import { connections } from '../../db/schema/index.ts';
import type { ConnectorCategory } from '../../src/connectors/define.ts';
import type { TenantContext } from '../../src/core/context.ts';
import { defaultRules, type Rules } from '../../src/rules/catalogue.ts';
import { createConnection } from '../../src/sync/connections.ts';
import { applyRecords } from '../../src/sync/pipeline/apply.ts';
import type { SyncRecord } from '../../src/sync/records.ts';
import { type ConnectionSettings, parseSettings } from '../../src/sync/settings.ts';
import type { Harness } from '../support/harness.ts';

export async function addConnection(
  harness: Harness,
  context: TenantContext,
  connector: string,
  name: string,
) {
  const [row] = await harness.db.orm
    .insert(connections)
    .values({ tenantId: context.tenant.id, connector, name, settings: {} })
    .returning();
  if (!row) throw new Error('connection not created');
  return row;
}

export interface ApplyOptions {
  rules?: Partial<Rules>;
  settings?: Partial<ConnectionSettings>;
  category?: ConnectorCategory;
  now?: Date;
}

export function applier(
  harness: Harness,
  context: TenantContext,
  connection: { id: string; connector: string; name: string },
) {
  return (records: SyncRecord[], options: ApplyOptions = {}) =>
    harness.db.orm.transaction((tx) =>
      applyRecords(
        {
          tx,
          tenant: context.tenant,
          connection: { ...connection, category: options.category ?? 'ecommerce' },
          settings: parseSettings(options.settings ?? {}),
          rules: { ...defaultRules, ...options.rules },
          now: options.now ?? new Date('2026-11-23T09:00:00Z'),
        },
        records,
      ),
    );
}

/** A WooCommerce connection to the test shop of tests/support/vendors/woocommerce.ts (orders only). */
export async function wooConnection(
  harness: Harness,
  context: TenantContext,
  options: { webhookSecret: string; frequency: 'hourly' | 'realtime' },
): Promise<string> {
  const created = await createConnection(harness.deps, context, {
    connector: 'woocommerce',
    config: {
      siteUrl: 'https://shop.test',
      consumerKey: 'ck_abc',
      consumerSecret: 'cs_def',
      webhookSecret: options.webhookSecret,
      currency: 'KES',
    },
    settings: { streams: ['orders'], frequency: options.frequency },
  });
  return created.row.id;
}
