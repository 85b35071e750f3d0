/** The embedded database: PGlite in a local folder (or in memory), with pgvector. */
import { PGlite } from '@electric-sql/pglite';
import { vector } from '@electric-sql/pglite-pgvector';
import { drizzle } from 'drizzle-orm/pglite';
import { batches, encodeCopyRow, quoteIdentifier } from './copy.ts';
import { commonOperations, type Database, type Orm } from './database.ts';
import * as schema from './schema/index.ts';

/** `dataDir` is a folder, or `memory://` for a throwaway database. */
export async function openPglite(dataDir: string): Promise<Database> {
  const client = await PGlite.create(dataDir, { extensions: { vector } });
  const orm = drizzle(client, { schema }) as unknown as Orm;
  return {
    dialect: 'pglite',
    orm,
    native: { kind: 'pglite', client },
    ...commonOperations(orm),
    async copyRows(table, columns, rows) {
      const target = `${quoteIdentifier(table)} (${columns.map(quoteIdentifier).join(', ')})`;
      let count = 0;
      for await (const batch of batches(rows)) {
        const blob = new Blob([batch.map(encodeCopyRow).join('')]);
        await client.query(`COPY ${target} FROM '/dev/blob'`, [], { blob });
        count += batch.length;
      }
      return count;
    },
    async close() {
      await client.close();
    },
  };
}
