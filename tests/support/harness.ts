/** Everything an integration test needs: a database, dependencies with a pinned clock, the registry. */
import type { Database } from '../../db/database.ts';
import { createAssistant } from '../../src/agent/assistant.ts';
import { offlineProvider } from '../../src/agent/providers/offline.ts';
import type { Channel, TenantContext } from '../../src/core/context.ts';
import { randomToken } from '../../src/core/encoding.ts';
import { createLogger } from '../../src/core/logger.ts';
import { type Clock, fixedClock } from '../../src/core/time.ts';
import { createVault, generateVaultKey } from '../../src/core/vault.ts';
import { loadDemo } from '../../src/demo/load.ts';
import type { AppDeps } from '../../src/http/app.ts';
import { contextForSlug } from '../../src/tenancy/tenants.ts';
import { createToolRegistry } from '../../src/tools/catalogue.ts';
import type { ToolRegistry } from '../../src/tools/registry.ts';
import { createTestDatabase } from './database.ts';

export const testNow = '2026-11-23T09:00:00Z';
export const testToday = '2026-11-23';

export interface Harness {
  db: Database;
  deps: AppDeps;
  registry: ToolRegistry;
  logs: string[];
  context(slug?: string, member?: string, channel?: Channel): Promise<TenantContext>;
  close(): Promise<void>;
}

export async function createHarness(
  options: { demo?: boolean | string[]; clock?: Clock } = {},
): Promise<Harness> {
  const { db, drop } = await createTestDatabase();
  const logs: string[] = [];
  const registry = createToolRegistry();
  const base = {
    db,
    vault: await createVault([generateVaultKey()]),
    clock: options.clock ?? fixedClock(testNow),
    logger: createLogger('debug', (line) => logs.push(line)),
  };
  const deps: AppDeps = {
    ...base,
    registry,
    assistant: createAssistant({ deps: base, registry, provider: offlineProvider() }),
    assistantMode: 'offline',
    sessionSecret: randomToken(32),
  };
  const slugs = options.demo === true ? ['demo'] : Array.isArray(options.demo) ? options.demo : [];
  for (const [index, slug] of slugs.entries()) {
    await loadDemo(db, { slug, today: testToday, seed: 7 + index * 101 });
  }
  return {
    db,
    deps,
    registry,
    logs,
    context: (slug = 'demo', member, channel = 'cli') => contextForSlug(db, slug, channel, member),
    close: drop,
  };
}
