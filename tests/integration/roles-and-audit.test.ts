import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiKeys, auditLog, pendingActions } from '../../db/schema/index.ts';
import type { TenantContext } from '../../src/core/context.ts';
import { createApiKey } from '../../src/tenancy/api-keys.ts';
import { createHarness, type Harness } from '../support/harness.ts';

let harness: Harness;
let owner: TenantContext;
let staff: TenantContext;

beforeAll(async () => {
  harness = await createHarness({ demo: true });
  owner = await harness.context('demo', 'owner');
  staff = await harness.context('demo', 'staff');
});
afterAll(() => harness.close());

describe('roles, scopes and the audit log', () => {
  it('staff may read and request writes but not create admin keys', async () => {
    expect(staff.member.role).toBe('staff');
    const read = await harness.registry.call(harness.deps, staff, 'who_owes_me', {}, { surface: 'cli' });
    expect(read.status).toBe('ok');
    await expect(createApiKey(harness.db, staff, { name: 'x', scopes: ['admin'] })).rejects.toThrow(
      /cannot create a key with the admin scope/,
    );
  });

  it('a read-only key cannot write, and the refusal is audited', async () => {
    const limited = { ...owner, keyScopes: ['read'] as const };
    const outcome = await harness.registry.call(
      harness.deps,
      limited,
      'record_payment',
      { customer: 'Mama Joyce', amount: 100 },
      { surface: 'api' },
    );
    expect(outcome.status).toBe('error');
    if (outcome.status === 'error') expect(outcome.error.code).toBe('forbidden');
    const denied = await harness.db.orm
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.tenantId, owner.tenant.id), eq(auditLog.outcome, 'denied')));
    expect(denied.some((entry) => entry.tool === 'record_payment' && entry.channel === 'cli')).toBe(true);
    const pending = await harness.db.orm
      .select()
      .from(pendingActions)
      .where(eq(pendingActions.tenantId, owner.tenant.id));
    expect(pending).toHaveLength(0);
  });

  it('a staff request waits for confirmation and records who confirmed it', async () => {
    const request = await harness.registry.call(
      harness.deps,
      staff,
      'record_payment',
      { customer: 'Mama Joyce', amount: 2500, method: 'cash' },
      { surface: 'cli' },
    );
    if (request.status !== 'pending_confirmation') throw new Error('expected pending');
    const done = await harness.registry.decide(harness.deps, owner, {
      actionId: request.action.id,
      proof: { token: request.confirmToken },
      decision: 'confirm',
    });
    expect(done.status).toBe('ok');
    const [row] = await harness.db.orm
      .select()
      .from(pendingActions)
      .where(eq(pendingActions.id, request.action.id));
    expect(row?.memberId).toBe(staff.member.id);
    expect(row?.decidedBy).toBe(owner.member.id);
  });

  it('the in-chat model is never offered the confirmation tool', () => {
    expect(harness.registry.list('agent').map((tool) => tool.name)).not.toContain('confirm_action');
    expect(harness.registry.list('mcp').map((tool) => tool.name)).toContain('confirm_action');
    return harness.registry
      .call(harness.deps, owner, 'confirm_action', {}, { surface: 'agent' })
      .then((outcome) => {
        expect(outcome.status).toBe('error');
      });
  });

  it('API keys are stored hashed; the key itself is nowhere in the database', async () => {
    const created = await createApiKey(harness.db, owner, { name: 'ci', scopes: ['read'] });
    const [row] = await harness.db.orm.select().from(apiKeys).where(eq(apiKeys.id, created.id));
    expect(row?.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(row)).not.toContain(created.key.split('_')[2]);
  });
});
