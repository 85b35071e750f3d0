/**
 * The simulated shop's data: fixtures shaped like Shopify's GraphQL Admin API nodes
 * (tests/fixtures/shopify/*.json) plus a deterministic generator of N more orders, and the mutable
 * state of one simulated shop (cost bucket, bulk operations, webhook subscriptions, injected faults).
 */
import customersFixture from '../../fixtures/shopify/customers.json' with { type: 'json' };
import inventoryFixture from '../../fixtures/shopify/inventory-items.json' with { type: 'json' };
import ordersFixture from '../../fixtures/shopify/orders.json' with { type: 'json' };
import productsFixture from '../../fixtures/shopify/products.json' with { type: 'json' };
import shopFixture from '../../fixtures/shopify/shop.json' with { type: 'json' };

export interface MoneyV2 {
  amount: string;
  currencyCode: string;
}
export interface MoneyBag {
  shopMoney: MoneyV2;
  presentmentMoney: MoneyV2;
}
export interface LineItemData {
  id: string;
  sku: string | null;
  title: string;
  name: string;
  variantTitle: string | null;
  quantity: number;
  currentQuantity: number;
  originalUnitPriceSet: MoneyBag;
}
export interface OrderData {
  id: string;
  legacyResourceId: string;
  name: string;
  email: string | null;
  phone: string | null;
  createdAt: string;
  updatedAt: string;
  processedAt: string;
  cancelledAt: string | null;
  closedAt: string | null;
  displayFinancialStatus: string;
  displayFulfillmentStatus: string;
  currencyCode: string;
  tags: string[];
  note: string | null;
  totalPriceSet: MoneyBag;
  subtotalPriceSet: MoneyBag;
  customer: { id: string; displayName: string; firstName: string | null; lastName: string | null } | null;
  lineItems: { nodes: LineItemData[] };
}
export interface CustomerData {
  id: string;
  firstName: string | null;
  lastName: string | null;
  displayName: string;
  defaultEmailAddress: { emailAddress: string | null } | null;
  defaultPhoneNumber: { phoneNumber: string } | null;
  defaultAddress: Record<string, string | null> | null;
  note: string | null;
  tags: string[];
  createdAt: string;
  updatedAt: string;
  numberOfOrders: string;
}
export interface VariantData {
  id: string;
  title: string;
  sku: string | null;
  price: string;
  barcode: string | null;
  inventoryQuantity: number | null;
  createdAt: string;
  updatedAt: string;
  inventoryItem: { id: string };
}
export interface ProductData {
  id: string;
  title: string;
  handle: string;
  productType: string;
  vendor: string;
  status: string;
  createdAt: string;
  updatedAt: string;
  variants: { nodes: VariantData[] };
}
export interface LocationData {
  id: string;
  name: string;
}
export interface InventoryLevelData {
  id: string;
  updatedAt: string;
  location: LocationData;
  quantities: { name: string; quantity: number }[];
}
export interface InventoryItemData {
  id: string;
  sku: string | null;
  tracked: boolean;
  createdAt: string;
  updatedAt: string;
  inventoryLevels: { nodes: InventoryLevelData[] };
}

export interface BulkOperationState {
  id: string;
  status: 'CREATED' | 'RUNNING' | 'COMPLETED' | 'FAILED' | 'CANCELED' | 'EXPIRED';
  errorCode: string | null;
  query: string;
  polls: number;
  createdAt: string;
  completedAt: string | null;
  objectCount: number;
  rootObjectCount: number;
  fileSize: number | null;
  url: string | null;
}

/** One quantity `inventorySetQuantities` changed, as tests assert it. */
export interface InventoryChangeRecord {
  inventoryItemId: string;
  locationId: string;
  name: string;
  from: number;
  to: number;
  reason: string;
  referenceDocumentUri: string | null;
  idempotencyKey: string | null;
  at: string;
}

/** A mutation request that reached the resolvers (after auth, parsing, validation and the bucket). */
export interface MutationLogEntry {
  fields: string[];
  variables: Record<string, unknown>;
  at: number;
}

/** What an idempotency key was first used for, and what it answered. */
export interface IdempotencyRecord {
  fingerprint: string;
  failed: boolean;
  payload: unknown;
}

/** Served instead of the real answer to the next GraphQL request, in order. */
export type Fault = { status: number; body?: string } | { body: string } | { throttle: true };

export interface CostLogEntry {
  requested: number;
  actual: number;
  at: number;
}

export interface ShopifySimOptions {
  shop?: string;
  accessToken?: string;
  /** Points restored per second: 100 Standard, 200 Advanced, 1000 Plus, 2000 Enterprise. */
  restoreRate?: number;
  /** Total orders in the shop: the fixtures first, then generated ones (default: the fixtures). */
  orders?: number;
  seed?: number;
  /** Time source in milliseconds (default `Date.now`); tests pass a virtual clock. */
  now?: () => number;
  /** Reads of a bulk operation before it completes (CREATED → RUNNING … → COMPLETED). */
  bulkPollsUntilDone?: number;
  /** Where bulk results are served; `startShopifyServer` points it at itself. */
  bulkBaseUrl?: string;
}

export interface ShopifyStore {
  shop: string;
  accessToken: string;
  restoreRate: number;
  maximumAvailable: number;
  now(): number;
  bucket: { available: number; at: number };
  shopInfo: (typeof shopFixture)['shop'];
  locations: LocationData[];
  orders: OrderData[];
  customers: CustomerData[];
  products: ProductData[];
  inventoryItems: InventoryItemData[];
  bulkOperations: Map<string, BulkOperationState>;
  bulkFiles: Map<string, string>;
  bulkBaseUrl: string;
  bulkPollsUntilDone: number;
  /** When set, the next bulk operation fails with this error code. */
  bulkFailure: string | null;
  webhookSubscriptions: { id: string; topic: string; uri: string; format: string }[];
  faults: Fault[];
  /** Every GraphQL request that ran: its requested and actual cost (see rateLimitLowerBoundMs). */
  costLog: CostLogEntry[];
  /** Every mutation that ran, in order. */
  mutations: MutationLogEntry[];
  /** Every quantity changed through `inventorySetQuantities`, in order. */
  inventoryChanges: InventoryChangeRecord[];
  /** `@idempotent` keys seen by inventory mutations (Shopify keeps them for a while; we keep them all). */
  idempotencyKeys: Map<string, IdempotencyRecord>;
  /**
   * Run (and removed) one at a time before the next mutation executes: another app or the merchant
   * changing data between the connector's read and its write.
   */
  beforeMutation: ((store: ShopifyStore) => void)[];
  stats: { requests: number; throttled: number; unauthorized: number; faults: number };
  counter: number;
}

/** Shopify's `Decimal` spelling: 335000 minor units → "3350.0", 1205 → "12.05". */
export function decimal(minor: number): string {
  const whole = Math.trunc(minor / 100);
  const cents = String(Math.abs(minor % 100))
    .padStart(2, '0')
    .replace(/0$/, '');
  return `${whole}.${cents || '0'}`;
}

export function minorOf(amount: string): number {
  const [whole = '0', fraction = ''] = amount.split('.');
  return Number(whole) * 100 + Number(fraction.padEnd(2, '0').slice(0, 2));
}

const money = (minor: number, currencyCode: string): MoneyBag => ({
  shopMoney: { amount: decimal(minor), currencyCode },
  presentmentMoney: { amount: decimal(minor), currencyCode },
});

const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');

export function legacyIdOf(gid: string): number {
  return Number(gid.slice(gid.lastIndexOf('/') + 1).split('?')[0]);
}

/** A small seeded generator (mulberry32), so generated shops are the same on every run. */
export function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const generatedStart = Date.parse('2026-01-10T06:00:00Z');
const minute = 60_000;

/**
 * `count` orders after the fixtures: ids and numbers ascend, 1–4 line items each and 14 on every
 * 25th order (more than one page of nested line items), mostly paid, some pending, refunded or
 * cancelled; a few updated days after they were placed.
 */
export function generateOrders(count: number, seed = 1, offset = ordersFixture.length): OrderData[] {
  const random = seeded(seed);
  const variants = (productsFixture as ProductData[]).flatMap((product) =>
    product.variants.nodes.filter((variant) => variant.sku).map((variant) => ({ product, variant })),
  );
  const currency = shopFixture.shop.currencyCode;
  const orders: OrderData[] = [];
  for (let index = 0; index < count; index++) {
    const number = offset + index;
    const id = 5_912_450_000 + number * 3;
    const created = generatedStart + index * 47 * minute + Math.floor(random() * 40) * minute;
    const updated = created + (random() < 0.2 ? Math.floor(random() * 72 * 60) * minute : 5_000);
    const lineCount = index % 25 === 24 ? 14 : 1 + Math.floor(random() * 4);
    const lineItems: LineItemData[] = [];
    let subtotal = 0;
    for (let line = 0; line < lineCount; line++) {
      const pick = variants[Math.floor(random() * variants.length)] ?? variants[0];
      if (!pick) throw new Error('the product fixtures have no SKUs');
      const quantity = 1 + Math.floor(random() * 3);
      const unit = minorOf(pick.variant.price);
      subtotal += unit * quantity;
      const plain = pick.variant.title === 'Default Title';
      lineItems.push({
        id: `gid://shopify/LineItem/${13_500_000_000 + number * 100 + line}`,
        sku: pick.variant.sku,
        title: pick.product.title,
        name: plain ? pick.product.title : `${pick.product.title} - ${pick.variant.title}`,
        variantTitle: plain ? null : pick.variant.title,
        quantity,
        currentQuantity: quantity,
        originalUnitPriceSet: money(unit, currency),
      });
    }
    const shipping = random() < 0.3 ? 20_000 : 0;
    const roll = random();
    const [financial, fulfillment] =
      roll < 0.6
        ? ['PAID', 'FULFILLED']
        : roll < 0.8
          ? ['PAID', 'UNFULFILLED']
          : roll < 0.9
            ? ['PENDING', 'UNFULFILLED']
            : roll < 0.95
              ? ['REFUNDED', 'FULFILLED']
              : ['VOIDED', 'UNFULFILLED'];
    const customers = customersFixture as CustomerData[];
    const customer = random() < 0.85 ? customers[Math.floor(random() * customers.length)] : undefined;
    orders.push({
      id: `gid://shopify/Order/${id}`,
      legacyResourceId: String(id),
      name: `#${1001 + number}`,
      email: customer ? (customer.defaultEmailAddress?.emailAddress ?? null) : `guest${number}@example.com`,
      phone: customer?.defaultPhoneNumber?.phoneNumber ?? null,
      createdAt: iso(created),
      updatedAt: iso(updated),
      processedAt: iso(created),
      cancelledAt: financial === 'VOIDED' ? iso(updated) : null,
      closedAt: fulfillment === 'FULFILLED' ? iso(updated) : null,
      displayFinancialStatus: financial as string,
      displayFulfillmentStatus: fulfillment as string,
      currencyCode: currency,
      tags: [],
      note: null,
      totalPriceSet: money(subtotal + shipping, currency),
      subtotalPriceSet: money(subtotal, currency),
      customer: customer
        ? {
            id: customer.id,
            displayName: customer.displayName,
            firstName: customer.firstName,
            lastName: customer.lastName,
          }
        : null,
      lineItems: { nodes: lineItems },
    });
  }
  return orders;
}

export function createShopifyStore(options: ShopifySimOptions = {}): ShopifyStore {
  const restoreRate = options.restoreRate ?? 100;
  const now = options.now ?? Date.now;
  const fixtures = ordersFixture as OrderData[];
  const total = options.orders ?? fixtures.length;
  // Fixtures are cloned so a test that edits its store leaves the next test's alone.
  const orders =
    total <= fixtures.length
      ? structuredClone(fixtures.slice(0, total))
      : [...structuredClone(fixtures), ...generateOrders(total - fixtures.length, options.seed ?? 1)];
  return {
    shop: options.shop ?? shopFixture.shop.myshopifyDomain,
    accessToken: options.accessToken ?? 'shpat_test_token',
    restoreRate,
    maximumAvailable: 20 * restoreRate,
    now,
    bucket: { available: 20 * restoreRate, at: now() },
    shopInfo: shopFixture.shop,
    locations: shopFixture.locations,
    orders,
    customers: structuredClone(customersFixture) as CustomerData[],
    products: structuredClone(productsFixture) as ProductData[],
    inventoryItems: structuredClone(inventoryFixture) as InventoryItemData[],
    bulkOperations: new Map(),
    bulkFiles: new Map(),
    bulkBaseUrl: options.bulkBaseUrl ?? 'https://storage.shopify-bulk.test/bulk-results',
    bulkPollsUntilDone: options.bulkPollsUntilDone ?? 3,
    bulkFailure: null,
    webhookSubscriptions: [],
    faults: [],
    costLog: [],
    mutations: [],
    inventoryChanges: [],
    idempotencyKeys: new Map(),
    beforeMutation: [],
    stats: { requests: 0, throttled: 0, unauthorized: 0, faults: 0 },
    counter: 0,
  };
}

/** The level of an item at a location, or undefined when the item is not stocked there. */
export function inventoryLevelOf(
  store: ShopifyStore,
  inventoryItemId: string,
  locationId: string,
): { item: InventoryItemData; level: InventoryLevelData } | undefined {
  const item = store.inventoryItems.find((candidate) => candidate.id === inventoryItemId);
  const level = item?.inventoryLevels.nodes.find((candidate) => candidate.location.id === locationId);
  return item && level ? { item, level } : undefined;
}

/** A named quantity (`available`, `on_hand`) of an item at a location; 0 when not recorded. */
export function quantityAt(
  store: ShopifyStore,
  inventoryItemId: string,
  locationId: string,
  name = 'available',
) {
  const found = inventoryLevelOf(store, inventoryItemId, locationId);
  return found?.level.quantities.find((quantity) => quantity.name === name)?.quantity ?? 0;
}

/**
 * Sets a named quantity the way Shopify does: `available` and `on_hand` move together (committed and
 * other states stay), the variant's total `inventoryQuantity` follows `available`, timestamps move.
 * Returns the delta. Tests call it directly to play the merchant editing stock in the admin.
 */
export function setQuantity(
  store: ShopifyStore,
  inventoryItemId: string,
  locationId: string,
  to: number,
  name: 'available' | 'on_hand' = 'available',
): number {
  const found = inventoryLevelOf(store, inventoryItemId, locationId);
  if (!found) throw new Error(`${inventoryItemId} is not stocked at ${locationId}`);
  const { item, level } = found;
  const current = level.quantities.find((quantity) => quantity.name === name)?.quantity ?? 0;
  const delta = to - current;
  for (const quantityName of ['available', 'on_hand']) {
    const entry = level.quantities.find((quantity) => quantity.name === quantityName);
    if (entry) entry.quantity += delta;
    else if (quantityName === name) level.quantities.push({ name, quantity: to });
  }
  const at = new Date(store.now()).toISOString().replace('.000Z', 'Z');
  level.updatedAt = at;
  item.updatedAt = at;
  for (const product of store.products)
    for (const variant of product.variants.nodes)
      if (variant.inventoryItem.id === inventoryItemId) {
        variant.inventoryQuantity = (variant.inventoryQuantity ?? 0) + delta;
        variant.updatedAt = at;
      }
  return delta;
}
