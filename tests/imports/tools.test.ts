/** The import tools as the assistant and MCP clients call them: preview, confirm the commit, undo. */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { products } from '../../db/schema/index.ts';
import type { TenantContext } from '../../src/core/context.ts';
import { createHarness, type Harness } from '../support/harness.ts';
import { ok, pending } from '../support/outcomes.ts';

let harness: Harness;
let owner: TenantContext;
let other: TenantContext;

beforeAll(async () => {
  harness = await createHarness({ demo: ['duka-a', 'duka-b'] });
  owner = await harness.context('duka-a', 'owner', 'mcp');
  other = await harness.context('duka-b', 'owner', 'mcp');
});
afterAll(() => harness.close());

const pasted = [
  'Bidhaa\tSKU\tBei\tIdadi',
  'Redmi 13C\tRED-13C\tTSh 310,000\t7',
  'Sabuni ya kufulia\tSAB-01\t2,500\t120',
  'Tecno Spark 20\tTEC-SPK20\t320000\t3',
].join('\n');

describe('import tools', () => {
  it('previews a pasted table, imports it only after confirmation, and undoes it', async () => {
    const preview = ok(
      await harness.registry.call(
        harness.deps,
        owner,
        'import_preview',
        { text: pasted, entity: 'products' },
        { surface: 'mcp' },
      ),
    );
    const data = preview.data as {
      import_id: string;
      willCreate: number;
      willUpdate: number;
      mapping: { column: string; field: string | null }[];
    };
    expect(data.mapping.map((column) => column.field)).toEqual(['name', 'sku', 'price', 'stock_qty']);
    expect(data.willUpdate).toBe(1); // TEC-SPK20 exists in the demo catalogue
    expect(data.willCreate).toBe(2);
    const request = pending(
      await harness.registry.call(
        harness.deps,
        owner,
        'import_commit',
        { import_id: data.import_id },
        { surface: 'mcp' },
      ),
    );
    expect(request.action.summary).toMatch(/2 new, 1 updated/);
    const before = await harness.db.orm
      .select()
      .from(products)
      .where(and(eq(products.tenantId, owner.tenant.id), eq(products.sku, 'RED-13C')));
    expect(before).toHaveLength(0);
    ok(
      await harness.registry.decide(harness.deps, owner, {
        actionId: request.action.id,
        decision: 'confirm',
        proof: { token: request.confirmToken },
      }),
    );
    const [created] = await harness.db.orm
      .select()
      .from(products)
      .where(and(eq(products.tenantId, owner.tenant.id), eq(products.sku, 'RED-13C')));
    expect(created).toMatchObject({ name: 'Redmi 13C', price: 31_000_000, currency: 'TZS', stockQty: 7 });

    const undo = pending(
      await harness.registry.call(
        harness.deps,
        owner,
        'import_undo',
        { import_id: data.import_id },
        { surface: 'mcp' },
      ),
    );
    ok(
      await harness.registry.decide(harness.deps, owner, {
        actionId: undo.action.id,
        decision: 'confirm',
        proof: { token: undo.confirmToken },
      }),
    );
    expect(
      await harness.db.orm
        .select()
        .from(products)
        .where(and(eq(products.tenantId, owner.tenant.id), eq(products.sku, 'RED-13C'))),
    ).toHaveLength(0);
  });

  it('never lets one business commit or undo another’s import', async () => {
    const preview = ok(
      await harness.registry.call(
        harness.deps,
        owner,
        'import_preview',
        { text: pasted, entity: 'products' },
        { surface: 'mcp' },
      ),
    );
    const importId = (preview.data as { import_id: string }).import_id;
    for (const tool of ['import_commit', 'import_undo']) {
      const outcome = await harness.registry.call(
        harness.deps,
        other,
        tool,
        { import_id: importId },
        { surface: 'mcp' },
      );
      expect(outcome.status).toBe('error');
      if (outcome.status === 'error') expect(outcome.error.code).toBe('not_found');
    }
  });

  it('takes a correction in one sentence from the chat and previews again', async () => {
    const context = await harness.context('duka-a', 'admin', 'web');
    const sent = await harness.deps.assistant.importFile(context, {
      name: 'orodha.csv',
      bytes: new TextEncoder().encode('Jina,Mawasiliano\nAsha Juma,0713 000 111\nJohn Mrema,0754 000 222\n'),
    });
    expect(sent.parts.some((part) => part.type === 'confirmation')).toBe(true);
    const corrected = await harness.deps.assistant.turn({ context, text: 'Mawasiliano is the phone column' });
    expect(corrected.toolCalls).toEqual([{ name: 'import_preview', status: 'ok' }]);
    const table = corrected.parts.find((part) => part.type === 'table');
    const row =
      table?.type === 'table' ? table.rows.find((entry) => entry.column === 'Mawasiliano') : undefined;
    expect(row?.field).toBe('phone');
  });

  it('reads a published Google Sheets CSV link', async () => {
    const url = 'https://docs.google.com/spreadsheets/d/e/2PACX-abc/pub?output=csv';
    const original = globalThis.fetch;
    globalThis.fetch = (async (input: string | URL | Request) => {
      expect(String(input)).toBe(url);
      return new Response('Name,Phone\nZuhura Said,0715 999 888\n', {
        headers: { 'content-type': 'text/csv' },
      });
    }) as typeof fetch;
    try {
      const preview = ok(
        await harness.registry.call(harness.deps, owner, 'import_preview', { url }, { surface: 'mcp' }),
      );
      expect((preview.data as { rows: number; entity: string }).entity).toBe('customers');
      expect((preview.data as { rows: number }).rows).toBe(1);
    } finally {
      globalThis.fetch = original;
    }
  });

  it('explains what it cannot read instead of failing', async () => {
    const outcome = await harness.registry.call(
      harness.deps,
      owner,
      'import_preview',
      { text: 'just one line of words' },
      { surface: 'mcp' },
    );
    expect(outcome.status).toBe('error');
    const link = await harness.registry.call(
      harness.deps,
      owner,
      'import_preview',
      { url: 'https://example.com/data.csv' },
      { surface: 'mcp' },
    );
    expect(link.status).toBe('error');
    if (link.status === 'error') expect(link.error.message).toMatch(/Google Sheets/);
  });
});
