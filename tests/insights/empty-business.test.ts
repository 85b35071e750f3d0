/** A business with no data at all: every insight tool answers sensibly instead of failing. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TenantContext } from '../../src/core/context.ts';
import { contextForSlug, createTenant } from '../../src/tenancy/tenants.ts';
import { createHarness, type Harness } from '../support/harness.ts';
import { ok } from '../support/outcomes.ts';

let harness: Harness;
let owner: TenantContext;

beforeAll(async () => {
  harness = await createHarness();
  await createTenant(harness.db, {
    slug: 'duka-tupu',
    name: 'Duka Tupu',
    region: 'KE',
    currency: 'KES',
    timezone: 'Africa/Nairobi',
  });
  owner = await contextForSlug(harness.db, 'duka-tupu', 'web');
});
afterAll(() => harness.close());

describe('insights on an empty business', () => {
  for (const tool of [
    'insights',
    'data_quality',
    'top_products',
    'stock_risk',
    'daily_briefing',
    'sales_summary',
    'who_owes_me',
    'connection_status',
    'get_rules',
  ]) {
    it(`${tool} answers`, async () => {
      const outcome = ok(await harness.registry.call(harness.deps, owner, tool, {}, { surface: 'agent' }));
      expect(outcome.text.length).toBeGreaterThan(0);
    });
  }

  it('has nothing to remind anyone about', async () => {
    const outcome = await harness.registry.call(
      harness.deps,
      owner,
      'send_reminders',
      {},
      { surface: 'agent' },
    );
    expect(outcome.status).toBe('error');
    expect(outcome.text).toMatch(/no|nothing/i);
  });
});
