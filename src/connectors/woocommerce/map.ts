/**
 * WooCommerce payloads to canonical records. Money strings become integer minor units of the order's
 * (or the shop's) currency without passing through a float; `*_gmt` dates are UTC without an offset,
 * so a `Z` is added before parsing.
 */
import { parseAmount } from '../../core/money.ts';
import type { OrderLine, PartyRef, RecordOf } from '../../sync/records.ts';
import type { WooAddress, WooCustomer, WooOrder, WooProduct, WooVariation } from './schemas.ts';

/** A WooCommerce `*_gmt` date (`2017-03-22T16:28:02`) as an instant. */
export function gmt(value: string | null | undefined): Date | null {
  if (!value) return null;
  const instant = new Date(/(Z|[+-]\d\d:?\d\d)$/.test(value) ? value : `${value}Z`);
  return Number.isNaN(instant.getTime()) ? null : instant;
}

/** WooCommerce sends empty strings for unset fields. */
function blank(value: string | null | undefined): string | null {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
}

function joinName(...parts: (string | null | undefined)[]): string | null {
  return blank(
    parts
      .map((part) => part?.trim() ?? '')
      .filter(Boolean)
      .join(' '),
  );
}

/**
 * WooCommerce's order statuses in Kiungo's four. Statuses added by plugins ("shipped", "ready for
 * pickup") are orders still in progress, so they count as open; the raw status stays in `raw`.
 */
export const orderStatuses: Record<string, string> = {
  pending: 'open',
  processing: 'open',
  'on-hold': 'open',
  completed: 'completed',
  cancelled: 'cancelled',
  failed: 'cancelled',
  trash: 'cancelled',
  refunded: 'refunded',
};

/** Block checkout's unfinished carts: not orders yet, so never synced. */
const notYetOrders = new Set(['checkout-draft']);

function amount(value: string | number | null | undefined, currency: string): number | null {
  if (value === null || value === undefined || value === '') return null;
  return parseAmount(value, currency);
}

function party(order: WooOrder): PartyRef | null {
  const billing: Partial<WooAddress> = order.billing ?? {};
  const ref: PartyRef = {
    externalId: order.customer_id > 0 ? String(order.customer_id) : null,
    full_name: joinName(billing.first_name, billing.last_name) ?? blank(billing.company),
    email: blank(billing.email),
    phone: blank(billing.phone),
  };
  return ref.externalId || ref.full_name || ref.email || ref.phone ? ref : null;
}

/**
 * One order, or null for a block-checkout draft. Line amounts are WooCommerce's own: before tax and
 * after discounts; the order total includes tax and shipping.
 */
export function mapOrder(order: WooOrder): RecordOf<'order'> | null {
  if (notYetOrders.has(order.status)) return null;
  const currency = order.currency.toUpperCase();
  const lines: OrderLine[] = order.line_items.map((line) => {
    const total = parseAmount(line.total, currency);
    const unit = amount(line.price, currency);
    return {
      sku: blank(line.sku),
      description: line.name,
      quantity: line.quantity,
      unit_price: unit ?? (line.quantity ? Math.round(total / line.quantity) : total),
      total,
    };
  });
  const orderedAt = gmt(order.date_created_gmt);
  if (!orderedAt) throw new Error(`Order ${order.id} has no creation date`);
  return {
    entity: 'order',
    externalId: String(order.id),
    changedAt: gmt(order.date_modified_gmt),
    fields: {
      number: order.number,
      ordered_at: orderedAt,
      total: parseAmount(order.total, currency),
      currency,
      status: orderStatuses[order.status] ?? 'open',
      customer: party(order),
      lines,
    },
    raw: order,
  };
}

export function mapCustomer(customer: WooCustomer): RecordOf<'customer'> {
  const billing: Partial<WooAddress> = customer.billing ?? {};
  const shipping: Partial<WooAddress> = customer.shipping ?? {};
  // The account's own names first; a customer who never filled them in still has billing ones.
  const firstName = blank(customer.first_name) ?? blank(billing.first_name);
  const lastName = blank(customer.last_name) ?? blank(billing.last_name);
  const address = blank(billing.address_1) || blank(billing.city) ? billing : shipping;
  const email = blank(customer.email) ?? blank(billing.email);
  return {
    entity: 'customer',
    externalId: String(customer.id),
    changedAt: gmt(customer.date_modified_gmt) ?? gmt(customer.date_created_gmt),
    fields: {
      full_name:
        joinName(firstName, lastName) ??
        blank(billing.company) ??
        email ??
        blank(customer.username) ??
        `WooCommerce customer ${customer.id}`,
      first_name: firstName,
      last_name: lastName,
      phone: blank(billing.phone) ?? blank(shipping.phone),
      email,
      company: blank(billing.company),
      street: joinName(address.address_1, address.address_2),
      city: blank(address.city),
      region: blank(address.state),
      postal_code: blank(address.postcode),
      country: blank(address.country),
    },
    raw: customer,
  };
}

function plainText(html: string | null | undefined): string | null {
  return blank(html?.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' '));
}

/**
 * A sellable product: simple and external products as they are, a variation with its parent's name
 * and category. Grouped products and variable parents are containers, not things sold: null.
 */
export function mapProduct(product: WooProduct, currency: string): RecordOf<'product'> | null {
  if (product.type === 'grouped' || product.type === 'variable') return null;
  return {
    entity: 'product',
    externalId: String(product.id),
    changedAt: gmt(product.date_modified_gmt),
    fields: {
      name: product.name,
      sku: blank(product.sku),
      description: plainText(product.short_description) ?? plainText(product.description),
      category: product.categories[0]?.name ?? null,
      price: amount(product.price, currency),
      cost: amount(product.cost_of_goods_sold?.total_value, currency),
      currency,
      stock_qty: product.stock_quantity ?? null,
      barcode: blank(product.global_unique_id),
    },
    raw: product,
  };
}

/** A variation of a variable product, read from `products/<parent>/variations`. */
export function mapVariation(
  variation: WooVariation,
  parent: WooProduct,
  currency: string,
): RecordOf<'product'> {
  const options = variation.attributes.map((attribute) => blank(attribute.option)).filter(Boolean);
  return {
    entity: 'product',
    externalId: String(variation.id),
    changedAt: gmt(variation.date_modified_gmt),
    fields: {
      name:
        blank(variation.name) ?? (options.length ? `${parent.name} - ${options.join(', ')}` : parent.name),
      // An empty variation SKU shows the parent's in WooCommerce; copying it would merge variations.
      sku: blank(variation.sku),
      description: plainText(variation.description),
      category: parent.categories[0]?.name ?? null,
      price: amount(variation.price, currency),
      cost: amount(variation.cost_of_goods_sold?.total_value, currency),
      currency,
      stock_qty: variation.stock_quantity ?? null,
      barcode: blank(variation.global_unique_id),
    },
    raw: { ...variation, parent_id: parent.id },
  };
}
