/**
 * The canonical records connectors hand to the sync engine. Field names are the canonical ones of
 * DESIGN.md §3; money is already in integer minor units of `currency`; instants are `Date`s. Phones
 * arrive as the vendor wrote them: the pipeline normalises them with the business's region.
 */

export type SyncEntity = 'customer' | 'product' | 'order' | 'payment' | 'inventory';
export const syncEntities: readonly SyncEntity[] = ['customer', 'product', 'order', 'payment', 'inventory'];

/** What a connection can be asked to sync; each stream yields records of one entity. */
export type Stream = 'customers' | 'products' | 'orders' | 'inventory' | 'payments';
export const streams: readonly Stream[] = ['customers', 'products', 'orders', 'inventory', 'payments'];

export const streamEntity: Record<Stream, SyncEntity> = {
  customers: 'customer',
  products: 'product',
  orders: 'order',
  inventory: 'inventory',
  payments: 'payment',
};

export interface CustomerFields {
  full_name: string;
  first_name?: string | null;
  last_name?: string | null;
  phone?: string | null;
  email?: string | null;
  company?: string | null;
  street?: string | null;
  city?: string | null;
  region?: string | null;
  postal_code?: string | null;
  country?: string | null;
  tags?: string[];
  notes?: string | null;
}

export interface ProductFields {
  name: string;
  sku?: string | null;
  description?: string | null;
  category?: string | null;
  price?: number | null;
  cost?: number | null;
  currency: string;
  stock_qty?: number | null;
  reorder_level?: number | null;
  barcode?: string | null;
  unit?: string | null;
}

/** Who placed an order or paid, as the vendor knows them. */
export interface PartyRef {
  externalId?: string | null;
  full_name?: string | null;
  email?: string | null;
  phone?: string | null;
}

export interface OrderLine {
  sku?: string | null;
  description: string;
  quantity: number;
  unit_price: number;
  total: number;
}

export interface OrderFields {
  number: string;
  ordered_at: Date;
  total: number;
  currency: string;
  /** open | completed | cancelled | refunded */
  status: string;
  customer?: PartyRef | null;
  lines: OrderLine[];
}

export interface PaymentFields {
  reference?: string | null;
  payer_name?: string | null;
  phone?: string | null;
  amount: number;
  currency: string;
  paid_at: Date;
  method?: string | null;
  /** The invoice or account the payer named (M-Pesa BillRefNumber / AccountReference). */
  invoice_number?: string | null;
}

export interface InventoryFields {
  sku: string;
  location: string;
  qty: number;
}

interface RecordBase {
  /** The record's id in the vendor's system: the key for change detection and provenance. */
  externalId: string;
  /** When the vendor last changed it; a reconciliation poll never overwrites fresher data with older. */
  changedAt?: Date | null;
  /** The vendor's payload, for field mappings that reach beyond the canonical fields. */
  raw?: unknown;
}

export type SyncRecord =
  | (RecordBase & { entity: 'customer'; fields: CustomerFields })
  | (RecordBase & { entity: 'product'; fields: ProductFields })
  | (RecordBase & { entity: 'order'; fields: OrderFields })
  | (RecordBase & { entity: 'payment'; fields: PaymentFields })
  | (RecordBase & { entity: 'inventory'; fields: InventoryFields })
  | (RecordBase & { entity: SyncEntity; deleted: true; fields?: undefined });

export type RecordOf<E extends SyncEntity> = Extract<SyncRecord, { entity: E; fields: object }>;
