/** The business's dedup rules, set in chat, decide how an import treats records it already has. */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customers, syncReviews } from '../../db/schema/index.ts';
import type { TenantContext } from '../../src/core/context.ts';
import { createHarness, type Harness } from '../support/harness.ts';
import { ok, pending } from '../support/outcomes.ts';

let harness: Harness;
let owner: TenantContext;
let mama: { id: string; phone: string };

beforeAll(async () => {
  harness = await createHarness({ demo: true });
  owner = await harness.context('demo', 'owner', 'mcp');
  const [row] = await harness.db.orm
    .select({ id: customers.id, phone: customers.phone })
    .from(customers)
    .where(and(eq(customers.tenantId, owner.tenant.id), eq(customers.fullName, 'Mama Joyce')));
  mama = row as { id: string; phone: string };
});
afterAll(() => harness.close());

async function confirmed(name: string, input: Record<string, unknown>) {
  const request = pending(await harness.registry.call(harness.deps, owner, name, input, { surface: 'mcp' }));
  return ok(
    await harness.registry.decide(harness.deps, owner, {
      actionId: request.action.id,
      decision: 'confirm',
      proof: { token: request.confirmToken },
    }),
  );
}

const sheet = () =>
  `Jina,Simu,Mji\nJoyce M.,${mama.phone.replace('+255', '0')},Arusha\nKassim Juma,0744 555 666,Moshi`;

async function preview() {
  const outcome = ok(
    await harness.registry.call(
      harness.deps,
      owner,
      'import_preview',
      { text: sheet(), entity: 'customers' },
      { surface: 'mcp' },
    ),
  );
  return outcome.data as {
    import_id: string;
    willCreate: number;
    willUpdate: number;
    duplicates: { toReview: number };
  };
}

describe('dedup rules in imports', () => {
  it('by default treats the same phone as the same customer and fills in the blanks', async () => {
    const data = await preview();
    expect(data).toMatchObject({ willUpdate: 1, willCreate: 1 });
  });

  it('lists the rules and changes one only after confirmation', async () => {
    const rules = ok(await harness.registry.call(harness.deps, owner, 'get_rules', {}, { surface: 'mcp' }));
    expect(rules.text).toMatch(/same phone number as one \(on\)/);
    pending(
      await harness.registry.call(
        harness.deps,
        owner,
        'set_rule',
        { rule: 'merge_customers_by_phone', enabled: false },
        { surface: 'mcp' },
      ),
    );
    expect((await preview()).willUpdate).toBe(1);
    await confirmed('set_rule', { rule: 'merge_customers_by_phone', enabled: false });
    expect(await preview()).toMatchObject({ willUpdate: 0, willCreate: 2 });
    await confirmed('set_rule', { rule: 'merge_customers_by_phone', enabled: true });
  });

  it('"merge customers with the same phone, but ask me first": adds the row as new and queues a review the owner answers', async () => {
    await confirmed('set_rule', { rule: 'ask_before_merge', enabled: true });
    const data = await preview();
    expect(data).toMatchObject({ willUpdate: 0, willCreate: 2, duplicates: { toReview: 1 } });
    await confirmed('import_commit', { import_id: data.import_id });
    const [review] = await harness.db.orm
      .select()
      .from(syncReviews)
      .where(and(eq(syncReviews.tenantId, owner.tenant.id), eq(syncReviews.otherRecordId, mama.id)));
    expect(review).toMatchObject({ kind: 'merge', status: 'open', data: { matchedOn: 'phone' } });
    const status = ok(
      await harness.registry.call(harness.deps, owner, 'connection_status', {}, { surface: 'mcp' }),
    );
    expect(JSON.stringify(status.data)).toContain(review?.id as string);
    await confirmed('resolve_sync_issue', { issue_id: review?.id, action: 'merge' });
    const [merged] = await harness.db.orm
      .select()
      .from(customers)
      .where(eq(customers.id, review?.recordId as string));
    expect(merged?.mergedInto).toBe(mama.id);
    const [after] = await harness.db.orm
      .select()
      .from(syncReviews)
      .where(eq(syncReviews.id, review?.id as string));
    expect(after).toMatchObject({ status: 'resolved', resolution: 'merge' });
  });
});
