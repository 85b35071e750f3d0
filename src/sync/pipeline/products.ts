/** Incoming products: linked by external id, else the same SKU (rule), else created. */
import { and, eq, isNull } from 'drizzle-orm';
import { products } from '../../../db/schema/index.ts';
import { emitEvent } from '../../events/outbox.ts';
import type { ProductFields } from '../records.ts';
import { queueMergeReview, reconcile } from './reconcile.ts';
import { type Applied, clean, type LinkRow, type PipelineScope, provenanceOf } from './scope.ts';

export async function upsertProduct(
  scope: PipelineScope,
  externalId: string,
  fields: ProductFields,
  changedAt: Date | null,
  link: LinkRow | undefined,
): Promise<Applied> {
  const columns = {
    name: clean(fields.name) ?? clean(fields.sku) ?? 'Unnamed product',
    sku: clean(fields.sku),
    description: clean(fields.description),
    category: clean(fields.category),
    price: fields.price ?? null,
    cost: fields.cost ?? null,
    currency: fields.currency,
    stockQty: fields.stock_qty ?? null,
    reorderLevel: fields.reorder_level ?? null,
    barcode: clean(fields.barcode),
    unit: clean(fields.unit),
  };
  let existingId = link?.recordId ?? null;
  let matchedId: string | null = null;
  if (!existingId && columns.sku && scope.rules.merge_products_by_sku) {
    const [row] = await scope.tx
      .select({ id: products.id })
      .from(products)
      .where(
        and(
          eq(products.tenantId, scope.tenant.id),
          eq(products.sku, columns.sku),
          isNull(products.mergedInto),
        ),
      )
      .limit(1);
    matchedId = row?.id ?? null;
    if (matchedId && !scope.rules.ask_before_merge) existingId = matchedId;
  }
  if (existingId) {
    const [existing] = await scope.tx
      .select()
      .from(products)
      .where(and(eq(products.id, existingId), eq(products.tenantId, scope.tenant.id)));
    if (existing) {
      const result = await reconcile(scope, {
        entity: 'product',
        table: products,
        existing,
        incoming: columns,
        link,
        externalId,
        changedAt,
      });
      if (result.changed.includes('stockQty'))
        await emitEvent(scope.tx, scope.tenant.id, 'stock.changed', {
          product_id: existing.id,
          sku: existing.sku,
          from: existing.stockQty,
          to: columns.stockQty,
          source: scope.connection.connector,
        });
      return { recordId: existing.id, outcome: result.outcome };
    }
  }
  const [created] = await scope.tx
    .insert(products)
    .values({
      tenantId: scope.tenant.id,
      ...columns,
      ...provenanceOf(scope, externalId, changedAt),
    })
    .onConflictDoNothing()
    .returning({ id: products.id });
  if (!created) return { recordId: null, outcome: 'unchanged' };
  await emitEvent(scope.tx, scope.tenant.id, 'product.created', {
    product_id: created.id,
    sku: columns.sku,
    name: columns.name,
    source: scope.connection.connector,
  });
  if (matchedId) {
    await queueMergeReview(scope, 'product', created.id, matchedId, externalId, 'sku');
    return { recordId: created.id, outcome: 'review' };
  }
  return { recordId: created.id, outcome: 'created' };
}
