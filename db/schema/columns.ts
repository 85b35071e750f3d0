/** Column groups shared by the tables of every business-owned entity. */
import { sql } from 'drizzle-orm';
import { bigint, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { tenants } from './tenancy.ts';

export const id = () => uuid('id').primaryKey().defaultRandom();

export const tenantId = () =>
  uuid('tenant_id')
    .notNull()
    .references(() => tenants.id, { onDelete: 'cascade' });

export const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
export const updatedAt = () => timestamp('updated_at', { withTimezone: true }).notNull().defaultNow();

/** Integer minor units; `mode: 'number'` is exact up to 2^53, far beyond any shop's totals. */
export const minorUnits = (name: string) => bigint(name, { mode: 'number' });

/**
 * Where a record came from: `manual`, `demo`, `import` (source_id = import id) or `connection`
 * (source_id = connection id), its id there, and when it last changed on each side.
 */
export const provenance = () => ({
  sourceKind: text('source_kind').notNull().default('manual'),
  sourceId: uuid('source_id'),
  externalId: text('external_id'),
  localChangedAt: timestamp('local_changed_at', { withTimezone: true }).notNull().defaultNow(),
  remoteChangedAt: timestamp('remote_changed_at', { withTimezone: true }),
});

export const emptyTextArray = sql`'{}'::text[]`;
