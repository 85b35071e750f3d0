/**
 * The body a shop's own POS or website posts to Kiungo: `{ "type": "<event>", "data": { … } }`, or a
 * batch `{ "type", "data": [ … ] }` of up to 500 records of that type. Field names are Kiungo's
 * canonical ones (DESIGN.md §3). Money is in major units, as a decimal string ("2400000.50") or a
 * number (2400000.5), with its ISO 4217 `currency`; instants are ISO 8601 with a time zone.
 *
 * These schemas describe the input only (no transforms), so `z.toJSONSchema(customWebhookBody)` can
 * feed the docs and an OpenAPI description; `map.ts` turns a parsed body into canonical records.
 * See docs/custom-webhook.md.
 */
import { z } from 'zod';
import { minorDigits } from '../../core/money.ts';

export const maxBatch = 500;

const id = z
  .union([z.string().trim().min(1).max(200), z.number().int().nonnegative()], {
    error: 'the record’s id in your system: text or a whole number',
  })
  .describe('The record’s id in your system; Kiungo uses it to recognise the record later');

const text = (max = 500) => z.string().trim().max(max).nullish();

const amountMessage = 'an amount in major units: a decimal string such as "2400000.50" or a number';
const amount = z
  .union(
    [
      z
        .string()
        .trim()
        .regex(/^-?\d{1,15}(\.\d+)?$/, amountMessage),
      z
        .number({ error: amountMessage })
        .finite(amountMessage)
        .min(-1e15, amountMessage)
        .max(1e15, amountMessage),
    ],
    { error: amountMessage },
  )
  .describe('Major units (shillings, not cents), as a decimal string or a number');

/**
 * ISO 4217 codes the runtime knows. Not `isCurrencyCode` from core/money: Intl formats any three
 * letters, so it takes "KSH" or "TSH", which a POS may well send.
 */
const knownCurrencies = new Set(Intl.supportedValuesOf('currency'));
const isKnownCurrency = (code: unknown): code is string =>
  typeof code === 'string' && knownCurrencies.has(code.toUpperCase());

const currency = z
  .string({ error: 'an ISO 4217 currency code such as "TZS" or "KES"' })
  .refine(isKnownCurrency, 'an ISO 4217 currency code such as "TZS" or "KES"')
  .describe('ISO 4217 code');

const instant = z.iso.datetime({
  offset: true,
  error: 'an ISO 8601 date and time with a time zone, such as "2026-11-23T09:00:00+03:00"',
});

const updatedAt = instant.optional().describe('When your system last changed the record');

const quantity = z.number({ error: 'a number' }).finite();

function decimalsOf(value: string | number): number {
  const plain =
    typeof value === 'number'
      ? value.toLocaleString('en-US', { useGrouping: false, maximumFractionDigits: 20 })
      : value;
  return plain.split('.')[1]?.length ?? 0;
}

/** Amounts may not have more decimals than their currency (KES 2, UGX 0): rounding would be a guess. */
function checkDecimals(
  context: z.RefinementCtx,
  code: unknown,
  amounts: readonly [path: (string | number)[], value: unknown][],
): void {
  if (!isKnownCurrency(code)) return;
  const digits = minorDigits(code);
  for (const [path, value] of amounts) {
    if ((typeof value === 'string' || typeof value === 'number') && decimalsOf(value) > digits)
      context.addIssue({
        code: 'custom',
        path,
        message: `${code.toUpperCase()} amounts have at most ${digits} decimals`,
      });
  }
}

export const customerInput = z
  .object({
    id,
    full_name: text(200),
    first_name: text(100),
    last_name: text(100),
    phone: text(40),
    email: text(200),
    company: text(200),
    street: text(),
    city: text(100),
    region: text(100),
    postal_code: text(20),
    country: text(60),
    tags: z.array(z.string().trim().min(1).max(60)).max(50).optional(),
    notes: text(5000),
    updated_at: updatedAt,
  })
  .refine((customer) => customer.full_name || customer.first_name || customer.last_name, {
    path: ['full_name'],
    message: 'a customer needs full_name, or first_name and last_name',
  });

export const productInput = z
  .object({
    id,
    sku: text(100),
    name: z.string({ error: 'the product name' }).trim().min(1).max(300),
    description: text(5000),
    category: text(200),
    price: amount.nullish(),
    cost: amount.nullish(),
    currency,
    stock_qty: quantity.nullish(),
    reorder_level: quantity.nullish(),
    barcode: text(100),
    unit: text(40),
    updated_at: updatedAt,
  })
  .superRefine((product, context) =>
    checkDecimals(context, product.currency, [
      [['price'], product.price],
      [['cost'], product.cost],
    ]),
  );

export const orderStatuses = ['open', 'completed', 'cancelled', 'refunded'] as const;

const orderLine = z
  .object({
    sku: text(100),
    description: text(500),
    quantity: quantity.refine((value) => value > 0, 'more than 0'),
    unit_price: amount,
    total: amount.optional().describe('Defaults to unit_price × quantity'),
  })
  .refine((line) => line.sku || line.description, {
    path: ['description'],
    message: 'each line needs a description or a sku',
  });

export const orderInput = z
  .object({
    id,
    number: z
      .union([z.string().trim().min(1).max(100), z.number().int()])
      .optional()
      .describe('Defaults to id'),
    customer: z
      .object({ id: id.optional(), full_name: text(200), email: text(200), phone: text(40) })
      .nullish()
      .describe('Who bought: `id` is the customer’s id in your system'),
    ordered_at: instant,
    total: amount.optional().describe('Defaults to the sum of the line totals'),
    currency,
    status: z.enum(orderStatuses, { error: `one of ${orderStatuses.join(', ')}` }).optional(),
    lines: z.array(orderLine).max(1000).optional(),
    updated_at: updatedAt,
  })
  .refine((order) => order.total !== undefined || (order.lines?.length ?? 0) > 0, {
    path: ['total'],
    message: 'an order needs a total, or lines to add up',
  })
  .superRefine((order, context) =>
    checkDecimals(context, order.currency, [
      [['total'], order.total],
      ...(order.lines ?? []).flatMap((line, index): [(string | number)[], unknown][] => [
        [['lines', index, 'unit_price'], line.unit_price],
        [['lines', index, 'total'], line.total],
      ]),
    ]),
  );

export const paymentInput = z
  .object({
    id,
    reference: text(100),
    payer_name: text(200),
    phone: text(40),
    amount,
    currency,
    paid_at: instant,
    method: text(60).describe('cash, M-Pesa, card, bank…'),
    invoice_number: text(100),
    updated_at: updatedAt,
  })
  .superRefine((payment, context) =>
    checkDecimals(context, payment.currency, [[['amount'], payment.amount]]),
  );

export const inventoryInput = z.object({
  id: id.optional().describe('Defaults to "<sku>@<location>"'),
  sku: z.string({ error: 'the product’s SKU' }).trim().min(1).max(100),
  location: text(100).describe('Defaults to "main"'),
  qty: quantity,
  updated_at: updatedAt,
});

export const deletedInput = z.object({ id });

/** Each event type: the records it carries, and the status an order gets when it states none. */
export const eventTypes = {
  'order.created': { entity: 'order', schema: orderInput, status: 'open' },
  'order.updated': { entity: 'order', schema: orderInput, status: undefined },
  'order.completed': { entity: 'order', schema: orderInput, status: 'completed' },
  'order.cancelled': { entity: 'order', schema: orderInput, status: 'cancelled' },
  'sale.completed': { entity: 'order', schema: orderInput, status: 'completed' },
  'order.deleted': { entity: 'order', schema: deletedInput, status: undefined },
  'customer.upserted': { entity: 'customer', schema: customerInput, status: undefined },
  'customer.deleted': { entity: 'customer', schema: deletedInput, status: undefined },
  'product.upserted': { entity: 'product', schema: productInput, status: undefined },
  'product.deleted': { entity: 'product', schema: deletedInput, status: undefined },
  'payment.received': { entity: 'payment', schema: paymentInput, status: undefined },
  'stock.updated': { entity: 'inventory', schema: inventoryInput, status: undefined },
} as const;

export type EventType = keyof typeof eventTypes;
export const eventTypeNames = Object.keys(eventTypes) as EventType[];

export const envelope = z.object({
  type: z.enum(eventTypeNames, { error: `one of ${eventTypeNames.join(', ')}` }),
  data: z.unknown().refine((data) => data !== undefined, 'a record, or a list of up to 500 records'),
});

/** The whole body as one schema, for docs and OpenAPI (parsing goes type first, for clearer errors). */
export const customWebhookBody = z.discriminatedUnion(
  'type',
  eventTypeNames.map((type) => {
    const schema = eventTypes[type].schema as z.ZodType;
    return z.object({ type: z.literal(type), data: z.union([schema, z.array(schema).min(1).max(maxBatch)]) });
  }) as unknown as [z.ZodObject<{ type: z.ZodLiteral<EventType> }>],
);
