/**
 * With DATABASE_URL set, the suite also runs on real Postgres: one template database is migrated
 * here, and each test file gets its own copy of it (see database.ts).
 */
import postgres from 'postgres';
import { migrate } from '../../db/migrate.node.ts';
import { openPostgres } from '../../db/postgres.ts';
import { templateDatabase, withDatabase } from './database-names.ts';

export async function setup(): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (!url) return;
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`drop database if exists ${templateDatabase} with (force)`);
    await admin.unsafe(`create database ${templateDatabase}`);
  } finally {
    await admin.end();
  }
  const template = openPostgres(withDatabase(url, templateDatabase), { max: 1 });
  try {
    await migrate(template);
  } finally {
    await template.close();
  }
}

export async function teardown(): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (!url) return;
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const leftovers = await admin<
      { datname: string }[]
    >`select datname from pg_database where datname like 'kiungo_t_%'`;
    for (const { datname } of leftovers)
      await admin.unsafe(`drop database if exists ${datname} with (force)`);
    await admin.unsafe(`drop database if exists ${templateDatabase} with (force)`);
  } finally {
    await admin.end();
  }
}
