/**
 * Remembered column mappings: every confirmed mapping (and every correction, "Simu is the phone
 * column") is kept per business and entity in the vector store, keyed by the normalised header, so
 * the next import of a similar file maps itself. Exact headers match by key; similar ones by meaning.
 */
import { localEmbedding } from '../agent/embedding.ts';
import type { VectorStore } from '../memory/vector-store.ts';
import type { ColumnMapping, ImportEntity } from './types.ts';

const namespace = (entity: ImportEntity) => `column-mapping:${entity}`;

/** Similar headers at or above this cosine similarity count as the same header. */
const similarEnough = 0.92;

export async function rememberedMappings(
  store: VectorStore,
  tenantId: string,
  entity: ImportEntity,
  headers: readonly string[],
  normalise: (header: string) => string,
): Promise<Map<string, string | null>> {
  const remembered = new Map<string, string | null>();
  for (const header of headers) {
    const key = normalise(header);
    if (key === '') continue;
    const [best] = await store.search(tenantId, namespace(entity), localEmbedding(key), 1);
    if (best && (best.key === key || best.score >= similarEnough)) {
      remembered.set(key, (best.metadata.field as string | null | undefined) ?? null);
    }
  }
  return remembered;
}

export async function rememberMappings(
  store: VectorStore,
  tenantId: string,
  entity: ImportEntity,
  mapping: readonly ColumnMapping[],
  normalise: (header: string) => string,
): Promise<void> {
  for (const column of mapping) {
    const key = normalise(column.column);
    if (key === '' || column.reason === 'none') continue;
    await store.upsert(tenantId, namespace(entity), {
      key,
      content: `${column.column} → ${column.field ?? 'not imported'}`,
      embedding: localEmbedding(key),
      metadata: { field: column.field },
    });
  }
}
