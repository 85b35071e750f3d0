/** Postgres through postgres.js (Node, and Workers through Hyperdrive). */
import { drizzle } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import { batches, encodeCopyRow, quoteIdentifier } from './copy.ts';
import { commonOperations, type Database, type Orm } from './database.ts';
import * as schema from './schema/index.ts';

export interface PostgresOptions {
  max?: number;
}

export function openPostgres(url: string, options: PostgresOptions = {}): Database {
  const client = postgres(url, { max: options.max ?? 10, onnotice: () => {}, prepare: true });
  const orm = drizzle(client, { schema }) as unknown as Orm;
  return {
    dialect: 'postgres',
    orm,
    native: { kind: 'postgres', url },
    ...commonOperations(orm),
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
    async close() {
      await client.end({ timeout: 5 });
    },
  };
}
