/** Postgres through postgres.js (Node, and Workers through Hyperdrive). */
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import { batches, encodeCopyRow, quoteIdentifier } from './copy.ts';
import { type Database, type Orm, resultRows } from './database.ts';
import * as schema from './schema/index.ts';

export interface PostgresOptions {
  max?: number;
}

export function openPostgres(url: string, options: PostgresOptions = {}): Database {
  const client = postgres(url, { max: options.max ?? 10, onnotice: () => {}, prepare: true });
  const orm = drizzle(client, { schema }) as unknown as Orm;
  let vector: boolean | undefined;
  return {
    dialect: 'postgres',
    orm,
    async rows<T>(query: Parameters<Orm['execute']>[0], executor?: Orm) {
      return resultRows<T>(await (executor ?? orm).execute(query));
    },
    async copyRows(table, columns, rows) {
      const target = `${quoteIdentifier(table)} (${columns.map(quoteIdentifier).join(', ')})`;
      const stream = await client.unsafe(`COPY ${target} FROM STDIN`).writable();
      let count = 0;
      for await (const batch of batches(rows)) {
        const chunk = batch.map(encodeCopyRow).join('');
        count += batch.length;
        if (!stream.write(chunk)) await new Promise((resolve) => stream.once('drain', resolve));
      }
      await new Promise<void>((resolve, reject) => {
        stream.once('error', reject);
        stream.end(() => resolve());
      });
      return count;
    },
    async hasVector() {
      if (vector === undefined) {
        const found = resultRows(await orm.execute(sql`select 1 from pg_extension where extname = 'vector'`));
        vector = found.length > 0;
      }
      return vector;
    },
    async close() {
      await client.end({ timeout: 5 });
    },
  };
}
