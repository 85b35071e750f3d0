/**
 * Shopify payloads → canonical records. The GraphQL sync and the REST-shaped webhooks describe the
 * same objects with different spellings; both map to the same externalIds (Shopify's numeric ids, the
 * last segment of a `gid://`) so a webhook and a later sync update one record, not two.
 *
 * Products are one canonical product per variant: what a shop sells, counts and prices is the
 * variant (SKU, price, stock), and a product without options has exactly one "Default Title" variant.
 */
import type { z } from 'zod';
import { parseAmount } from '../../core/money.ts';
import type { OrderLine, RecordOf, SyncRecord } from '../../sync/records.ts';
import type {
  CustomerNode,
  InventoryItemNode,
  OrderNode,
  ProductNode,
  restCustomer,
  restInventoryLevel,
  restOrder,
  restProduct,
  VariantNode,
} from './schemas.ts';

/** `gid://shopify/Order/5778129698843` → `5778129698843`; numeric ids pass through. */
export function legacyId(id: string | number): string {
  const text = String(id);
  return text.slice(text.lastIndexOf('/') + 1).split('?')[0] ?? text;
}

export function gid(type: string, id: string): string {
  return id.startsWith('gid://') ? id : `gid://shopify/${type}/${id}`;
}

const date = (value: string | null | undefined): Date | null => (value ? new Date(value) : null);

function fullName(...parts: (string | null | undefined)[]): string {
  return parts
    .filter((part): part is string => Boolean(part?.trim()))
    .join(' ')
    .trim();
}

/**
 * open | completed | cancelled | refunded. Cancelled and voided orders are cancelled; a fully
 * refunded one is refunded; fulfilled is completed; everything else (pending, paid but not yet
 * shipped, partly fulfilled) is still open. Both spellings: GraphQL enums and REST lower case.
 */
export function orderStatus(
  financial: string | null | undefined,
  fulfillment: string | null | undefined,
  cancelledAt: string | null | undefined,
): string {
  const money = financial?.toUpperCase();
  if (cancelledAt || money === 'VOIDED') return 'cancelled';
  if (money === 'REFUNDED') return 'refunded';
  if (fulfillment?.toUpperCase() === 'FULFILLED') return 'completed';
  return 'open';
}

function line(sku: string | null | undefined, title: string, quantity: number, unitPrice: number): OrderLine {
  return {
    sku: sku || null,
    description: title,
    quantity,
    unit_price: unitPrice,
    total: unitPrice * quantity,
  };
}

export function orderFromNode(node: OrderNode): RecordOf<'order'> {
  const { amount, currencyCode } = node.totalPriceSet.shopMoney;
  const customer = node.customer;
  return {
    entity: 'order',
    externalId: legacyId(node.id),
    changedAt: date(node.updatedAt),
    raw: node,
    fields: {
      number: node.name,
      ordered_at: new Date(node.processedAt ?? node.createdAt),
      total: parseAmount(amount, currencyCode),
      currency: currencyCode,
      status: orderStatus(node.displayFinancialStatus, node.displayFulfillmentStatus, node.cancelledAt),
      customer:
        customer || node.email || node.phone
          ? {
              externalId: customer ? legacyId(customer.id) : null,
              full_name: customer?.displayName ?? (fullName(customer?.firstName, customer?.lastName) || null),
              email: node.email ?? null,
              phone: node.phone ?? null,
            }
          : null,
      lines: node.lineItems.nodes.map((item) => {
        const unit = item.originalUnitPriceSet.shopMoney;
        return line(item.sku, item.title, item.quantity, parseAmount(unit.amount, unit.currencyCode));
      }),
    },
  };
}

export function customerFromNode(node: CustomerNode): RecordOf<'customer'> {
  const email = node.defaultEmailAddress?.emailAddress ?? null;
  const phone = node.defaultPhoneNumber?.phoneNumber ?? null;
  const address = node.defaultAddress;
  return {
    entity: 'customer',
    externalId: legacyId(node.id),
    changedAt: date(node.updatedAt),
    raw: node,
    fields: {
      full_name: fullName(node.firstName, node.lastName) || node.displayName || email || phone || '',
      first_name: node.firstName ?? null,
      last_name: node.lastName ?? null,
      email,
      phone,
      company: address?.company ?? null,
      street: fullName(address?.address1, address?.address2) || null,
      city: address?.city ?? null,
      region: address?.province ?? null,
      postal_code: address?.zip ?? null,
      country: address?.country ?? null,
      ...(node.tags ? { tags: node.tags } : {}),
      notes: node.note ?? null,
    },
  };
}

/** "Kanga – Red" for a variant; just "Kanga" for the single "Default Title" variant. */
export function variantName(productTitle: string, variantTitle: string): string {
  return variantTitle === 'Default Title' || !variantTitle
    ? productTitle
    : `${productTitle} – ${variantTitle}`;
}

interface ProductPart {
  id: string;
  title: string;
  productType?: string | null | undefined;
  updatedAt?: string | null | undefined;
}

export function productFromVariant(
  product: ProductPart,
  variant: VariantNode,
  currency: string,
): RecordOf<'product'> {
  const changed = [date(variant.updatedAt), date(product.updatedAt)].filter(
    (value): value is Date => value !== null,
  );
  return {
    entity: 'product',
    externalId: legacyId(variant.id),
    changedAt: changed.length ? new Date(Math.max(...changed.map(Number))) : null,
    raw: { product: { id: product.id, title: product.title }, variant },
    fields: {
      name: variantName(product.title, variant.title),
      sku: variant.sku || null,
      category: product.productType || null,
      price: variant.price != null ? parseAmount(variant.price, currency) : null,
      currency,
      stock_qty: variant.inventoryQuantity ?? null,
      barcode: variant.barcode || null,
    },
  };
}

export function productsFromNode(node: ProductNode, currency: string): RecordOf<'product'>[] {
  return node.variants.nodes.map((variant) => productFromVariant(node, variant, currency));
}

/** Inventory records are per (inventory item, location); items without a SKU are skipped. */
export function inventoryKey(inventoryItemId: string, locationId: string): string {
  return `${legacyId(inventoryItemId)}:${legacyId(locationId)}`;
}

export function inventoryFromNode(node: InventoryItemNode): RecordOf<'inventory'>[] {
  if (!node.sku) return [];
  const sku = node.sku;
  return node.inventoryLevels.nodes.map((level) => ({
    entity: 'inventory',
    externalId: inventoryKey(node.id, level.location.id),
    changedAt: date(level.updatedAt ?? node.updatedAt),
    raw: { inventoryItem: node.id, level },
    fields: {
      sku,
      location: level.location.name,
      qty: level.quantities.find((quantity) => quantity.name === 'available')?.quantity ?? 0,
    },
  }));
}

// --- webhooks (REST shapes) ----------------------------------------------------------------------

export function orderFromWebhook(order: z.output<typeof restOrder>): RecordOf<'order'> {
  const currency = order.currency;
  const customer = order.customer;
  return {
    entity: 'order',
    externalId: legacyId(order.id),
    changedAt: date(order.updated_at ?? order.created_at),
    raw: order,
    fields: {
      number: order.name,
      ordered_at: new Date(order.processed_at ?? order.created_at),
      total: parseAmount(order.total_price, currency),
      currency,
      status: orderStatus(order.financial_status, order.fulfillment_status, order.cancelled_at),
      customer:
        customer || order.email || order.phone
          ? {
              externalId: customer ? legacyId(customer.id) : null,
              full_name: fullName(customer?.first_name, customer?.last_name) || null,
              email: order.email ?? customer?.email ?? null,
              phone: order.phone ?? customer?.phone ?? null,
            }
          : null,
      lines: order.line_items.map((item) =>
        line(item.sku, item.title, item.quantity, parseAmount(item.price, currency)),
      ),
    },
  };
}

export function customerFromWebhook(customer: z.output<typeof restCustomer>): RecordOf<'customer'> {
  const address = customer.default_address;
  const tags =
    typeof customer.tags === 'string'
      ? customer.tags
          .split(',')
          .map((tag) => tag.trim())
          .filter(Boolean)
      : customer.tags;
  return {
    entity: 'customer',
    externalId: legacyId(customer.id),
    changedAt: date(customer.updated_at),
    raw: customer,
    fields: {
      full_name: fullName(customer.first_name, customer.last_name) || customer.email || customer.phone || '',
      first_name: customer.first_name ?? null,
      last_name: customer.last_name ?? null,
      email: customer.email ?? null,
      phone: customer.phone ?? null,
      company: address?.company ?? null,
      street: fullName(address?.address1, address?.address2) || null,
      city: address?.city ?? null,
      region: address?.province ?? null,
      postal_code: address?.zip ?? null,
      country: address?.country ?? null,
      // Absent since API 2025-01 (tags moved to their own topics): leave the stored tags alone.
      ...(tags ? { tags } : {}),
      notes: customer.note ?? null,
    },
  };
}

/** Product webhooks carry prices without a currency: the caller passes the shop's (saved by setup). */
export function productsFromWebhook(
  product: z.output<typeof restProduct>,
  currency: string,
): RecordOf<'product'>[] {
  const part = {
    id: product.id,
    title: product.title,
    productType: product.product_type,
    updatedAt: product.updated_at,
  };
  return product.variants.map((variant) =>
    productFromVariant(
      part,
      {
        id: variant.id,
        title: variant.title,
        sku: variant.sku,
        price: variant.price,
        barcode: variant.barcode,
        inventoryQuantity: variant.inventory_quantity,
        updatedAt: variant.updated_at,
      },
      currency,
    ),
  );
}

export function inventoryKeyFromWebhook(level: z.output<typeof restInventoryLevel>): string {
  return inventoryKey(level.inventory_item_id, level.location_id);
}

export function deletedRecord(entity: SyncRecord['entity'], id: string, raw: unknown): SyncRecord {
  return { entity, externalId: legacyId(id), deleted: true, raw };
}
