/**
 * A validated custom webhook body to canonical records: amounts to integer minor units with
 * `parseAmount` (exact, no floats), instants to `Date`s, the POS's ids to external ids.
 */
import type { z } from 'zod';
import { parseAmount } from '../../core/money.ts';
import type { RecordOf, SyncEntity, SyncRecord } from '../../sync/records.ts';
import type {
  customerInput,
  EventType,
  inventoryInput,
  orderInput,
  paymentInput,
  productInput,
} from './schema.ts';
import { eventTypes } from './schema.ts';

type Amount = string | number;

const blank = (value: string | null | undefined): string | null => (value ? value : null);
const changedAt = (value: string | undefined) => (value ? new Date(value) : null);

function money(value: Amount | null | undefined, currency: string): number | null {
  return value === null || value === undefined ? null : parseAmount(value, currency);
}

function customer(input: z.output<typeof customerInput>): RecordOf<'customer'> {
  const fullName = blank(input.full_name) ?? [input.first_name, input.last_name].filter(Boolean).join(' ');
  return {
    entity: 'customer',
    externalId: String(input.id),
    changedAt: changedAt(input.updated_at),
    fields: {
      full_name: fullName,
      first_name: blank(input.first_name),
      last_name: blank(input.last_name),
      phone: blank(input.phone),
      email: blank(input.email),
      company: blank(input.company),
      street: blank(input.street),
      city: blank(input.city),
      region: blank(input.region),
      postal_code: blank(input.postal_code),
      country: blank(input.country),
      ...(input.tags ? { tags: input.tags } : {}),
      notes: blank(input.notes),
    },
    raw: input,
  };
}

function product(input: z.output<typeof productInput>): RecordOf<'product'> {
  const currency = input.currency.toUpperCase();
  return {
    entity: 'product',
    externalId: String(input.id),
    changedAt: changedAt(input.updated_at),
    fields: {
      name: input.name,
      sku: blank(input.sku),
      description: blank(input.description),
      category: blank(input.category),
      price: money(input.price, currency),
      cost: money(input.cost, currency),
      currency,
      stock_qty: input.stock_qty ?? null,
      reorder_level: input.reorder_level ?? null,
      barcode: blank(input.barcode),
      unit: blank(input.unit),
    },
    raw: input,
  };
}

function order(input: z.output<typeof orderInput>, defaultStatus: string | undefined): RecordOf<'order'> {
  const currency = input.currency.toUpperCase();
  const lines = (input.lines ?? []).map((line) => {
    const unitPrice = parseAmount(line.unit_price, currency);
    return {
      sku: blank(line.sku),
      description: blank(line.description) ?? line.sku ?? '',
      quantity: line.quantity,
      unit_price: unitPrice,
      total:
        line.total === undefined ? Math.round(unitPrice * line.quantity) : parseAmount(line.total, currency),
    };
  });
  const buyer = input.customer;
  return {
    entity: 'order',
    externalId: String(input.id),
    changedAt: changedAt(input.updated_at),
    fields: {
      number: String(input.number ?? input.id),
      ordered_at: new Date(input.ordered_at),
      total:
        input.total === undefined
          ? lines.reduce((sum, line) => sum + line.total, 0)
          : parseAmount(input.total, currency),
      currency,
      status: input.status ?? defaultStatus ?? 'open',
      customer: buyer
        ? {
            externalId: buyer.id === undefined ? null : String(buyer.id),
            full_name: blank(buyer.full_name),
            email: blank(buyer.email),
            phone: blank(buyer.phone),
          }
        : null,
      lines,
    },
    raw: input,
  };
}

function payment(input: z.output<typeof paymentInput>): RecordOf<'payment'> {
  const currency = input.currency.toUpperCase();
  return {
    entity: 'payment',
    externalId: String(input.id),
    changedAt: changedAt(input.updated_at),
    fields: {
      reference: blank(input.reference),
      payer_name: blank(input.payer_name),
      phone: blank(input.phone),
      amount: parseAmount(input.amount, currency),
      currency,
      paid_at: new Date(input.paid_at),
      method: blank(input.method),
      invoice_number: blank(input.invoice_number),
    },
    raw: input,
  };
}

function inventory(input: z.output<typeof inventoryInput>): RecordOf<'inventory'> {
  const location = blank(input.location) ?? 'main';
  return {
    entity: 'inventory',
    externalId: input.id === undefined ? `${input.sku}@${location}` : String(input.id),
    changedAt: changedAt(input.updated_at),
    fields: { sku: input.sku, location, qty: input.qty },
    raw: input,
  };
}

/** One validated item of an event's `data` as a canonical record. */
export function toRecord(type: EventType, item: unknown): SyncRecord {
  const event = eventTypes[type];
  const entity: SyncEntity = event.entity;
  if (type.endsWith('.deleted'))
    return { entity, externalId: String((item as { id: string | number }).id), deleted: true };
  switch (entity) {
    case 'customer':
      return customer(item as z.output<typeof customerInput>);
    case 'product':
      return product(item as z.output<typeof productInput>);
    case 'order':
      return order(item as z.output<typeof orderInput>, event.status);
    case 'payment':
      return payment(item as z.output<typeof paymentInput>);
    case 'inventory':
      return inventory(item as z.output<typeof inventoryInput>);
  }
}
