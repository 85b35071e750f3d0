import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../tests/support/harness.ts';
import { createVectorStore } from './vector-store.ts';

let harness: Harness;
let tenantA: string;
let tenantB: string;

beforeAll(async () => {
  harness = await createHarness({ demo: ['shop-a', 'shop-b'] });
  tenantA = (await harness.context('shop-a')).tenant.id;
  tenantB = (await harness.context('shop-b')).tenant.id;
});
afterAll(() => harness.close());

const items = [
  { key: 'phone', content: 'Simu is the phone column', embedding: [1, 0, 0] },
  { key: 'price', content: 'Bei is the price column', embedding: [0, 1, 0] },
  { key: 'mixed', content: 'Namba ya simu', embedding: [0.8, 0.2, 0] },
];

describe('vector store', () => {
  it('ranks the same way with pgvector and with the in-process fallback', async () => {
    const modes = (await harness.db.hasVector()) ? [true, false] : [false];
    for (const usePgvector of modes) {
      const store = createVectorStore(harness.db, { usePgvector });
      const namespace = `test-${usePgvector}`;
      for (const item of items) await store.upsert(tenantA, namespace, item);
      const found = await store.search(tenantA, namespace, [0.8, 0.25, 0], 3);
      expect(found.map((match) => match.key)).toEqual(['mixed', 'phone', 'price']);
      expect(found[0]?.score).toBeCloseTo(0.9983, 3);
    }
  });

  it('keeps each business’s vectors to itself and replaces on upsert', async () => {
    const store = createVectorStore(harness.db);
    await store.upsert(tenantA, 'memory', { key: 'k', content: 'A secret', embedding: [1, 1] });
    await store.upsert(tenantB, 'memory', { key: 'k', content: 'B note', embedding: [1, 1] });
    await store.upsert(tenantA, 'memory', { key: 'k', content: 'A updated', embedding: [1, 1] });
    expect((await store.search(tenantB, 'memory', [1, 1], 5)).map((match) => match.content)).toEqual([
      'B note',
    ]);
    expect((await store.search(tenantA, 'memory', [1, 1], 5)).map((match) => match.content)).toEqual([
      'A updated',
    ]);
    await store.remove(tenantA, 'memory', 'k');
    expect(await store.search(tenantA, 'memory', [1, 1], 5)).toEqual([]);
  });

  it('rejects embeddings that are not vectors', async () => {
    const store = createVectorStore(harness.db);
    await expect(store.upsert(tenantA, 'x', { key: 'bad', content: '', embedding: [] })).rejects.toThrow(
      /embedding/,
    );
    await expect(store.search(tenantA, 'x', [Number.NaN], 1)).rejects.toThrow(/embedding/);
  });
});
