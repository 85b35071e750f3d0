/**
 * Incoming orders with their lines. A sale that becomes completed can, by the business's rules,
 * create a paid invoice and take the sold quantities off stock: both happen once per order, because
 * they run only on the transition to completed, inside the same transaction that records it, and the
 * invoice is keyed by the order's external id.
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import { invoiceLines, invoices, orderLines, orders, products } from '../../../db/schema/index.ts';
import { dateInZone } from '../../core/time.ts';
import { emitEvent } from '../../events/outbox.ts';
import type { OrderFields } from '../records.ts';
import { customerForParty } from './customers.ts';
import type { Links } from './links.ts';
import { type Applied, type LinkRow, type PipelineScope, provenanceOf } from './scope.ts';

async function productIdsBySku(scope: PipelineScope, fields: OrderFields): Promise<Map<string, string>> {
  const skus = [...new Set(fields.lines.map((line) => line.sku).filter((sku): sku is string => !!sku))];
  if (skus.length === 0) return new Map();
  const rows = await scope.tx
    .select({ id: products.id, sku: products.sku })
    .from(products)
    .where(
      and(
        eq(products.tenantId, scope.tenant.id),
        inArray(products.sku, skus),
        sql`${products.mergedInto} is null`,
      ),
    );
  return new Map(rows.map((row) => [row.sku as string, row.id]));
}

async function writeLines(
  scope: PipelineScope,
  orderId: string,
  fields: OrderFields,
  productIds: Map<string, string>,
) {
  await scope.tx
    .delete(orderLines)
    .where(and(eq(orderLines.orderId, orderId), eq(orderLines.tenantId, scope.tenant.id)));
  if (fields.lines.length === 0) return;
  await scope.tx.insert(orderLines).values(
    fields.lines.map((line) => ({
      tenantId: scope.tenant.id,
      orderId,
      productId: line.sku ? (productIds.get(line.sku) ?? null) : null,
      sku: line.sku ?? null,
      description: line.description,
      quantity: line.quantity,
      unitPrice: line.unit_price,
      total: line.total,
    })),
  );
}

async function onCompleted(
  scope: PipelineScope,
  orderId: string,
  customerId: string | null,
  externalId: string,
  fields: OrderFields,
  productIds: Map<string, string>,
) {
  await emitEvent(scope.tx, scope.tenant.id, 'order.completed', {
    order_id: orderId,
    number: fields.number,
    total: fields.total,
    currency: fields.currency,
    source: scope.connection.connector,
  });
  if (scope.rules.invoice_from_pos_sale && scope.connection.category === 'pos') {
    const issueDate = dateInZone(fields.ordered_at, scope.tenant.timezone);
    const [invoice] = await scope.tx
      .insert(invoices)
      .values({
        tenantId: scope.tenant.id,
        number: fields.number,
        customerId,
        issueDate,
        dueDate: issueDate,
        total: fields.total,
        amountPaid: fields.total,
        currency: fields.currency,
        status: 'paid',
        sourceKind: 'connection',
        sourceId: scope.connection.id,
        externalId: `order:${externalId}`,
      })
      .onConflictDoNothing()
      .returning({ id: invoices.id });
    if (invoice) {
      if (fields.lines.length > 0)
        await scope.tx.insert(invoiceLines).values(
          fields.lines.map((line) => ({
            tenantId: scope.tenant.id,
            invoiceId: invoice.id,
            productId: line.sku ? (productIds.get(line.sku) ?? null) : null,
            description: line.description,
            quantity: line.quantity,
            unitPrice: line.unit_price,
            total: line.total,
          })),
        );
      await emitEvent(scope.tx, scope.tenant.id, 'invoice.created', {
        invoice_id: invoice.id,
        number: fields.number,
        total: fields.total,
        currency: fields.currency,
        from_order: orderId,
      });
    }
  }
  if (scope.rules.update_inventory_after_sale) {
    for (const line of fields.lines) {
      const productId = line.sku ? productIds.get(line.sku) : undefined;
      if (!productId) continue;
      const [updated] = await scope.tx
        .update(products)
        .set({
          stockQty: sql`coalesce(${products.stockQty}, 0) - ${line.quantity}`,
          updatedAt: scope.now,
          localChangedAt: scope.now,
        })
        .where(and(eq(products.id, productId), eq(products.tenantId, scope.tenant.id)))
        .returning({ stockQty: products.stockQty });
      scope.stockChanges?.push({ sku: line.sku as string, reference: `kiungo://orders/${orderId}` });
      await emitEvent(scope.tx, scope.tenant.id, 'stock.changed', {
        product_id: productId,
        sku: line.sku,
        change: -line.quantity,
        to: updated?.stockQty ?? null,
        reason: `order ${fields.number}`,
      });
    }
  }
}

export async function upsertOrder(
  scope: PipelineScope,
  externalId: string,
  fields: OrderFields,
  changedAt: Date | null,
  link: LinkRow | undefined,
  links: Links,
): Promise<Applied> {
  const customerId = await customerForParty(scope, fields.customer, links);
  const productIds = await productIdsBySku(scope, fields);
  const values = {
    number: fields.number,
    customerId,
    orderedAt: fields.ordered_at,
    total: fields.total,
    currency: fields.currency,
    status: fields.status,
    updatedAt: scope.now,
    remoteChangedAt: changedAt ?? scope.now,
  };
  const [existing] = link?.recordId
    ? await scope.tx
        .select({ id: orders.id, status: orders.status })
        .from(orders)
        .where(and(eq(orders.id, link.recordId), eq(orders.tenantId, scope.tenant.id)))
    : [];
  if (existing) {
    await scope.tx
      .update(orders)
      .set(values)
      .where(and(eq(orders.id, existing.id), eq(orders.tenantId, scope.tenant.id)));
    await writeLines(scope, existing.id, fields, productIds);
    if (fields.status === 'completed' && existing.status !== 'completed')
      await onCompleted(scope, existing.id, customerId, externalId, fields, productIds);
    return { recordId: existing.id, outcome: 'updated' };
  }
  const [created] = await scope.tx
    .insert(orders)
    .values({
      tenantId: scope.tenant.id,
      ...provenanceOf(scope, externalId, changedAt),
      ...values,
    })
    .onConflictDoUpdate({ target: [orders.tenantId, orders.sourceId, orders.externalId], set: values })
    .returning({ id: orders.id });
  if (!created) return { recordId: null, outcome: 'unchanged' };
  await writeLines(scope, created.id, fields, productIds);
  if (fields.status === 'completed')
    await onCompleted(scope, created.id, customerId, externalId, fields, productIds);
  return { recordId: created.id, outcome: 'created' };
}
