/** A connector runtime for tests: real HTTP client (msw intercepts the vendor), a pinned clock. */
import type { ConnectorRuntime } from '../../src/connectors/define.ts';
import { createHttpClient } from '../../src/connectors/http-client.ts';
import type { TenantInfo } from '../../src/core/context.ts';
import { type Clock, fixedClock } from '../../src/core/time.ts';

export const testTenant: TenantInfo = {
  id: '00000000-0000-4000-8000-000000000001',
  slug: 'test',
  name: 'Test Shop',
  currency: 'TZS',
  region: 'TZ',
  timezone: 'Africa/Dar_es_Salaam',
  language: 'en',
};

export interface TestRuntime<Config> extends ConnectorRuntime<Config> {
  saved: Partial<Config>[];
  logged: string[];
}

export function testRuntime<Config>(
  config: Config,
  options: { clock?: Clock; tenant?: TenantInfo; noWait?: boolean } = {},
): TestRuntime<Config> {
  const saved: Partial<Config>[] = [];
  const logged: string[] = [];
  const runtime: TestRuntime<Config> = {
    config,
    connectionId: '00000000-0000-4000-8000-0000000000c1',
    tenant: options.tenant ?? testTenant,
    clock: options.clock ?? fixedClock('2026-11-23T09:00:00Z'),
    webhookUrl: 'https://kiungo.test/webhooks/test/00000000-0000-4000-8000-0000000000c1',
    http: (http) =>
      createHttpClient({
        ...http,
        connector: 'test',
        ...(options.noWait === false ? {} : { sleep: async () => {} }),
      }),
    async updateConfig(change) {
      const patch = await change(runtime.config);
      if (patch) {
        saved.push(patch);
        runtime.config = { ...runtime.config, ...patch };
      }
      return runtime.config;
    },
    async saveConfig(patch) {
      saved.push(patch);
      runtime.config = { ...runtime.config, ...patch };
    },
    log(level, message) {
      logged.push(`${level}: ${message}`);
    },
    saved,
    logged,
  };
  return runtime;
}

/** Collects every record a connector's sync yields. */
export async function drain<T>(batches: AsyncIterable<{ records: T[]; position: string | null }>) {
  const records: T[] = [];
  const positions: (string | null)[] = [];
  for await (const batch of batches) {
    records.push(...batch.records);
    positions.push(batch.position);
  }
  return { records, positions };
}
