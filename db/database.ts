/**
 * The database handle every service receives: a drizzle instance over PGlite or Postgres, plus the
 * few things drizzle leaves to the driver (raw rows, bulk copy, closing). Runtime-neutral.
 */
import { type SQL, sql } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type * as schema from './schema/index.ts';

export type Schema = typeof schema;
export type Orm = PgDatabase<PgQueryResultHKT, Schema>;

export interface Database {
  readonly dialect: 'pglite' | 'postgres';
  readonly orm: Orm;
  /** Runs raw SQL and returns its rows, whatever the driver's result shape. */
  rows<T = Record<string, unknown>>(query: SQL, executor?: Orm): Promise<T[]>;
  /**
   * Inserts many rows fast (COPY where the driver can stream it). Values are written as given; the
   * caller lists the columns in the order of each row.
   */
  copyRows(
    table: string,
    columns: readonly string[],
    rows: AsyncIterable<readonly unknown[][]> | readonly unknown[][][],
  ): Promise<number>;
  /**
   * How another library (the job queue) can reach the same database: the embedded PGlite instance
   * itself (it has one owner process), or the Postgres URL to open its own pool.
   */
  readonly native?: { kind: 'pglite'; client: unknown } | { kind: 'postgres'; url: string };
  /** Whether pgvector is installed in this database. */
  hasVector(): Promise<boolean>;
  close(): Promise<void>;
}

/** Normalises the result of `orm.execute` from either driver to an array of rows. */
export function resultRows<T>(result: unknown): T[] {
  if (Array.isArray(result)) return result as T[];
  const rows = (result as { rows?: unknown }).rows;
  return Array.isArray(rows) ? (rows as T[]) : [];
}

/** Integers from raw SQL arrive as number, string or bigint depending on the driver. */
export function toInt(value: unknown): number {
  if (value === null || value === undefined) return 0;
  const number = typeof value === 'number' ? value : Number(value);
  if (!Number.isSafeInteger(number))
    throw new Error(`Expected an integer from the database, got ${String(value)}`);
  return number;
}

export function toIntOrNull(value: unknown): number | null {
  return value === null || value === undefined ? null : toInt(value);
}

/** The driver-independent half of a Database: raw rows and the pgvector check. */
export function commonOperations(orm: Orm): Pick<Database, 'rows' | 'hasVector'> {
  let vector: boolean | undefined;
  return {
    async rows<T>(query: SQL, executor?: Orm) {
      return resultRows<T>(await (executor ?? orm).execute(query));
    },
    async hasVector() {
      if (vector === undefined) {
        vector =
          resultRows(await orm.execute(sql`select 1 from pg_extension where extname = 'vector'`)).length > 0;
      }
      return vector;
    },
  };
}
