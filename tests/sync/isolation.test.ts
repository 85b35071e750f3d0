/** Connections, runs, reviews and rules belong to one business; roles decide who may change them. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syncReviews, syncRuns } from '../../db/schema/index.ts';
import type { TenantContext } from '../../src/core/context.ts';
import { createConnection } from '../../src/sync/connections.ts';
import { createHarness, type Harness } from '../support/harness.ts';
import { ok } from '../support/outcomes.ts';

let harness: Harness;
let ownerA: TenantContext;
let ownerB: TenantContext;
let staffA: TenantContext;
let runId: string;
let reviewId: string;

beforeAll(async () => {
  harness = await createHarness({ demo: ['duka-a', 'duka-b'] });
  ownerA = await harness.context('duka-a', 'owner', 'mcp');
  ownerB = await harness.context('duka-b', 'owner', 'mcp');
  staffA = await harness.context('duka-a', 'staff', 'mcp');
  const { row } = await createConnection(harness.deps, ownerA, {
    connector: 'custom_webhook',
    config: { signingSecret: `whsec_${btoa('x'.repeat(24))}` },
  });
  const [run] = await harness.db.orm
    .insert(syncRuns)
    .values({
      tenantId: ownerA.tenant.id,
      connectionId: row.id,
      action: 'sync orders',
      status: 'failed',
      request: { streams: ['orders'] },
    })
    .returning();
  runId = run?.id as string;
  const [review] = await harness.db.orm
    .insert(syncReviews)
    .values({
      tenantId: ownerA.tenant.id,
      connectionId: row.id,
      kind: 'conflict',
      entity: 'customer',
      data: { city: { ours: 'A', theirs: 'B' } },
    })
    .returning();
  reviewId = review?.id as string;
});
afterAll(() => harness.close());

const call = (context: TenantContext, tool: string, input: Record<string, unknown>) =>
  harness.registry.call(harness.deps, context, tool, input, { surface: 'mcp' });

describe('sync data per business', () => {
  it('shows a business only its own connections and runs', async () => {
    const mine = ok(await call(ownerA, 'connection_status', {}));
    expect(mine.text).toMatch(/Custom POS/);
    const theirs = ok(await call(ownerB, 'connection_status', {}));
    expect(theirs.text).toMatch(/No systems are connected/);
    const logs = ok(await call(ownerB, 'sync_logs', {}));
    expect(logs.text).toMatch(/No syncs have run yet/);
  });

  it('never lets another business act on its runs, reviews or connections', async () => {
    for (const [tool, input] of [
      ['resolve_sync_issue', { issue_id: runId, action: 'rerun' }],
      ['resolve_sync_issue', { issue_id: reviewId, action: 'take_theirs' }],
      ['run_sync', { system: 'custom' }],
      ['disconnect_integration', { system: 'custom' }],
      ['sync_logs', { run_id: runId }],
    ] as const) {
      const outcome = await call(ownerB, tool, input);
      if (outcome.status === 'ok') expect(JSON.stringify(outcome.data)).not.toContain(runId);
      else expect(outcome.status).toBe('error');
    }
  });

  it('keeps connecting, rules and mappings to owners and admins', async () => {
    for (const [tool, input] of [
      ['connect_integration', { system: 'shopify' }],
      ['set_rule', { rule: 'keep_existing_phones', enabled: true }],
      ['configure_sync', { system: 'custom', frequency: 'manual' }],
      ['set_field_mapping', { system: 'custom', entity: 'customer', field: 'city' }],
      ['disconnect_integration', { system: 'custom' }],
    ] as const) {
      const outcome = await call(staffA, tool, input);
      expect(outcome.status).toBe('error');
      if (outcome.status === 'error') expect(outcome.error.code).toBe('forbidden');
    }
    ok(await call(staffA, 'get_rules', {}));
  });
});
