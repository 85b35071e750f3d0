-- pgvector where the server offers it (PGlite always does; some Postgres hosts do not). The store
-- detects the column at run time and falls back to exact in-process search without it.
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'vector') THEN
    CREATE EXTENSION IF NOT EXISTS vector;
    ALTER TABLE vector_items ADD COLUMN IF NOT EXISTS embedding_vector vector;
  END IF;
END
$$;
