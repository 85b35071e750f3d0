/**
 * Committing an import: the rows the preview planned are written in batches, each batch in its own
 * transaction together with the import's progress, so a crash loses no more than the batch in
 * flight and a second commit resumes after the last committed row. New records carry the import as
 * their source; existing records only get their empty fields filled, with their values before kept
 * for undo.
 */
import { and, eq, getTableColumns, inArray, sql } from 'drizzle-orm';
import type { Orm } from '../../db/database.ts';
import { events, importChanges, imports, syncReviews } from '../../db/schema/index.ts';
import type { Deps, TenantContext } from '../core/context.ts';
import { AppError } from '../core/errors.ts';
import { createVectorStore } from '../memory/vector-store.ts';
import { customerLookup } from './customer-lookup.ts';
import { type EntityWriter, writers } from './entities/index.ts';
import { entityFields, normaliseHeader, presets } from './map/index.ts';
import type { DateColumn, DateOrder, ImportPlan } from './plan.ts';
import { type ProcessedRow, processRows, type RowIssue } from './process.ts';
import { rememberMappings } from './remembered.ts';
import type { ImportSource } from './source.ts';
import type { ColumnMapping, ImportEntity, ReadOptions } from './types.ts';

export interface ImportReport {
  importId: string;
  entity: ImportEntity;
  created: number;
  updated: number;
  skipped: number;
  duplicates: number;
  issues: RowIssue[];
  issueCount: number;
  rows: number;
}

export async function commitImport(
  deps: Deps,
  context: TenantContext,
  importId: string,
  source: ImportSource,
  onProgress?: (rows: number) => void,
): Promise<ImportReport> {
  const [saved] = await deps.db.orm
    .select()
    .from(imports)
    .where(and(eq(imports.id, importId), eq(imports.tenantId, context.tenant.id)));
  if (!saved) throw new AppError('not_found', 'No import with that id in this business');
  if (saved.status === 'committed') throw new AppError('conflict', 'This import was already committed');
  if (saved.status === 'undone')
    throw new AppError('conflict', 'This import was undone; preview the file again to import it');
  const entity = saved.entity as ImportEntity;
  const mapping = saved.mapping as ColumnMapping[];
  const options = saved.options as {
    dateOrder: DateOrder;
    dateColumns?: Record<number, DateColumn>;
    read?: ReadOptions;
  };
  const table = await source.open(options.read);
  for (const column of mapping) {
    if (table.headers[column.index] !== column.column) {
      throw new AppError(
        'conflict',
        `The file changed since the preview (column ${column.index + 1} is now "${table.headers[column.index] ?? 'missing'}")`,
      );
    }
  }
  const plan: ImportPlan = {
    entity,
    preset:
      presets.find((preset) => preset.system === saved.sourceSystem && preset.entity === entity) ?? null,
    mapping,
    fields: entityFields[entity],
    dateOrder: options.dateOrder,
    dateOrderAmbiguous: false,
    dateColumns: options.dateColumns ?? {},
  };
  await deps.db.orm
    .update(imports)
    .set({ status: 'committing', updatedAt: new Date() })
    .where(eq(imports.id, importId));
  const writer = writers[entity];
  const customerId =
    entity === 'invoices' || entity === 'payments'
      ? await customerLookup(deps.db, context.tenant.id, context.tenant.region)
      : () => null;
  const writerContext = {
    tenantId: context.tenant.id,
    importId,
    currency: context.tenant.currency,
    customerId,
  };
  const report: ImportReport = {
    importId,
    entity,
    created: 0,
    updated: 0,
    skipped: 0,
    duplicates: 0,
    issues: [],
    issueCount: 0,
    rows: 0,
  };
  const previous = (saved.report as { commit?: ImportReport }).commit;
  if (previous && saved.committedThrough > 0)
    Object.assign(report, { created: previous.created, updated: previous.updated });

  let nextAnalyze = 20_000;
  try {
    for await (const batch of processRows(deps.db, context, writer, plan, table.rows)) {
      const fresh = batch.filter((row) => row.line > saved.committedThrough);
      for (const row of batch) {
        report.rows++;
        report.issueCount += row.issues.length;
        if (report.issues.length < 100)
          report.issues.push(...row.issues.slice(0, 100 - report.issues.length));
      }
      if (fresh.length === 0) continue;
      const lastLine = fresh[fresh.length - 1]?.line ?? saved.committedThrough;
      await deps.db.orm.transaction(async (tx) => {
        const written = await writeBatch(tx, context, writer, writerContext, importId, fresh);
        report.created += written.created;
        report.updated += written.updated;
        await tx
          .update(imports)
          .set({
            committedThrough: lastLine,
            report: sql`jsonb_set(${imports.report}, '{commit}', ${JSON.stringify(report)}::jsonb)`,
            updatedAt: new Date(),
          })
          .where(eq(imports.id, importId));
      });
      for (const row of fresh) {
        if (row.duplicateOfLine !== undefined) report.duplicates++;
        if (!row.record || row.duplicateOfLine !== undefined || row.skipReason) report.skipped++;
      }
      onProgress?.(report.rows);
      if (report.created >= nextAnalyze) {
        // A table that grew from empty has statistics that still say "empty", and the look-ups'
        // plans would scan it whole: refresh them as it doubles (log n times in all).
        await deps.db.orm.execute(sql`analyze ${sql.raw(writer.tableName)}`);
        nextAnalyze = report.created * 2;
      }
    }
  } catch (error) {
    await deps.db.orm
      .update(imports)
      .set({ status: 'failed', updatedAt: new Date() })
      .where(eq(imports.id, importId));
    throw error;
  }
  await deps.db.orm
    .update(imports)
    .set({
      status: 'committed',
      committedAt: deps.clock.now(),
      report: sql`jsonb_set(${imports.report}, '{commit}', ${JSON.stringify(report)}::jsonb)`,
      updatedAt: new Date(),
    })
    .where(eq(imports.id, importId));
  // What was imported teaches the next import of the same kind of file.
  await rememberMappings(createVectorStore(deps.db), context.tenant.id, entity, mapping, normaliseHeader);
  return report;
}

async function writeBatch(
  tx: Orm,
  context: TenantContext,
  writer: EntityWriter,
  writerContext: Parameters<EntityWriter['toRow']>[1],
  importId: string,
  rows: ProcessedRow[],
): Promise<{ created: number; updated: number }> {
  const creates = rows.filter(
    (row) => row.record && !row.skipReason && row.duplicateOfLine === undefined && !row.existingId,
  );
  const updates = rows.filter(
    (row) => row.record && !row.skipReason && row.duplicateOfLine === undefined && row.existingId,
  );
  const provenance = { tenantId: context.tenant.id, sourceKind: 'import', sourceId: importId };
  const createdIds: string[] = [];
  if (creates.length > 0) {
    // One JSON parameter per batch, expanded by the database: far cheaper to send and parse than
    // thousands of bind parameters, and it works the same on PGlite and Postgres.
    const columns = getTableColumns(writer.table) as Record<string, { name: string }>;
    const records = creates.map((row) => {
      const id = crypto.randomUUID();
      createdIds.push(id);
      const values: Record<string, unknown> = {
        id,
        ...writer.toRow(row.record ?? {}, writerContext),
        ...provenance,
      };
      return Object.fromEntries(
        Object.entries(values).map(([key, value]) => [
          columns[key]?.name ?? key,
          value instanceof Date ? value.toISOString() : value,
        ]),
      );
    });
    const names = Object.keys(records[0] ?? {})
      .map((name) => `"${name}"`)
      .join(', ');
    await tx.execute(
      sql`insert into ${sql.raw(writer.tableName)} (${sql.raw(names)}) select ${sql.raw(names)} from json_populate_recordset(null::${sql.raw(writer.tableName)}, ${JSON.stringify(records)}::json)`,
    );
  }
  if (writer.createdEvent && createdIds.length > 0) {
    const type = writer.createdEvent;
    await tx.insert(events).values(
      createdIds.map((id) => ({
        tenantId: context.tenant.id,
        type,
        payload: { id, entity: writer.entity, import_id: importId },
      })),
    );
  }
  const reviews = creates.flatMap((row, index) =>
    row.reviewOf
      ? [
          {
            tenantId: context.tenant.id,
            kind: 'merge',
            entity: writer.entity === 'customers' ? 'customer' : 'product',
            recordId: createdIds[index] as string,
            otherRecordId: row.reviewOf.id,
            data: { matchedOn: row.reviewOf.matchedOn, importId, line: row.line },
          },
        ]
      : [],
  );
  // The business asked to be asked first: the owner answers these with resolve_sync_issue.
  if (reviews.length > 0) await tx.insert(syncReviews).values(reviews);
  const updated =
    updates.length > 0 ? await fillExisting(tx, context, writer, writerContext, importId, updates) : 0;
  return { created: createdIds.length, updated };
}

/** Fills only the empty fields of existing records; keeps their values before for undo. */
async function fillExisting(
  tx: Orm,
  context: TenantContext,
  writer: EntityWriter,
  writerContext: Parameters<EntityWriter['toRow']>[1],
  importId: string,
  rows: ProcessedRow[],
): Promise<number> {
  const columns = getTableColumns(writer.table) as Record<string, Parameters<typeof eq>[0]>;
  const ids = rows.map((row) => row.existingId as string);
  const existing = (await tx
    .select()
    .from(writer.table)
    .where(
      and(inArray(columns.id as never, ids), eq(columns.tenantId as never, context.tenant.id)),
    )) as Record<string, unknown>[];
  const byId = new Map(existing.map((record) => [record.id as string, record]));
  let changed = 0;
  for (const row of rows) {
    const current = byId.get(row.existingId as string);
    if (!current) continue;
    const incoming = writer.toRow(row.record ?? {}, writerContext);
    const patch: Record<string, unknown> = {};
    const before: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(incoming)) {
      const empty =
        current[key] === null ||
        current[key] === undefined ||
        current[key] === '' ||
        (Array.isArray(current[key]) && (current[key] as unknown[]).length === 0);
      const hasValue =
        value !== null &&
        value !== undefined &&
        value !== '' &&
        !(Array.isArray(value) && value.length === 0);
      if (empty && hasValue && key in columns) {
        patch[key] = value;
        before[key] = current[key] ?? null;
      }
    }
    if (Object.keys(patch).length === 0) continue;
    await tx.insert(importChanges).values({
      tenantId: context.tenant.id,
      importId,
      entity: writer.entity,
      recordId: row.existingId as string,
      before,
    });
    await tx
      .update(writer.table)
      .set({ ...patch, ...('localChangedAt' in columns ? { localChangedAt: new Date() } : {}) })
      .where(eq(columns.id as never, row.existingId as string));
    if (writer.entity === 'customers') {
      await tx.insert(events).values({
        tenantId: context.tenant.id,
        type: 'customer.updated',
        payload: { id: row.existingId, changed: Object.keys(patch), import_id: importId },
      });
    }
    changed++;
  }
  return changed;
}
