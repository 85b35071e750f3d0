/**
 * Storing and delivering briefings: exactly one per member per day with concurrent workers, a crash
 * between computing and sending (and in the middle of sending) sends it once, skipped briefings are
 * never sent, a non-member gets nothing; the daily_briefing tool; the per-member schedules.
 */
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { briefingSchedules, briefings } from '../../db/schema/index.ts';
import type { TenantContext } from '../../src/core/context.ts';
import {
  briefingJobName,
  chatDeliverer,
  ensureBriefing,
  readBriefing,
  registerBriefingJobs,
  storeBriefing,
} from '../../src/insights/briefing.ts';
import { addMember, createTenant, memberContext } from '../../src/tenancy/tenants.ts';
import { dailyBriefingTool } from '../../src/tools/insights/daily-briefing.ts';
import { createRegistry } from '../../src/tools/registry.ts';
import { createHarness, type Harness } from '../support/harness.ts';
import { ok } from '../support/outcomes.ts';
import { briefingDay, chatMessages, recordingQueue, storedBriefings } from './support.ts';

let harness: Harness;
let owner: TenantContext;
let admin: TenantContext;
let staff: TenantContext;

beforeAll(async () => {
  harness = await createHarness({ demo: true });
  owner = await harness.context('demo', 'owner', 'web');
  admin = await harness.context('demo', 'admin', 'web');
  staff = await harness.context('demo', 'staff', 'web');
});
afterAll(() => harness.close());

describe('exactly one briefing per member per day', () => {
  it('stores one row and sends one chat message when two workers run at once', async () => {
    const results = await Promise.all([
      ensureBriefing(harness.deps, owner.tenant.id, owner.member.id, briefingDay),
      ensureBriefing(harness.deps, owner.tenant.id, owner.member.id, briefingDay),
    ]);
    expect(results.map((result) => result.delivered).sort()).toEqual([false, true]);
    expect(results[0]?.briefing.id).toBe(results[1]?.briefing.id);
    const rows = await storedBriefings(harness, owner.member.id);
    expect(rows).toEqual([
      { day: briefingDay, status: 'sent', text: expect.stringMatching(/^Good morning, Amina/) },
    ]);
    const chat = await chatMessages(harness, owner.member.id);
    expect(chat).toHaveLength(1);
    expect(chat[0]?.text).toBe(rows[0]?.text);
    expect(chat[0]?.channel).toBe('web');
    expect(chat[0]?.parts).toMatchObject([{ type: 'chart', kind: 'bar' }]);

    // A third run later (a retried job, another worker's cron) changes nothing.
    const again = await ensureBriefing(harness.deps, owner.tenant.id, owner.member.id, briefingDay);
    expect(again).toMatchObject({ delivered: false, briefing: { status: 'sent' } });
    expect(await chatMessages(harness, owner.member.id)).toHaveLength(1);
  });

  it('sends a briefing computed before a crash on the next attempt, once', async () => {
    const day = '2026-11-20';
    // The worker computed and stored it, then died before sending.
    const { briefing, created } = await storeBriefing(harness.deps, admin, day);
    expect(created).toBe(true);
    expect(briefing.status).toBe('computed');
    const before = (await chatMessages(harness, admin.member.id)).length;

    const first = await ensureBriefing(harness.deps, admin.tenant.id, admin.member.id, day);
    expect(first.delivered).toBe(true);
    expect(first.briefing).toMatchObject({ id: briefing.id, status: 'sent', text: briefing.text });
    expect(first.briefing.sentAt).not.toBeNull();
    const second = await ensureBriefing(harness.deps, admin.tenant.id, admin.member.id, day);
    expect(second.delivered).toBe(false);
    const chat = await chatMessages(harness, admin.member.id);
    expect(chat.length - before).toBe(1);
    expect(chat[chat.length - 1]?.text).toBe(briefing.text);
  });

  it('rolls back a delivery that dies half-way, and sends it once on the next attempt', async () => {
    const day = '2026-11-18';
    const before = (await chatMessages(harness, admin.member.id)).length;
    await expect(
      ensureBriefing(harness.deps, admin.tenant.id, admin.member.id, day, {
        // The chat message is written, then the process "dies" before the commit.
        deliver: async (deps, notice) => {
          await chatDeliverer(deps, notice);
          throw new Error('worker killed');
        },
      }),
    ).rejects.toThrow('worker killed');
    expect((await readBriefing(harness.deps, admin, day))?.status).toBe('computed');
    expect((await chatMessages(harness, admin.member.id)).length).toBe(before);

    const retry = await ensureBriefing(harness.deps, admin.tenant.id, admin.member.id, day);
    expect(retry.delivered).toBe(true);
    await ensureBriefing(harness.deps, admin.tenant.id, admin.member.id, day);
    const chat = await chatMessages(harness, admin.member.id);
    expect(chat.length - before).toBe(1);
    expect(chat[chat.length - 1]?.text).toBe(retry.briefing.text);
  });

  it('delivers the briefing another worker stored, not a second one of its own', async () => {
    const day = '2026-11-21';
    await harness.db.orm.insert(briefings).values({
      tenantId: staff.tenant.id,
      memberId: staff.member.id,
      day,
      language: 'en',
      text: 'Stored by the other worker',
      content: { status: 'ready', parts: [], facts: {} },
    });
    const result = await ensureBriefing(harness.deps, staff.tenant.id, staff.member.id, day);
    expect(result).toMatchObject({
      delivered: true,
      briefing: { text: 'Stored by the other worker', status: 'sent' },
    });
    const chat = await chatMessages(harness, staff.member.id);
    expect(chat.map((message) => message.text)).toEqual(['Stored by the other worker']);
  });

  it('stores a skipped briefing and sends nothing', async () => {
    const { tenant, owner: quiet } = await createTenant(harness.db, { slug: 'tulivu' });
    const result = await ensureBriefing(harness.deps, tenant.id, quiet.id, briefingDay);
    expect(result.delivered).toBe(false);
    expect(result.briefing.status).toBe('skipped');
    expect(result.briefing.text).toMatch(/^No briefing for Sunday 22 Nov: sales did not move more than 20%/);
    expect(await chatMessages(harness, quiet.id)).toEqual([]);
    expect(await storedBriefings(harness, quiet.id)).toHaveLength(1);
  });

  it('never briefs a member of another business', async () => {
    const { tenant } = await createTenant(harness.db, { slug: 'jirani' });
    await expect(
      ensureBriefing(harness.deps, tenant.id, owner.member.id, '2026-11-19'),
    ).rejects.toMatchObject({
      code: 'unauthenticated',
    });
    expect((await storedBriefings(harness, owner.member.id)).map((row) => row.day)).not.toContain(
      '2026-11-19',
    );
  });
});

describe('the daily_briefing tool', () => {
  const registry = createRegistry([dailyBriefingTool]);

  it('returns the stored briefing for today, with its chart', async () => {
    const stored = await readBriefing(harness.deps, owner, briefingDay);
    const outcome = ok(await registry.call(harness.deps, owner, 'daily_briefing', {}, { surface: 'agent' }));
    expect(outcome.text).toBe(stored?.text);
    expect(outcome.parts).toEqual(stored?.parts);
    expect(outcome.data).toMatchObject({ day: briefingDay, status: 'sent', language: 'en' });
  });

  it('computes and stores a missing briefing without sending it, and returns the same one again', async () => {
    const neema = await harness.context('demo', 'staff', 'web');
    const before = (await chatMessages(harness, neema.member.id)).length;
    const first = ok(
      await registry.call(harness.deps, neema, 'daily_briefing', { day: '2026-11-18' }, { surface: 'mcp' }),
    );
    expect(first.data).toMatchObject({ day: '2026-11-18', status: 'computed' });
    expect(first.text).toMatch(
      /^Good morning, Neema\. Yesterday, Tuesday 17 Nov:\n• Sales TSh [\d,]+: 30% above/,
    );
    expect(first.parts).toMatchObject([{ type: 'chart', kind: 'line' }]);
    const second = ok(
      await registry.call(harness.deps, neema, 'daily_briefing', { day: '2026-11-18' }, { surface: 'mcp' }),
    );
    expect(second.text).toBe(first.text);
    expect((await chatMessages(harness, neema.member.id)).length).toBe(before);
    expect(await storedBriefings(harness, neema.member.id)).toContainEqual({
      day: '2026-11-18',
      status: 'computed',
      text: first.text,
    });
  });

  it('says why there is no briefing, and refuses days that have not started', async () => {
    const { tenant, owner: quiet } = await createTenant(harness.db, { slug: 'shwari', language: 'sw' });
    const context = await memberContext(harness.db, tenant.id, quiet.id, 'web');
    const skipped = ok(
      await registry.call(harness.deps, context, 'daily_briefing', {}, { surface: 'agent' }),
    );
    expect(skipped.data).toMatchObject({ status: 'skipped', reason: 'nothing_new' });
    expect(skipped.text).toMatch(/^Hakuna muhtasari wa Jumapili 22 Nov/);
    const future = await registry.call(
      harness.deps,
      context,
      'daily_briefing',
      { day: '2026-11-24' },
      { surface: 'agent' },
    );
    expect(future).toMatchObject({ status: 'error', error: { code: 'bad_request' } });
    const invalid = await registry.call(
      harness.deps,
      context,
      'daily_briefing',
      { day: '2026-02-30' },
      { surface: 'agent' },
    );
    expect(invalid).toMatchObject({ status: 'error', error: { code: 'bad_request' } });
  });
});

describe('schedules', () => {
  it('schedules each member at their local time, owners at 07:00 by default, and runs the job', async () => {
    const { tenant, owner: boss } = await createTenant(harness.db, {
      slug: 'ratiba',
      timezone: 'Africa/Nairobi',
      currency: 'KES',
    });
    const early = await addMember(harness.db, tenant.id, { name: 'Early Bird', role: 'admin' });
    const off = await addMember(harness.db, tenant.id, { name: 'No Thanks', role: 'owner' });
    const plain = await addMember(harness.db, tenant.id, { name: 'Plain Staff', role: 'staff' });
    await harness.db.orm.insert(briefingSchedules).values([
      { tenantId: tenant.id, memberId: early.id, localTime: '06:30', channel: 'whatsapp' },
      { tenantId: tenant.id, memberId: off.id, enabled: false },
    ]);
    const jobs = recordingQueue();
    await registerBriefingJobs(harness.deps, jobs.queue);

    expect(jobs.schedules.get(boss.id)).toEqual({
      name: briefingJobName,
      cron: '0 7 * * *',
      data: { tenantId: tenant.id, memberId: boss.id },
      timeZone: 'Africa/Nairobi',
    });
    expect(jobs.schedules.get(early.id)).toMatchObject({ cron: '30 6 * * *', timeZone: 'Africa/Nairobi' });
    expect(jobs.schedules.has(off.id)).toBe(false);
    expect(jobs.schedules.has(plain.id)).toBe(false);
    expect(jobs.unscheduled).toEqual(expect.arrayContaining([off.id, plain.id]));
    // The demo business's owner is scheduled too, in Dar es Salaam.
    expect(jobs.schedules.get(owner.member.id)).toMatchObject({
      cron: '0 7 * * *',
      timeZone: 'Africa/Dar_es_Salaam',
    });

    // The cron fires for the demo's admin: today's briefing (23 Nov) already went out above.
    const before = (await chatMessages(harness, admin.member.id)).length;
    await jobs.fire(briefingJobName, { tenantId: admin.tenant.id, memberId: admin.member.id });
    await jobs.fire(briefingJobName, { tenantId: admin.tenant.id, memberId: admin.member.id });
    const chat = await chatMessages(harness, admin.member.id);
    expect(chat.length - before).toBe(1);
    const [row] = await harness.db.orm
      .select()
      .from(briefings)
      .where(and(eq(briefings.memberId, admin.member.id), eq(briefings.day, briefingDay)));
    expect(row?.status).toBe('sent');

    // A member who left: the job ends quietly and nothing is stored or sent.
    await jobs.fire(briefingJobName, { tenantId: tenant.id, memberId: owner.member.id });
    const strays = await harness.db.rows(
      sql`select 1 from briefings where tenant_id = ${tenant.id} and member_id = ${owner.member.id}`,
    );
    expect(strays).toEqual([]);
  });
});
