/**
 * Merging duplicates, reversibly: the records kept take over everything that pointed at the ones
 * merged into them (invoices, payments, orders, lines, stock), fill their own empty fields from
 * them, and the merged records stay in the table, hidden, with a snapshot in the merge history.
 * Undoing a merge moves every reference back and restores both records as they were.
 */
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Orm } from '../../db/database.ts';
import { customers, mergeHistory, products } from '../../db/schema/index.ts';
import type { Deps, TenantContext } from '../core/context.ts';
import { AppError } from '../core/errors.ts';
import { emitEvent } from '../events/outbox.ts';

export type MergeEntity = 'customers' | 'products';

/** Tables whose rows point at a customer or a product. */
const references: Record<MergeEntity, { table: string; column: string }[]> = {
  customers: [
    { table: 'invoices', column: 'customer_id' },
    { table: 'payments', column: 'customer_id' },
    { table: 'orders', column: 'customer_id' },
    { table: 'activities', column: 'customer_id' },
  ],
  products: [
    { table: 'invoice_lines', column: 'product_id' },
    { table: 'order_lines', column: 'product_id' },
    { table: 'inventory_levels', column: 'product_id' },
  ],
};

/** Fields the kept record takes from a merged one when its own are empty. */
const fillable: Record<MergeEntity, string[]> = {
  customers: [
    'firstName',
    'lastName',
    'phone',
    'email',
    'company',
    'street',
    'city',
    'region',
    'postalCode',
    'country',
    'notes',
  ],
  products: ['sku', 'description', 'category', 'price', 'cost', 'barcode', 'unit', 'reorderLevel'],
};

const tableOf = (entity: MergeEntity) => (entity === 'customers' ? customers : products);

async function live(tx: Orm, entity: MergeEntity, tenantId: string, ids: string[]) {
  const table = tableOf(entity);
  return (await tx
    .select()
    .from(table)
    .where(and(eq(table.tenantId, tenantId), inArray(table.id, ids), isNull(table.mergedInto)))) as Record<
    string,
    unknown
  >[];
}

export async function mergeRecords(
  deps: Deps,
  context: TenantContext,
  entity: MergeEntity,
  winnerId: string,
  loserIds: string[],
): Promise<{ mergeIds: string[]; moved: number }> {
  const losers = [...new Set(loserIds)].filter((id) => id !== winnerId);
  if (losers.length === 0)
    throw new AppError('bad_request', 'Name at least one other record to merge into the one kept');
  return deps.db.orm.transaction(async (tx) => {
    const found = await live(tx, entity, context.tenant.id, [winnerId, ...losers]);
    const winner = found.find((row) => row.id === winnerId);
    if (!winner) throw new AppError('not_found', 'The record to keep was not found (or was already merged)');
    if (found.length !== losers.length + 1)
      throw new AppError('not_found', 'Some of the records to merge were not found (or were already merged)');
    const table = tableOf(entity);
    const mergeIds: string[] = [];
    let moved = 0;
    const winnerBefore = Object.fromEntries(fillable[entity].map((field) => [field, winner[field] ?? null]));
    for (const loser of found.filter((row) => row.id !== winnerId)) {
      const movedReferences: Record<string, string[]> = {};
      for (const reference of references[entity]) {
        const rows = await deps.db.rows<{ id: string }>(
          sql`update ${sql.raw(reference.table)} set ${sql.raw(reference.column)} = ${winnerId}
              where tenant_id = ${context.tenant.id} and ${sql.raw(reference.column)} = ${loser.id as string} returning id`,
          tx,
        );
        movedReferences[reference.table] = rows.map((row) => row.id);
        moved += rows.length;
      }
      const patch: Record<string, unknown> = {};
      for (const field of fillable[entity]) {
        if (
          (winner[field] === null || winner[field] === '') &&
          loser[field] !== null &&
          loser[field] !== ''
        ) {
          patch[field] = loser[field];
          winner[field] = loser[field];
        }
      }
      if (Object.keys(patch).length > 0) await tx.update(table).set(patch).where(eq(table.id, winnerId));
      await tx
        .update(table)
        .set({ mergedInto: winnerId })
        .where(eq(table.id, loser.id as string));
      const [history] = await tx
        .insert(mergeHistory)
        .values({
          tenantId: context.tenant.id,
          entity,
          winnerId,
          loserId: loser.id as string,
          loserSnapshot: loser,
          movedReferences: { ...movedReferences, winnerBefore },
          mergedBy: context.member.id,
        })
        .returning({ id: mergeHistory.id });
      if (history) mergeIds.push(history.id);
    }
    if (entity === 'customers')
      await emitEvent(tx, context.tenant.id, 'customer.updated', { id: winnerId, merged: losers });
    return { mergeIds, moved };
  });
}

export async function undoMerge(
  deps: Deps,
  context: TenantContext,
  mergeId: string,
): Promise<{ restored: string; moved: number }> {
  return deps.db.orm.transaction(async (tx) => {
    const [history] = await tx
      .select()
      .from(mergeHistory)
      .where(
        and(
          eq(mergeHistory.id, mergeId),
          eq(mergeHistory.tenantId, context.tenant.id),
          isNull(mergeHistory.undoneAt),
        ),
      );
    if (!history) throw new AppError('not_found', 'No merge with that id to undo in this business');
    const entity = history.entity as MergeEntity;
    const table = tableOf(entity);
    const { winnerBefore, ...moved } = history.movedReferences as Record<string, string[]> & {
      winnerBefore?: Record<string, unknown>;
    };
    let count = 0;
    for (const reference of references[entity]) {
      const ids = moved[reference.table] ?? [];
      if (ids.length === 0) continue;
      await tx.execute(
        sql`update ${sql.raw(reference.table)} set ${sql.raw(reference.column)} = ${history.loserId}
            where tenant_id = ${context.tenant.id} and id in (${sql.join(
              ids.map((id) => sql`${id}`),
              sql`, `,
            )})`,
      );
      count += ids.length;
    }
    await tx
      .update(table)
      .set({ mergedInto: null })
      .where(and(eq(table.id, history.loserId), eq(table.tenantId, context.tenant.id)));
    if (winnerBefore)
      await tx
        .update(table)
        .set(winnerBefore)
        .where(and(eq(table.id, history.winnerId), eq(table.tenantId, context.tenant.id)));
    await tx.update(mergeHistory).set({ undoneAt: deps.clock.now() }).where(eq(mergeHistory.id, mergeId));
    return { restored: history.loserId, moved: count };
  });
}
