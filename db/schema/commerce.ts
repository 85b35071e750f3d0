/** The canonical business entities (DESIGN.md §3), each with provenance. */
import { sql } from 'drizzle-orm';
import {
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, emptyTextArray, id, minorUnits, provenance, tenantId, updatedAt } from './columns.ts';

export const customers = pgTable(
  'customers',
  {
    id: id(),
    tenantId: tenantId(),
    fullName: text('full_name').notNull(),
    firstName: text('first_name'),
    lastName: text('last_name'),
    phone: text('phone'),
    email: text('email'),
    company: text('company'),
    street: text('street'),
    city: text('city'),
    region: text('region'),
    postalCode: text('postal_code'),
    country: text('country'),
    tags: text('tags').array().notNull().default(emptyTextArray),
    notes: text('notes'),
    /** Set when this record was merged into another; merged records are hidden from lists. */
    mergedInto: uuid('merged_into'),
    ...provenance(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [
    index('customers_tenant_name_idx').on(table.tenantId, table.fullName),
    index('customers_tenant_phone_idx').on(table.tenantId, table.phone),
    index('customers_tenant_email_idx').on(table.tenantId, table.email),
    uniqueIndex('customers_external_uq').on(table.tenantId, table.sourceId, table.externalId),
  ],
);

export const products = pgTable(
  'products',
  {
    id: id(),
    tenantId: tenantId(),
    sku: text('sku'),
    name: text('name').notNull(),
    description: text('description'),
    category: text('category'),
    price: minorUnits('price'),
    cost: minorUnits('cost'),
    currency: text('currency').notNull(),
    stockQty: numeric('stock_qty', { mode: 'number' }),
    reorderLevel: numeric('reorder_level', { mode: 'number' }),
    barcode: text('barcode'),
    unit: text('unit'),
    mergedInto: uuid('merged_into'),
    ...provenance(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [
    index('products_tenant_sku_idx').on(table.tenantId, table.sku),
    index('products_tenant_name_idx').on(table.tenantId, table.name),
    uniqueIndex('products_external_uq').on(table.tenantId, table.sourceId, table.externalId),
  ],
);

export const invoiceStatuses = ['draft', 'open', 'paid', 'void'] as const;

export const invoices = pgTable(
  'invoices',
  {
    id: id(),
    tenantId: tenantId(),
    number: text('number').notNull(),
    customerId: uuid('customer_id').references(() => customers.id, { onDelete: 'set null' }),
    issueDate: date('issue_date', { mode: 'string' }).notNull(),
    dueDate: date('due_date', { mode: 'string' }),
    total: minorUnits('total').notNull(),
    amountPaid: minorUnits('amount_paid').notNull().default(0),
    /** Derived in the database so it can never disagree with total and amount paid. */
    balance: minorUnits('balance').generatedAlwaysAs(sql`total - amount_paid`),
    currency: text('currency').notNull(),
    status: text('status', { enum: invoiceStatuses }).notNull().default('open'),
    ...provenance(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [
    index('invoices_tenant_number_idx').on(table.tenantId, table.number),
    index('invoices_tenant_customer_idx').on(table.tenantId, table.customerId),
    index('invoices_open_idx')
      .on(table.tenantId, table.customerId)
      .where(sql`status = 'open' and total > amount_paid`),
    index('invoices_tenant_issue_idx').on(table.tenantId, table.issueDate),
    uniqueIndex('invoices_external_uq').on(table.tenantId, table.sourceId, table.externalId),
  ],
);

export const invoiceLines = pgTable(
  'invoice_lines',
  {
    id: id(),
    tenantId: tenantId(),
    invoiceId: uuid('invoice_id')
      .notNull()
      .references(() => invoices.id, { onDelete: 'cascade' }),
    productId: uuid('product_id').references(() => products.id, { onDelete: 'set null' }),
    description: text('description').notNull(),
    quantity: numeric('quantity', { mode: 'number' }).notNull(),
    unitPrice: minorUnits('unit_price').notNull(),
    total: minorUnits('total').notNull(),
  },
  (table) => [index('invoice_lines_invoice_idx').on(table.invoiceId)],
);

export const payments = pgTable(
  'payments',
  {
    id: id(),
    tenantId: tenantId(),
    reference: text('reference'),
    customerId: uuid('customer_id').references(() => customers.id, { onDelete: 'set null' }),
    payerName: text('payer_name'),
    phone: text('phone'),
    amount: minorUnits('amount').notNull(),
    currency: text('currency').notNull(),
    paidAt: timestamp('paid_at', { withTimezone: true }).notNull(),
    method: text('method'),
    /** The invoice number the payer named, when they named one. */
    invoiceNumber: text('invoice_number'),
    ...provenance(),
    createdAt: createdAt(),
  },
  (table) => [
    index('payments_tenant_customer_idx').on(table.tenantId, table.customerId, table.paidAt),
    index('payments_tenant_paid_idx').on(table.tenantId, table.paidAt),
    index('payments_tenant_reference_idx').on(table.tenantId, table.reference),
    uniqueIndex('payments_external_uq').on(table.tenantId, table.sourceId, table.externalId),
  ],
);

/** How a payment was spread over invoices (oldest first). */
export const paymentAllocations = pgTable(
  'payment_allocations',
  {
    id: id(),
    tenantId: tenantId(),
    paymentId: uuid('payment_id')
      .notNull()
      .references(() => payments.id, { onDelete: 'cascade' }),
    invoiceId: uuid('invoice_id')
      .notNull()
      .references(() => invoices.id, { onDelete: 'cascade' }),
    amount: minorUnits('amount').notNull(),
  },
  (table) => [
    index('payment_allocations_payment_idx').on(table.paymentId),
    index('payment_allocations_invoice_idx').on(table.invoiceId),
  ],
);

export const orders = pgTable(
  'orders',
  {
    id: id(),
    tenantId: tenantId(),
    number: text('number').notNull(),
    customerId: uuid('customer_id').references(() => customers.id, { onDelete: 'set null' }),
    orderedAt: timestamp('ordered_at', { withTimezone: true }).notNull(),
    total: minorUnits('total').notNull(),
    currency: text('currency').notNull(),
    status: text('status').notNull().default('open'),
    ...provenance(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [
    index('orders_tenant_ordered_idx').on(table.tenantId, table.orderedAt),
    uniqueIndex('orders_external_uq').on(table.tenantId, table.sourceId, table.externalId),
  ],
);

export const orderLines = pgTable(
  'order_lines',
  {
    id: id(),
    tenantId: tenantId(),
    orderId: uuid('order_id')
      .notNull()
      .references(() => orders.id, { onDelete: 'cascade' }),
    productId: uuid('product_id').references(() => products.id, { onDelete: 'set null' }),
    sku: text('sku'),
    description: text('description').notNull(),
    quantity: numeric('quantity', { mode: 'number' }).notNull(),
    unitPrice: minorUnits('unit_price').notNull(),
    total: minorUnits('total').notNull(),
  },
  (table) => [index('order_lines_order_idx').on(table.orderId)],
);

export const inventoryLevels = pgTable(
  'inventory_levels',
  {
    id: id(),
    tenantId: tenantId(),
    productId: uuid('product_id').references(() => products.id, { onDelete: 'cascade' }),
    sku: text('sku').notNull(),
    location: text('location').notNull().default('main'),
    quantity: numeric('qty', { mode: 'number' }).notNull(),
    ...provenance(),
    updatedAt: updatedAt(),
  },
  (table) => [uniqueIndex('inventory_levels_sku_location_uq').on(table.tenantId, table.sku, table.location)],
);

export const expenses = pgTable(
  'expenses',
  {
    id: id(),
    tenantId: tenantId(),
    date: date('date', { mode: 'string' }).notNull(),
    category: text('category'),
    description: text('description'),
    amount: minorUnits('amount').notNull(),
    currency: text('currency').notNull(),
    vendor: text('vendor'),
    ...provenance(),
    createdAt: createdAt(),
  },
  (table) => [index('expenses_tenant_date_idx').on(table.tenantId, table.date)],
);

export const leads = pgTable(
  'leads',
  {
    id: id(),
    tenantId: tenantId(),
    fullName: text('full_name').notNull(),
    firstName: text('first_name'),
    lastName: text('last_name'),
    email: text('email'),
    phone: text('phone'),
    company: text('company'),
    source: text('source'),
    campaign: text('campaign'),
    status: text('status').notNull().default('new'),
    score: integer('score'),
    ...provenance(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [index('leads_tenant_created_idx').on(table.tenantId, table.createdAt)],
);

/** Calls, messages, notes and follow-ups about a customer or lead. */
export const activities = pgTable(
  'activities',
  {
    id: id(),
    tenantId: tenantId(),
    customerId: uuid('customer_id').references(() => customers.id, { onDelete: 'cascade' }),
    leadId: uuid('lead_id').references(() => leads.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    summary: text('summary').notNull(),
    dueAt: timestamp('due_at', { withTimezone: true }),
    data: jsonb('data'),
    ...provenance(),
    createdAt: createdAt(),
  },
  (table) => [index('activities_tenant_customer_idx').on(table.tenantId, table.customerId)],
);
