/**
 * The vector store behind conversation memory, "find by meaning" and learned column mappings.
 * With pgvector (PGlite always; Postgres where the host has it) the database ranks by cosine
 * distance; without it, the same rows are ranked exactly in process. Both return the same order.
 *
 * @example
 *   const store = createVectorStore(db);
 *   await store.upsert(tenantId, 'mappings', { key: 'simu', content: 'Simu → phone', embedding });
 *   const [best] = await store.search(tenantId, 'mappings', queryEmbedding, 3);
 */
import { and, eq, sql } from 'drizzle-orm';
import type { Database } from '../../db/database.ts';
import { vectorItems } from '../../db/schema/index.ts';
import { AppError } from '../core/errors.ts';

export interface VectorItem {
  key: string;
  content: string;
  embedding: readonly number[];
  metadata?: Record<string, unknown>;
}

export interface VectorMatch {
  key: string;
  content: string;
  metadata: Record<string, unknown>;
  /** Cosine similarity, 1 = same direction. */
  score: number;
}

export interface VectorStore {
  upsert(tenantId: string, namespace: string, item: VectorItem): Promise<void>;
  search(
    tenantId: string,
    namespace: string,
    embedding: readonly number[],
    limit: number,
  ): Promise<VectorMatch[]>;
  remove(tenantId: string, namespace: string, key: string): Promise<void>;
}

export function cosineSimilarity(left: readonly number[], right: readonly number[]): number {
  if (left.length !== right.length) return 0;
  let dot = 0;
  let leftNorm = 0;
  let rightNorm = 0;
  for (let index = 0; index < left.length; index++) {
    const a = left[index] as number;
    const b = right[index] as number;
    dot += a * b;
    leftNorm += a * a;
    rightNorm += b * b;
  }
  return leftNorm === 0 || rightNorm === 0 ? 0 : dot / Math.sqrt(leftNorm * rightNorm);
}

const vectorLiteral = (embedding: readonly number[]) => `[${embedding.join(',')}]`;

function validate(embedding: readonly number[]): void {
  if (embedding.length === 0 || embedding.length > 4096 || !embedding.every(Number.isFinite)) {
    throw new AppError('bad_request', 'An embedding must have 1–4096 finite numbers');
  }
}

export function createVectorStore(db: Database, options: { usePgvector?: boolean } = {}): VectorStore {
  const pgvector = async () => options.usePgvector ?? (await db.hasVector());
  return {
    async upsert(tenantId, namespace, item) {
      validate(item.embedding);
      const values = {
        tenantId,
        namespace,
        key: item.key,
        content: item.content,
        metadata: item.metadata ?? {},
        embedding: [...item.embedding],
      };
      await db.orm
        .insert(vectorItems)
        .values(values)
        .onConflictDoUpdate({
          target: [vectorItems.tenantId, vectorItems.namespace, vectorItems.key],
          set: { content: values.content, metadata: values.metadata, embedding: values.embedding },
        });
      if (await pgvector()) {
        await db.orm.execute(
          sql`update vector_items set embedding_vector = ${vectorLiteral(item.embedding)}::vector
              where tenant_id = ${tenantId} and namespace = ${namespace} and key = ${item.key}`,
        );
      }
    },
    async search(tenantId, namespace, embedding, limit) {
      validate(embedding);
      if (await pgvector()) {
        const rows = await db.rows<{
          key: string;
          content: string;
          metadata: Record<string, unknown>;
          distance: number;
        }>(
          sql`select key, content, metadata, (embedding_vector <=> ${vectorLiteral(embedding)}::vector) as distance
              from vector_items
              where tenant_id = ${tenantId} and namespace = ${namespace} and vector_dims(embedding_vector) = ${embedding.length}
              order by distance, key limit ${limit}`,
        );
        return rows.map((row) => ({
          key: row.key,
          content: row.content,
          metadata: row.metadata,
          score: 1 - Number(row.distance),
        }));
      }
      const rows = await db.orm
        .select({
          key: vectorItems.key,
          content: vectorItems.content,
          metadata: vectorItems.metadata,
          embedding: vectorItems.embedding,
        })
        .from(vectorItems)
        .where(and(eq(vectorItems.tenantId, tenantId), eq(vectorItems.namespace, namespace)));
      return rows
        .filter((row) => row.embedding.length === embedding.length)
        .map((row) => ({
          key: row.key,
          content: row.content,
          metadata: row.metadata as Record<string, unknown>,
          score: cosineSimilarity(row.embedding, embedding),
        }))
        .sort((a, b) => b.score - a.score || a.key.localeCompare(b.key))
        .slice(0, limit);
    },
    async remove(tenantId, namespace, key) {
      await db.orm
        .delete(vectorItems)
        .where(
          and(
            eq(vectorItems.tenantId, tenantId),
            eq(vectorItems.namespace, namespace),
            eq(vectorItems.key, key),
          ),
        );
    },
  };
}
