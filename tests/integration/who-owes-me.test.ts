import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bucketFor } from '../../src/insights/receivables.ts';
import { createHarness, type Harness, testToday } from '../support/harness.ts';

interface MoneyView {
  minor: number;
  currency: string;
  display: string;
}
interface Row {
  customer_id: string | null;
  name: string;
  phone: string | null;
  balance: MoneyView;
  overdue: MoneyView;
  days_overdue: number;
  ageing_bucket: string;
  last_payment: { paid_at: string } | null;
}
interface Data {
  as_of: string;
  customers: Row[];
  totals: {
    currency: string;
    balance: MoneyView;
    overdue: MoneyView;
    customers: number;
    ageing: Record<string, MoneyView>;
  }[];
  total_customers: number;
  next_cursor: string | null;
}

let harness: Harness;

beforeAll(async () => {
  harness = await createHarness({ demo: true });
});
afterAll(() => harness.close());

async function call(input: Record<string, unknown>): Promise<Data> {
  const outcome = await harness.registry.call(harness.deps, await harness.context(), 'who_owes_me', input, {
    surface: 'cli',
  });
  if (outcome.status !== 'ok') throw new Error(JSON.stringify(outcome));
  return outcome.data as Data;
}

/** The same answer computed in plain code from the raw rows, as an independent check. */
async function expectedFromRows() {
  const rows = await harness.db.rows<{
    customer_id: string | null;
    total: string | number;
    amount_paid: string | number;
    due: string;
  }>(
    sql`select customer_id, total, amount_paid, coalesce(due_date, issue_date)::text as due from invoices
        where tenant_id = (select id from tenants where slug = 'demo') and status = 'open'`,
  );
  const perCustomer = new Map<string, { balance: number; overdue: number; maxAge: number }>();
  const buckets: Record<string, number> = { current: 0, '1_30': 0, '31_60': 0, '61_90': 0, '90_plus': 0 };
  let total = 0;
  for (const row of rows) {
    const balance = Number(row.total) - Number(row.amount_paid);
    if (balance <= 0) continue;
    const age = Math.round((Date.parse(testToday) - Date.parse(row.due)) / 86_400_000);
    const key = row.customer_id ?? 'none';
    const entry = perCustomer.get(key) ?? { balance: 0, overdue: 0, maxAge: Number.NEGATIVE_INFINITY };
    entry.balance += balance;
    if (age > 0) entry.overdue += balance;
    entry.maxAge = Math.max(entry.maxAge, age);
    perCustomer.set(key, entry);
    buckets[bucketFor(age)] = (buckets[bucketFor(age)] ?? 0) + balance;
    total += balance;
  }
  return { perCustomer, buckets, total };
}

describe('who_owes_me on the demo business', () => {
  it('matches totals, ageing and per-customer balances computed independently', async () => {
    const expected = await expectedFromRows();
    const first = await call({ limit: 100 });
    expect(first.as_of).toBe(testToday);
    expect(first.totals).toHaveLength(1);
    const totals = first.totals[0];
    expect(totals?.currency).toBe('TZS');
    expect(totals?.balance.minor).toBe(expected.total);
    expect(totals?.customers).toBe(expected.perCustomer.size);
    for (const [bucket, minor] of Object.entries(expected.buckets))
      expect(totals?.ageing[bucket]?.minor).toBe(minor);
    expect(first.total_customers).toBe(expected.perCustomer.size);
    for (const row of first.customers) {
      const mine = expected.perCustomer.get(row.customer_id ?? 'none');
      expect(mine, row.name).toBeDefined();
      expect(row.balance.minor).toBe(mine?.balance);
      expect(row.overdue.minor).toBe(mine?.overdue);
      expect(row.days_overdue).toBe(Math.max(0, mine?.maxAge ?? 0));
      expect(row.ageing_bucket).toBe(bucketFor(row.days_overdue));
    }
  });

  it('puts what matters most to collect first', async () => {
    const { customers } = await call({ limit: 100 });
    for (let index = 1; index < customers.length; index++) {
      const before = customers[index - 1] as Row;
      const after = customers[index] as Row;
      expect(before.overdue.minor).toBeGreaterThanOrEqual(after.overdue.minor);
    }
  });

  it('shows amounts, phones and last payments as people read them', async () => {
    const { customers } = await call({ limit: 5 });
    const top = customers[0] as Row;
    expect(top.balance.display).toMatch(/^TSh [\d,]+(\.\d\d)?$/);
    for (const row of customers) if (row.phone) expect(row.phone).toMatch(/^\+255\d{9}$/);
    const outcome = await harness.registry.call(
      harness.deps,
      await harness.context(),
      'who_owes_me',
      { limit: 5 },
      { surface: 'cli' },
    );
    expect(outcome.text).toContain(top.name);
    expect(outcome.text).toContain('TSh');
  });

  it('pages with a cursor through every row once', async () => {
    const all = await call({ limit: 100 });
    const seen: (string | null)[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 50; page++) {
      const data = await call({ limit: 7, ...(cursor ? { cursor } : {}) });
      seen.push(...data.customers.map((row) => row.customer_id));
      if (!data.next_cursor) break;
      cursor = data.next_cursor;
    }
    expect(seen).toEqual(all.customers.map((row) => row.customer_id));
  });

  it('filters to the overdue and the long overdue', async () => {
    const overdue = await call({ only_overdue: true, limit: 100 });
    expect(overdue.customers.every((row) => row.days_overdue >= 1)).toBe(true);
    const old = await call({ min_days_overdue: 61, limit: 100 });
    expect(old.customers.every((row) => row.days_overdue >= 61)).toBe(true);
    expect(old.totals[0]?.customers).toBe(old.total_customers);
    expect(old.total_customers).toBeLessThanOrEqual(overdue.total_customers);
  });

  it('rejects bad input with a clear error, not a crash', async () => {
    const outcome = await harness.registry.call(
      harness.deps,
      await harness.context(),
      'who_owes_me',
      { limit: 0, cursor: 5 },
      { surface: 'cli' },
    );
    expect(outcome.status).toBe('error');
    if (outcome.status === 'error') {
      expect(outcome.error.code).toBe('bad_request');
      expect(outcome.error.message).toMatch(/limit/);
    }
  });
});
