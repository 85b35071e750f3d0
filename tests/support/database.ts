/**
 * A fresh, migrated database for one test file: PGlite in memory by default; a copy of the migrated
 * template on the real Postgres when DATABASE_URL is set.
 */
import postgres from 'postgres';
import type { Database } from '../../db/database.ts';
import { migrate } from '../../db/migrate.node.ts';
import { openPglite } from '../../db/pglite.node.ts';
import { openPostgres } from '../../db/postgres.ts';
import { templateDatabase, withDatabase } from './database-names.ts';

export const usingPostgres = Boolean(process.env.DATABASE_URL);

export async function createTestDatabase(): Promise<{ db: Database; url?: string; drop(): Promise<void> }> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    const db = await openPglite('memory://');
    await migrate(db);
    return { db, drop: () => db.close() };
  }
  const name = `kiungo_t_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`create database ${name} template ${templateDatabase}`);
  } finally {
    await admin.end();
  }
  const databaseUrl = withDatabase(url, name);
  const db = openPostgres(databaseUrl, { max: 4 });
  return {
    db,
    url: databaseUrl,
    async drop() {
      await db.close();
      const cleaner = postgres(url, { max: 1, onnotice: () => {} });
      try {
        await cleaner.unsafe(`drop database if exists ${name} with (force)`);
      } finally {
        await cleaner.end();
      }
    },
  };
}
