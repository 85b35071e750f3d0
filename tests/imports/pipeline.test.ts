/** The import center end to end on a real database: preview, commit, resume, undo, learned mappings. */
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customers, events, imports } from '../../db/schema/index.ts';
import type { TenantContext } from '../../src/core/context.ts';
import { commitImport } from '../../src/imports/commit.ts';
import { previewImport } from '../../src/imports/preview.ts';
import { arrayLiteral } from '../../src/imports/process.ts';
import { bytesSource, type ImportSource, streamSource } from '../../src/imports/source.ts';
import { undoImport } from '../../src/imports/undo.ts';
import { createHarness, type Harness } from '../support/harness.ts';

let harness: Harness;
let owner: TenantContext;
let existing: { id: string; fullName: string; phone: string | null; email: string | null };

beforeAll(async () => {
  harness = await createHarness({ demo: true });
  owner = await harness.context('demo', 'owner', 'web');
  const [row] = await harness.db.orm
    .select()
    .from(customers)
    .where(
      and(
        eq(customers.tenantId, owner.tenant.id),
        sql`${customers.phone} is not null`,
        sql`${customers.email} is null`,
      ),
    )
    .limit(1);
  existing = row as typeof existing;
});
afterAll(() => harness.close());

const csv = (lines: string[]) =>
  bytesSource('wateja.csv', new TextEncoder().encode(`${lines.join('\r\n')}\r\n`));

function localPhone(e164: string): string {
  const national = e164.replace(/^\+255/, '');
  return `0${national.slice(0, 3)} ${national.slice(3, 6)} ${national.slice(6)}`;
}

describe('import center', () => {
  it('previews Swahili headers, local phones, duplicates and problems without changing anything', async () => {
    const before = (
      await harness.db.orm.select().from(customers).where(eq(customers.tenantId, owner.tenant.id))
    ).length;
    const source = csv([
      'Jina,Simu,Barua pepe,Mji',
      'Asha Juma,0713 000 111,asha@example.com,Arusha',
      'JOHN MREMA,+255 754 000 222,not-an-email,Dar es Salaam',
      `Existing Person,${localPhone(existing.phone as string)},existing@example.com,Moshi`,
      'Asha J.,255713000111,,Arusha',
      ',,,',
    ]);
    const preview = await previewImport(harness.deps, owner, source, { entity: 'customers' });
    expect(preview.entity).toBe('customers');
    const fieldOf = (column: string) => preview.mapping.find((entry) => entry.column === column)?.field;
    expect([fieldOf('Jina'), fieldOf('Simu'), fieldOf('Barua pepe'), fieldOf('Mji')]).toEqual([
      'full_name',
      'phone',
      'email',
      'city',
    ]);
    expect(preview.rows).toBeGreaterThanOrEqual(4);
    expect(preview.duplicates.inFile).toBe(1);
    expect(preview.duplicates.existing).toBe(1);
    expect(preview.willCreate).toBe(2);
    expect(preview.issues.some((issue) => issue.line === 3 && /email/i.test(issue.message))).toBe(true);
    expect(preview.sample[0]).toMatchObject({
      full_name: 'Asha Juma',
      phone: '+255713000111',
      email: 'asha@example.com',
    });
    const after = (
      await harness.db.orm.select().from(customers).where(eq(customers.tenantId, owner.tenant.id))
    ).length;
    expect(after).toBe(before);
  });

  it('commits: creates new records, fills only empty fields of existing ones, and undo restores all', async () => {
    const source = csv([
      'Full Name,Phone,Email',
      'Neema Mollel,0765 111 222,neema@example.com',
      `Renamed Existing,${localPhone(existing.phone as string)},filled@example.com`,
    ]);
    const preview = await previewImport(harness.deps, owner, source, { entity: 'customers' });
    const report = await commitImport(harness.deps, owner, preview.importId, source);
    expect(report).toMatchObject({ created: 1, updated: 1 });
    const [updated] = await harness.db.orm.select().from(customers).where(eq(customers.id, existing.id));
    expect(updated?.fullName).toBe(existing.fullName); // not overwritten
    expect(updated?.email).toBe('filled@example.com'); // filled
    const [created] = await harness.db.orm
      .select()
      .from(customers)
      .where(and(eq(customers.tenantId, owner.tenant.id), eq(customers.phone, '+255765111222')));
    expect(created?.sourceKind).toBe('import');
    expect(created?.sourceId).toBe(preview.importId);
    const changedEvents = await harness.db.orm
      .select()
      .from(events)
      .where(and(eq(events.tenantId, owner.tenant.id), eq(events.type, 'customer.updated')));
    expect(changedEvents.some((event) => (event.payload as { id: string }).id === existing.id)).toBe(true);

    await expect(commitImport(harness.deps, owner, preview.importId, source)).rejects.toThrow(
      /already committed/,
    );
    const undone = await undoImport(harness.deps, owner, preview.importId);
    expect(undone).toEqual({ removed: 1, restored: 1 });
    const [restored] = await harness.db.orm.select().from(customers).where(eq(customers.id, existing.id));
    expect(restored?.email).toBeNull();
    expect(
      await harness.db.orm.select().from(customers).where(eq(customers.phone, '+255765111222')),
    ).toHaveLength(0);
  });

  it('resumes after a crash mid-import without duplicating or losing rows', async () => {
    const lines = ['Name,Phone'];
    // Names without digits, as real names are (a digit makes a column look less like names).
    const letters = (index: number) =>
      index.toString(26).replace(/./g, (digit) => String.fromCharCode(97 + Number.parseInt(digit, 26)));
    for (let index = 0; index < 5000; index++)
      lines.push(`Mteja ${letters(index)},+2557${String(10_000_000 + index).padStart(8, '0')}`);
    const bytes = new TextEncoder().encode(`${lines.join('\n')}\n`);
    const failingAfter = (limit: number): ImportSource =>
      streamSource('big.csv', async function* () {
        // Cut the byte stream partway: the read fails as a killed worker's would.
        const cut = Math.floor(bytes.length * limit);
        yield bytes.slice(0, cut);
        throw new Error('worker killed');
      });
    const whole = bytesSource('big.csv', bytes);
    const preview = await previewImport(harness.deps, owner, whole, { entity: 'customers' });
    expect(preview.willCreate).toBe(5000);
    await expect(commitImport(harness.deps, owner, preview.importId, failingAfter(0.6))).rejects.toThrow(
      /worker killed/,
    );
    const [stopped] = await harness.db.orm.select().from(imports).where(eq(imports.id, preview.importId));
    expect(stopped?.status).toBe('failed');
    expect(stopped?.committedThrough).toBeGreaterThan(0);
    const report = await commitImport(harness.deps, owner, preview.importId, whole);
    const [row] = await harness.db.rows<{ count: number | string }>(
      sql`select count(*) as count from customers where tenant_id = ${owner.tenant.id} and source_id = ${preview.importId}`,
    );
    expect(Number(row?.count)).toBe(5000);
    expect(report.created).toBe(5000);
  });

  it('lists new customers whose names match someone else’s, for review', async () => {
    await harness.db.orm
      .insert(customers)
      .values({ tenantId: owner.tenant.id, fullName: 'Neema Mwakasege', phone: '+255719111222' });
    const source = csv([
      'Name,Phone',
      'MWAKASEGE NEEMA,0719 333 444',
      'Rashidi Kombo,0719 555 666',
      'kombo rashidi,0719 777 888',
    ]);
    const preview = await previewImport(harness.deps, owner, source, { entity: 'customers' });
    expect(preview.willCreate).toBe(3);
    expect(preview.possibleDuplicates).toEqual([
      expect.objectContaining({ line: 2, similarTo: expect.objectContaining({ name: 'Neema Mwakasege' }) }),
      expect.objectContaining({ line: 4, similarTo: { line: 3, name: 'Rashidi Kombo' } }),
    ]);
  });

  it('learns a corrected mapping for the next file', async () => {
    const first = csv(['Mteja,Namba ya kupigia', 'Baraka Ally,0715 222 333']);
    const corrected = await previewImport(harness.deps, owner, first, {
      entity: 'customers',
      overrides: { 'Namba ya kupigia': 'phone' },
    });
    await commitImport(harness.deps, owner, corrected.importId, first);
    const second = csv(['Mteja,Namba ya kupigia', 'Rose Ally,0715 444 555']);
    const next = await previewImport(harness.deps, owner, second, { entity: 'customers' });
    expect(next.mapping.find((column) => column.column === 'Namba ya kupigia')).toMatchObject({
      field: 'phone',
      reason: 'remembered',
    });
  });

  it('passes key lists to the database as one array parameter, whatever they contain', async () => {
    const values = ['a"b', 'c\\d', 'e,f', '{x}', 'NULL', ' spaced ', 'Café'];
    const rows = await harness.db.rows<{ value: string }>(
      sql`select unnest(${arrayLiteral(values)}::text[]) as value`,
    );
    expect(rows.map((row) => row.value)).toEqual(values);
  });

  it('refuses binary junk and empty files with clear messages', async () => {
    const junk = bytesSource(
      'photo.csv',
      new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0, 0, 1, 2, 3, 0, 0, 5]),
    );
    await expect(previewImport(harness.deps, owner, junk, { entity: 'customers' })).rejects.toThrow(
      /not a text spreadsheet/i,
    );
    await expect(
      previewImport(harness.deps, owner, bytesSource('empty.csv', new Uint8Array()), { entity: 'customers' }),
    ).rejects.toThrow(/empty/i);
  });
});

describe('exports of other systems', () => {
  it('imports a Shopify orders export as one invoice per order, not per line item', async () => {
    const { readFileSync } = await import('node:fs');
    const bytes = readFileSync(new URL('../fixtures/imports/exports/shopify-orders.csv', import.meta.url));
    const context = await harness.context('demo', 'admin', 'cli');
    const source = bytesSource('orders_export.csv', new Uint8Array(bytes));
    const preview = await previewImport(harness.deps, context, source, {});
    expect(preview.entity).toBe('invoices');
    expect(preview.source.system).toMatch(/shopify/);
    const orders = new Set(
      bytes
        .toString('utf8')
        .split('\n')
        .slice(1)
        .map((line) => line.split(',')[0])
        .filter(Boolean),
    );
    expect(preview.willCreate).toBe(orders.size);
    expect(preview.skipped.every((entry) => /another line of #/.test(entry.reason))).toBe(true);
    const report = await commitImport(harness.deps, context, preview.importId, source);
    expect(report.created).toBe(orders.size);
  });

  it('imports an M-Pesa statement as payments, leaving out money paid out', async () => {
    const { readFileSync } = await import('node:fs');
    const bytes = readFileSync(
      new URL('../fixtures/imports/exports/mpesa-business-statement.csv', import.meta.url),
    );
    const context = await harness.context('demo', 'admin', 'cli');
    const source = bytesSource('statement.csv', new Uint8Array(bytes));
    const preview = await previewImport(harness.deps, context, source, {});
    expect(preview.entity).toBe('payments');
    expect(preview.source.system).toMatch(/^mpesa/);
    expect(preview.willCreate).toBeGreaterThan(0);
    expect(preview.sample[0]).toMatchObject({ method: 'mpesa' });
    expect(String(preview.sample[0]?.reference)).toMatch(/^[A-Z0-9]{10}$/);
  });
});
