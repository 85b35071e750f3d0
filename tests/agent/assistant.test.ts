/** The assistant end to end with the offline brain: real tools, real database, both languages. */
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { payments } from '../../db/schema/index.ts';
import { createAssistant, maxMessageChars, rateLimit } from '../../src/agent/assistant.ts';
import { offlineProvider } from '../../src/agent/providers/offline.ts';
import { createHarness, type Harness } from '../support/harness.ts';

let harness: Harness;

beforeAll(async () => {
  harness = await createHarness({ demo: true });
});
afterAll(() => harness.close());

const ask = async (text: string, member = 'owner', channel: 'web' | 'cli' | 'telegram' = 'web') =>
  harness.deps.assistant.turn({ context: await harness.context('demo', member, channel), text });

describe('assistant with the offline brain', () => {
  it.each([
    ['who owes me?', 'who_owes_me', /owed by \d+ customers/],
    ['nani ananidai?', 'who_owes_me', /^Hawa ndio wanaokudai/],
    ['who owes me for more than 60 days?', 'who_owes_me', /TSh/],
    ['orodha ya madeni', 'who_owes_me', /^Hawa ndio/],
    ['how much did Mama Joyce pay this month?', 'sales_summary', /^Payments received:[\s\S]*Mama Joyce/],
    ['mauzo ya leo', 'sales_summary', /^Mauzo yako:/],
    ['show me Hassan Omari', 'customer_profile', /Hassan Omari[\s\S]*Owes TSh/],
    ['is everything syncing?', 'connection_status', /No systems are connected/],
    ['what happened with shopify last night?', 'sync_logs', /No sync runs for shopify/],
  ])('%s → %s', async (text, tool, reply) => {
    const result = await ask(text);
    expect(result.toolCalls.map((call) => call.name)).toContain(tool);
    expect(result.toolCalls.every((call) => call.status === 'ok')).toBe(true);
    expect(result.text).toMatch(reply);
    expect(result.mode).toBe('offline');
  });

  it('answers unknown requests with what it can do, and never writes', async () => {
    const result = await ask('please delete all my customers now');
    expect(result.toolCalls).toEqual([]);
    expect(result.text).toMatch(/what I can do/);
  });

  it('prepares a payment, and a "yes" from the same member on the same channel records it', async () => {
    const context = await harness.context('demo', 'owner', 'cli');
    const count = async () =>
      (
        await harness.db.orm
          .select()
          .from(payments)
          .where(and(eq(payments.tenantId, context.tenant.id), eq(payments.reference, 'QX12AB34CD')))
      ).length;
    const prepared = await ask('record 50,000 from Hassan by M-Pesa ref QX12AB34CD', 'owner', 'cli');
    expect(prepared.parts.some((part) => part.type === 'confirmation')).toBe(true);
    expect(prepared.text).toMatch(/Record TSh 50,000 from Hassan Omari by M-Pesa/);
    expect(await count()).toBe(0);
    // Another member saying yes, or the same member on another channel, confirms nothing.
    expect((await ask('yes', 'admin', 'cli')).text).toMatch(/nothing waiting/);
    expect((await ask('ndiyo', 'owner', 'telegram')).text).toMatch(/Hakuna kitu/);
    expect(await count()).toBe(0);
    const done = await ask('ndiyo', 'owner', 'cli');
    expect(done.text).toMatch(/^Recorded TSh 50,000 from Hassan Omari/);
    expect(await count()).toBe(1);
  });

  it('keeps each member’s conversation to themselves', async () => {
    await ask('show me Mama Joyce', 'staff', 'web');
    const staff = await harness.deps.assistant.history(await harness.context('demo', 'staff', 'web'));
    const owner = await harness.deps.assistant.history(await harness.context('demo', 'owner', 'web'));
    expect(staff.some((message) => message.text === 'show me Mama Joyce')).toBe(true);
    expect(owner.some((message) => message.text === 'show me Mama Joyce')).toBe(false);
  });

  it('never stores a confirmation token in chat history', async () => {
    const prepared = await ask('record 20,000 from Mama Joyce by cash', 'admin', 'web');
    const card = prepared.parts.find((part) => part.type === 'confirmation');
    expect(card?.type === 'confirmation' && card.token).toBeTruthy();
    const history = await harness.deps.assistant.history(await harness.context('demo', 'admin', 'web'));
    expect(JSON.stringify(history)).not.toContain(card?.type === 'confirmation' ? card.token : 'x');
  });

  it('handles empty, oversized and rapid-fire messages with a clear reply, keeping what was said', async () => {
    expect((await ask('   ', 'admin', 'cli')).text).toMatch(/Type a message/);
    const long = await ask(`who owes me ${'x'.repeat(maxMessageChars + 10)}`, 'admin', 'cli');
    expect(long.text).toMatch(/too long/);
    const history = await harness.deps.assistant.history(await harness.context('demo', 'admin', 'cli'));
    expect(
      history.some((message) => message.role === 'user' && message.text.startsWith('who owes me xxx')),
    ).toBe(true);

    const assistant = createAssistant({
      deps: harness.deps,
      registry: harness.registry,
      provider: offlineProvider(),
    });
    const context = await harness.context('demo', 'staff', 'telegram');
    const replies = [];
    for (let index = 0; index <= rateLimit.messages; index++)
      replies.push(await assistant.turn({ context, text: 'hello' }));
    expect(replies.at(-1)?.text).toMatch(/very fast/);
    expect(replies.at(-2)?.text).toMatch(/Hello/);
  });

  it('records token usage and the brain that answered with each reply', async () => {
    const result = await ask('who owes me?', 'staff', 'cli');
    const history = await harness.deps.assistant.history(await harness.context('demo', 'staff', 'cli'));
    expect(history.at(-1)?.id).toBe(result.messageId);
    const rows = await harness.db.rows<{ usage: { model: string; costUsd: number; toolCalls: unknown[] } }>(
      sql`select usage from messages where id = ${result.messageId}`,
    );
    expect(rows[0]?.usage).toMatchObject({ model: 'offline', costUsd: 0 });
  });
});
