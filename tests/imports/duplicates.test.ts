/** Duplicate review and reversible merges on the demo business, which has duplicates by design. */
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customers } from '../../db/schema/index.ts';
import type { TenantContext } from '../../src/core/context.ts';
import type { DuplicateGroup } from '../../src/records/duplicates.ts';
import { nameKey } from '../../src/records/duplicates.ts';
import { createHarness, type Harness } from '../support/harness.ts';
import { pending } from '../support/outcomes.ts';

let harness: Harness;
let owner: TenantContext;

beforeAll(async () => {
  harness = await createHarness({ demo: true });
  owner = await harness.context('demo', 'owner', 'mcp');
});
afterAll(() => harness.close());

const invoicesOf = async (id: string) =>
  Number(
    (
      await harness.db.rows<{ n: number | string }>(
        sql`select count(*) as n from invoices where customer_id = ${id}`,
      )
    )[0]?.n,
  );

describe('duplicates and merges', () => {
  it('reads names the same in any order and case', () => {
    expect(nameKey('JOYCE MUSHI')).toBe(nameKey('Mushi, Joyce'));
    expect(nameKey('Joyce Mushi')).not.toBe(nameKey('Joyce Mollel'));
  });

  it('finds the demo’s duplicate customers by phone', async () => {
    const outcome = await harness.registry.call(
      harness.deps,
      owner,
      'find_duplicates',
      { entity: 'customers' },
      { surface: 'mcp' },
    );
    if (outcome.status !== 'ok') throw new Error(outcome.text);
    const groups = (outcome.data as { groups: DuplicateGroup[] }).groups;
    expect(groups.length).toBeGreaterThan(0);
    const byPhone = groups.find((group) => group.reason === 'same phone');
    expect(byPhone?.records.length).toBeGreaterThanOrEqual(2);
    expect(new Set(byPhone?.records.map((record) => record.phone)).size).toBe(1);
  });

  it('merges after confirmation, moving invoices, and undoes the merge exactly', async () => {
    const [keep, merge] = await harness.db.orm
      .insert(customers)
      .values([
        { tenantId: owner.tenant.id, fullName: 'Fatuma Said', phone: '+255719000001' },
        {
          tenantId: owner.tenant.id,
          fullName: 'FATUMA SAID',
          phone: '+255719000001',
          email: 'fatuma@example.com',
        },
      ])
      .returning();
    await harness.db.rows(
      sql`insert into invoices (tenant_id, number, customer_id, issue_date, total, currency) values (${owner.tenant.id}, 'DUP-1', ${merge?.id}, '2026-11-01', 100000, 'TZS')`,
    );
    const request = pending(
      await harness.registry.call(
        harness.deps,
        owner,
        'merge_records',
        { keep_id: keep?.id, merge_ids: [merge?.id] },
        { surface: 'mcp' },
      ),
    );
    expect(request.action.summary).toMatch(/Merge FATUMA SAID into Fatuma Said/);
    expect(await invoicesOf(merge?.id as string)).toBe(1);
    const done = await harness.registry.decide(harness.deps, owner, {
      actionId: request.action.id,
      decision: 'confirm',
      proof: { token: request.confirmToken },
    });
    if (done.status !== 'ok') throw new Error(done.text);
    expect(await invoicesOf(keep?.id as string)).toBe(1);
    const [kept] = await harness.db.orm
      .select()
      .from(customers)
      .where(eq(customers.id, keep?.id as string));
    expect(kept?.email).toBe('fatuma@example.com');
    const [hidden] = await harness.db.orm
      .select()
      .from(customers)
      .where(eq(customers.id, merge?.id as string));
    expect(hidden?.mergedInto).toBe(keep?.id);

    const mergeId = (done.data as { merge_ids: string[] }).merge_ids[0];
    const undo = pending(
      await harness.registry.call(
        harness.deps,
        owner,
        'merge_records',
        { undo_merge_id: mergeId },
        { surface: 'mcp' },
      ),
    );
    await harness.registry.decide(harness.deps, owner, {
      actionId: undo.action.id,
      decision: 'confirm',
      proof: { token: undo.confirmToken },
    });
    expect(await invoicesOf(merge?.id as string)).toBe(1);
    const [restoredKeep] = await harness.db.orm
      .select()
      .from(customers)
      .where(eq(customers.id, keep?.id as string));
    expect(restoredKeep?.email).toBeNull();
    const [back] = await harness.db.orm
      .select()
      .from(customers)
      .where(and(eq(customers.id, merge?.id as string)));
    expect(back?.mergedInto).toBeNull();
  });

  it('refuses to merge records of another business', async () => {
    const other = await harness.db.orm
      .insert(customers)
      .values({ tenantId: owner.tenant.id, fullName: 'Temp' })
      .returning();
    const outcome = await harness.registry.call(
      harness.deps,
      owner,
      'merge_records',
      { keep_id: other[0]?.id, merge_ids: ['00000000-0000-4000-8000-000000000001'] },
      { surface: 'mcp' },
    );
    expect(outcome.status).toBe('error');
  });
});
