/**
 * The vector store's table. Embeddings are always kept as `real[]`, which every Postgres has; where
 * the pgvector extension exists, a migration adds a `vector` column kept equal to it, and the store
 * searches with pgvector's distance operator instead of scoring in process.
 */
import { index, jsonb, pgTable, real, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, id, tenantId } from './columns.ts';

export const vectorItems = pgTable(
  'vector_items',
  {
    id: id(),
    tenantId: tenantId(),
    namespace: text('namespace').notNull(),
    key: text('key').notNull(),
    content: text('content').notNull(),
    metadata: jsonb('metadata').notNull().default({}),
    embedding: real('embedding').array().notNull(),
    createdAt: createdAt(),
  },
  (table) => [
    uniqueIndex('vector_items_key_uq').on(table.tenantId, table.namespace, table.key),
    index('vector_items_namespace_idx').on(table.tenantId, table.namespace),
  ],
);
