/** Opens the database the configuration names: Postgres from DATABASE_URL, else PGlite in a folder. */
import type { Database } from './database.ts';
import { migrate } from './migrate.node.ts';
import { openPglite } from './pglite.node.ts';
import { openPostgres } from './postgres.ts';

export interface OpenDatabaseOptions {
  databaseUrl?: string | undefined;
  /** PGlite folder, or `memory://`. */
  dataDir: string;
  migrate?: boolean;
}

export async function createDb(options: OpenDatabaseOptions): Promise<Database> {
  const database = options.databaseUrl
    ? openPostgres(options.databaseUrl)
    : await openPglite(options.dataDir);
  if (options.migrate !== false) await migrate(database);
  return database;
}
