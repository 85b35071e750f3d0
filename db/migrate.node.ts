/** Applies the committed migrations, the same files in the same way, to PGlite and Postgres. */
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import type { Database } from './database.ts';

export const migrationsFolder = fileURLToPath(new URL('./migrations', import.meta.url));

/**
 * Runs every migration not yet applied, recording them in `kiungo_migrations`, all in one transaction
 * under an advisory lock, so two processes starting at once neither race nor half-apply.
 */
export async function migrate(database: Database): Promise<{ applied: number }> {
  const migrations = readMigrationFiles({ migrationsFolder });
  return database.orm.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(727274)`);
    await tx.execute(
      sql`create table if not exists kiungo_migrations (hash text primary key, created_at bigint not null, applied_at timestamptz not null default now())`,
    );
    const done = new Set(
      (await database.rows<{ hash: string }>(sql`select hash from kiungo_migrations`, tx)).map(
        (row) => row.hash,
      ),
    );
    let applied = 0;
    for (const migration of migrations) {
      if (done.has(migration.hash)) continue;
      for (const statement of migration.sql) {
        if (statement.trim() !== '') await tx.execute(sql.raw(statement));
      }
      await tx.execute(
        sql`insert into kiungo_migrations (hash, created_at) values (${migration.hash}, ${migration.folderMillis})`,
      );
      applied++;
    }
    return { applied };
  });
}
