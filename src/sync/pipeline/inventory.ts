/** Incoming stock levels per SKU and location; the product's stock is the sum over its locations. */
import { and, eq, sql } from 'drizzle-orm';
import { inventoryLevels, products } from '../../../db/schema/index.ts';
import { emitEvent } from '../../events/outbox.ts';
import type { InventoryFields } from '../records.ts';
import type { Applied, PipelineScope } from './scope.ts';

export async function upsertInventory(
  scope: PipelineScope,
  externalId: string,
  fields: InventoryFields,
  changedAt: Date | null,
): Promise<Applied> {
  const [product] = await scope.tx
    .select({ id: products.id })
    .from(products)
    .where(
      and(
        eq(products.tenantId, scope.tenant.id),
        eq(products.sku, fields.sku),
        sql`${products.mergedInto} is null`,
      ),
    )
    .limit(1);
  const [before] = await scope.tx
    .select({ quantity: inventoryLevels.quantity })
    .from(inventoryLevels)
    .where(
      and(
        eq(inventoryLevels.tenantId, scope.tenant.id),
        eq(inventoryLevels.sku, fields.sku),
        eq(inventoryLevels.location, fields.location),
      ),
    );
  if (before && Number(before.quantity) === fields.qty) return { recordId: null, outcome: 'unchanged' };
  const [row] = await scope.tx
    .insert(inventoryLevels)
    .values({
      tenantId: scope.tenant.id,
      productId: product?.id ?? null,
      sku: fields.sku,
      location: fields.location,
      quantity: fields.qty,
      sourceKind: 'connection',
      sourceId: scope.connection.id,
      externalId,
      remoteChangedAt: changedAt ?? scope.now,
    })
    .onConflictDoUpdate({
      target: [inventoryLevels.tenantId, inventoryLevels.sku, inventoryLevels.location],
      set: {
        quantity: fields.qty,
        productId: product?.id ?? null,
        updatedAt: scope.now,
        remoteChangedAt: changedAt ?? scope.now,
      },
    })
    .returning({ id: inventoryLevels.id });
  if (product) {
    await scope.tx
      .update(products)
      .set({
        stockQty: sql`(select sum(qty) from inventory_levels where tenant_id = ${scope.tenant.id} and sku = ${fields.sku})`,
        updatedAt: scope.now,
      })
      .where(eq(products.id, product.id));
  }
  await emitEvent(scope.tx, scope.tenant.id, 'stock.changed', {
    product_id: product?.id ?? null,
    sku: fields.sku,
    location: fields.location,
    from: before ? Number(before.quantity) : null,
    to: fields.qty,
    source: scope.connection.connector,
  });
  return {
    recordId: row?.id ?? null,
    outcome: before ? 'updated' : 'created',
    warnings: product ? [] : [`Stock for unknown SKU ${fields.sku} was kept; no product has that SKU yet`],
  };
}
