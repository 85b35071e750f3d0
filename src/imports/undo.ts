/**
 * Undoing an import: removes exactly the records it created and restores, field by field, the
 * values it filled in on existing records. One transaction: all of it or none of it.
 */
import { and, eq, getTableColumns, sql } from 'drizzle-orm';
import { importChanges, imports, syncReviews } from '../../db/schema/index.ts';
import type { Deps, TenantContext } from '../core/context.ts';
import { AppError } from '../core/errors.ts';
import { writers } from './entities/index.ts';
import type { ImportEntity } from './types.ts';

export async function undoImport(
  deps: Deps,
  context: TenantContext,
  importId: string,
): Promise<{ removed: number; restored: number }> {
  const [saved] = await deps.db.orm
    .select()
    .from(imports)
    .where(and(eq(imports.id, importId), eq(imports.tenantId, context.tenant.id)));
  if (!saved) throw new AppError('not_found', 'No import with that id in this business');
  if (saved.status === 'undone') throw new AppError('conflict', 'This import was already undone');
  if (saved.status === 'previewed')
    throw new AppError('conflict', 'This import was never committed; there is nothing to undo');
  const writer = writers[saved.entity as ImportEntity];
  return deps.db.orm.transaction(async (tx) => {
    const removed = await deps.db.rows<{ id: string }>(
      sql`delete from ${sql.raw(writer.tableName)} where tenant_id = ${context.tenant.id} and source_kind = 'import' and source_id = ${importId} returning id`,
      tx,
    );
    // Reviews the import queued (rule "ask me first") point at records that are gone now.
    await tx
      .delete(syncReviews)
      .where(
        and(eq(syncReviews.tenantId, context.tenant.id), sql`${syncReviews.data}->>'importId' = ${importId}`),
      );
    const changes = await tx
      .select()
      .from(importChanges)
      .where(and(eq(importChanges.importId, importId), eq(importChanges.tenantId, context.tenant.id)));
    const columns = getTableColumns(writer.table) as Record<string, Parameters<typeof eq>[0]>;
    for (const change of changes) {
      await tx
        .update(writer.table)
        .set(change.before as Record<string, unknown>)
        .where(
          and(eq(columns.id as never, change.recordId), eq(columns.tenantId as never, context.tenant.id)),
        );
    }
    await tx
      .update(imports)
      .set({ status: 'undone', undoneAt: deps.clock.now(), updatedAt: new Date() })
      .where(eq(imports.id, importId));
    return { removed: removed.length, restored: changes.length };
  });
}
