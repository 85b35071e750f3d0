/** Imports: each file brought in, what it changed (for undo), and uploaded files waiting for a commit. */
import {
  bigint,
  customType,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, id, tenantId, updatedAt } from './columns.ts';

const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({ dataType: () => 'bytea' });

export const importStatuses = ['previewed', 'committing', 'committed', 'failed', 'undone'] as const;

export const imports = pgTable(
  'imports',
  {
    id: id(),
    tenantId: tenantId(),
    memberId: uuid('member_id'),
    entity: text('entity').notNull(),
    /** Where the rows came from: a file name, "pasted table", or a link. */
    sourceName: text('source_name').notNull(),
    /** The system recognised from the header row (shopify, mpesa, …), if any. */
    sourceSystem: text('source_system'),
    uploadId: uuid('upload_id'),
    status: text('status', { enum: importStatuses }).notNull().default('previewed'),
    /** Column mapping and reading options (sheet, date order) the commit uses. */
    mapping: jsonb('mapping').notNull(),
    options: jsonb('options').notNull().default({}),
    /** The preview's counts and issues; after commit, the report. */
    report: jsonb('report').notNull().default({}),
    /** Last source row committed: a commit that stopped resumes after it. */
    committedThrough: integer('committed_through').notNull().default(0),
    fileSha256: text('file_sha256'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    committedAt: timestamp('committed_at', { withTimezone: true }),
    undoneAt: timestamp('undone_at', { withTimezone: true }),
  },
  (table) => [index('imports_tenant_created_idx').on(table.tenantId, table.createdAt)],
);

/** Existing records an import changed, with their values before, so undo can restore them. */
export const importChanges = pgTable(
  'import_changes',
  {
    id: id(),
    tenantId: tenantId(),
    importId: uuid('import_id')
      .notNull()
      .references(() => imports.id, { onDelete: 'cascade' }),
    entity: text('entity').notNull(),
    recordId: uuid('record_id').notNull(),
    before: jsonb('before').notNull(),
    createdAt: createdAt(),
  },
  (table) => [index('import_changes_import_idx').on(table.importId)],
);

/** A file sent in chat or dropped in the web page, kept until it is imported or expires. */
export const importUploads = pgTable(
  'import_uploads',
  {
    id: id(),
    tenantId: tenantId(),
    memberId: uuid('member_id'),
    fileName: text('file_name').notNull(),
    contentType: text('content_type'),
    size: bigint('size', { mode: 'number' }).notNull(),
    content: bytea('content').notNull(),
    createdAt: createdAt(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (table) => [index('import_uploads_tenant_idx').on(table.tenantId, table.createdAt)],
);
