/** The embedded database: PGlite in a local folder (or in memory), with pgvector. */
import { PGlite } from '@electric-sql/pglite';
import { vector } from '@electric-sql/pglite-pgvector';
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/pglite';
import { batches, encodeCopyRow, quoteIdentifier } from './copy.ts';
import { type Database, type Orm, resultRows } from './database.ts';
import * as schema from './schema/index.ts';

/** `dataDir` is a folder, or `memory://` for a throwaway database. */
export async function openPglite(dataDir: string): Promise<Database> {
  const client = await PGlite.create(dataDir, { extensions: { vector } });
  const orm = drizzle(client, { schema }) as unknown as Orm;
  let hasVectorExtension: boolean | undefined;
  return {
    dialect: 'pglite',
    orm,
    async rows<T>(query: Parameters<Orm['execute']>[0], executor?: Orm) {
      return resultRows<T>(await (executor ?? orm).execute(query));
    },
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
    async hasVector() {
      if (hasVectorExtension === undefined) {
        const found = resultRows(await orm.execute(sql`select 1 from pg_extension where extname = 'vector'`));
        hasVectorExtension = found.length > 0;
      }
      return hasVectorExtension;
    },
    async close() {
      await client.close();
    },
  };
}
