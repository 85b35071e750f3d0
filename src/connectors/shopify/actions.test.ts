import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { quantityAt, setQuantity, shopifyHandlers } from '../../../tests/support/vendors/shopify.ts';
import { virtualShopify } from '../../../tests/support/vendors/shopify-runtime.ts';
import { ConnectorError } from '../errors.ts';
import { idempotencyKeyFor, maxStaleRetries, setStockBySku, skuSearch } from './actions.ts';
import { shopifyConfig } from './config.ts';
import { createAdminClient } from './graphql.ts';
import { shopify } from './index.ts';
import { inventorySetQuantities } from './queries.ts';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const kariakoo = 'gid://shopify/Location/71203012';
const westlands = 'gid://shopify/Location/71203013';
const kangaRed = 'gid://shopify/InventoryItem/10044100101';
const kangaBlue = 'gid://shopify/InventoryItem/10044100102';
const kikoi = 'gid://shopify/InventoryItem/10044100201';
const reference = 'gid://kiungo/Order/0a7c4e1e-3f2b-4c55-9d8e-5b1f0c2d7a10';
const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

function connect(options: Parameters<typeof virtualShopify>[0] = {}) {
  const shop = virtualShopify(options);
  server.use(...shopifyHandlers(shop.store));
  return shop;
}

async function failure(promise: Promise<unknown>): Promise<ConnectorError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ConnectorError);
  return error as ConnectorError;
}

/** A second variant (on another product) and its own inventory item, stocked at Kariakoo. */
function addVariant(shop: ReturnType<typeof connect>, sku: string, available = 5) {
  const product = shop.store.products[1];
  if (!product) throw new Error('the fixtures have products');
  const item = 'gid://shopify/InventoryItem/10044100299';
  product.variants.nodes.push({
    id: 'gid://shopify/ProductVariant/44100299',
    title: 'Striped',
    sku,
    price: '990.00',
    barcode: null,
    inventoryQuantity: available,
    createdAt: '2026-01-08T12:00:00Z',
    updatedAt: '2026-01-08T12:00:00Z',
    inventoryItem: { id: item },
  });
  shop.store.inventoryItems.push({
    id: item,
    sku,
    tracked: true,
    createdAt: '2026-01-08T12:00:00Z',
    updatedAt: '2026-01-08T12:00:00Z',
    inventoryLevels: {
      nodes: [
        {
          id: `gid://shopify/InventoryLevel/100441002990?inventory_item_id=10044100299&location_id=71203012`,
          updatedAt: '2026-01-08T12:00:00Z',
          location: { id: kariakoo, name: 'Kariakoo Shop' },
          quantities: [
            { name: 'available', quantity: available },
            { name: 'on_hand', quantity: available },
          ],
        },
      ],
    },
  });
  return item;
}

describe('Shopify: set stock by SKU', () => {
  it('sets the available quantity at the configured location, with a reason, reference and key', async () => {
    const shop = connect({ config: { stockLocationId: '71203012' } });
    const result = await setStockBySku(shop.runtime, { sku: 'KNG-RED', quantity: 15, reference });
    expect(result).toEqual({
      inventoryItemId: kangaRed,
      locationId: kariakoo,
      from: 22,
      to: 15,
      changed: true,
    });
    expect(quantityAt(shop.store, kangaRed, kariakoo)).toBe(15);
    expect(quantityAt(shop.store, kangaRed, kariakoo, 'on_hand')).toBe(15);
    expect(quantityAt(shop.store, kangaRed, westlands)).toBe(12);
    expect(shop.store.products[0]?.variants.nodes[0]?.inventoryQuantity).toBe(27);
    expect(shop.store.inventoryChanges).toEqual([
      {
        inventoryItemId: kangaRed,
        locationId: kariakoo,
        name: 'available',
        from: 22,
        to: 15,
        reason: 'correction',
        referenceDocumentUri: reference,
        idempotencyKey: expect.stringMatching(uuid),
        at: '2026-11-23T09:00:00Z',
      },
    ]);
    expect(shop.store.mutations.map((mutation) => mutation.fields)).toEqual([['inventorySetQuantities']]);
    // One lookup (2 variants × 35 points + 2) and one mutation at Shopify's flat 10.
    expect(shop.store.costLog.map((entry) => entry.requested)).toEqual([72, 10]);
  });

  it('sends no mutation when Shopify already has the quantity, so a re-run changes nothing', async () => {
    const shop = connect({ config: { stockLocationId: kariakoo } });
    const first = await setStockBySku(shop.runtime, { sku: 'KNG-RED', quantity: 15, reference });
    const again = await setStockBySku(shop.runtime, { sku: 'KNG-RED', quantity: 15, reference });
    expect(first.changed).toBe(true);
    expect(again).toEqual({
      inventoryItemId: kangaRed,
      locationId: kariakoo,
      from: 15,
      to: 15,
      changed: false,
    });
    expect(shop.store.mutations).toHaveLength(1);
    expect(shop.store.inventoryChanges).toHaveLength(1);
    expect(quantityAt(shop.store, kangaRed, kariakoo)).toBe(15);
  });

  it('reads again and retries with the fresh quantity when stock changed between read and write', async () => {
    const shop = connect({ config: { stockLocationId: kariakoo } });
    // A sale in the shop lands between Kiungo's read (22) and its write.
    shop.store.beforeMutation.push((store) => setQuantity(store, kangaRed, kariakoo, 21));
    const result = await setStockBySku(shop.runtime, { sku: 'KNG-RED', quantity: 15, reference });
    expect(result).toEqual({
      inventoryItemId: kangaRed,
      locationId: kariakoo,
      from: 21,
      to: 15,
      changed: true,
    });
    expect(quantityAt(shop.store, kangaRed, kariakoo)).toBe(15);
    expect(shop.store.mutations).toHaveLength(2);
    const sent = shop.store.mutations.map(
      (mutation) =>
        (mutation.variables.input as { quantities: { changeFromQuantity: number }[] }).quantities[0],
    );
    expect(sent.map((quantity) => quantity?.changeFromQuantity)).toEqual([22, 21]);
    // A different write gets a different key (Shopify refuses a key reused with other variables).
    const keys = shop.store.mutations.map((mutation) => mutation.variables.idempotencyKey);
    expect(new Set(keys).size).toBe(2);
    expect(shop.store.inventoryChanges.map((change) => [change.from, change.to])).toEqual([[21, 15]]);
    expect(shop.runtime.logged.some((line) => line.includes('changed while Kiungo set it'))).toBe(true);
  });

  it('finishes without writing when the other change already set the wanted quantity', async () => {
    const shop = connect({ config: { stockLocationId: kariakoo } });
    shop.store.beforeMutation.push((store) => setQuantity(store, kangaRed, kariakoo, 15));
    const result = await setStockBySku(shop.runtime, { sku: 'KNG-RED', quantity: 15, reference });
    expect(result).toMatchObject({ from: 15, to: 15, changed: false });
    expect(shop.store.inventoryChanges).toHaveLength(0);
  });

  it(`gives up after ${maxStaleRetries} retries when stock keeps changing`, async () => {
    const shop = connect({ config: { stockLocationId: kariakoo } });
    for (let sale = 1; sale <= maxStaleRetries + 1; sale++)
      shop.store.beforeMutation.push((store) => setQuantity(store, kangaRed, kariakoo, 22 - sale));
    const error = await failure(setStockBySku(shop.runtime, { sku: 'KNG-RED', quantity: 5, reference }));
    expect(error.failure).toBe('rejected');
    expect(error.message).toMatch(/kept changing/);
    expect(shop.store.mutations).toHaveLength(maxStaleRetries + 1);
    expect(shop.store.inventoryChanges).toHaveLength(0);
    expect(quantityAt(shop.store, kangaRed, kariakoo)).toBe(22 - maxStaleRetries - 1);
  });

  it('fails with not_found for an unknown SKU, and matches SKUs exactly', async () => {
    const shop = connect({ config: { stockLocationId: kariakoo } });
    const unknown = await failure(setStockBySku(shop.runtime, { sku: 'NOPE-1', quantity: 1, reference }));
    expect(unknown.failure).toBe('not_found');
    expect(unknown.message).toBe('Shopify has no product with SKU NOPE-1');
    // Shopify's search ignores case; a SKU that differs in case is another SKU.
    const lower = await failure(setStockBySku(shop.runtime, { sku: 'kng-red', quantity: 1, reference }));
    expect(lower.failure).toBe('not_found');
    expect(shop.store.mutations).toHaveLength(0);
  });

  it('refuses a SKU that two variants share rather than guess', async () => {
    const shop = connect({ config: { stockLocationId: kariakoo } });
    addVariant(shop, 'KNG-RED');
    const error = await failure(setStockBySku(shop.runtime, { sku: 'KNG-RED', quantity: 3, reference }));
    expect(error.failure).toBe('rejected');
    expect(error.message).toMatch(/SKU KNG-RED is ambiguous/);
    expect(error.message).toMatch(/Kanga Classic – Red; Kikoi Beach Wrap – Striped/);
    expect(shop.store.mutations).toHaveLength(0);
  });

  it('asks for the location when the item is stocked at several and none is configured', async () => {
    const shop = connect();
    const error = await failure(setStockBySku(shop.runtime, { sku: 'KNG-RED', quantity: 3, reference }));
    expect(error.failure).toBe('configuration');
    expect(error.message).toMatch(
      /Kariakoo Shop, Westlands Store\): set the Shopify location Kiungo should write stock to$/,
    );
    expect(shop.store.mutations).toHaveLength(0);
  });

  it('writes to the only location an item is stocked at when none is configured', async () => {
    const shop = connect();
    const item = shop.store.inventoryItems.find((candidate) => candidate.id === kikoi);
    item?.inventoryLevels.nodes.splice(1, 1);
    const result = await setStockBySku(shop.runtime, { sku: 'KIK-001', quantity: 30, reference });
    expect(result).toEqual({ inventoryItemId: kikoi, locationId: kariakoo, from: 26, to: 30, changed: true });
    expect(quantityAt(shop.store, kikoi, kariakoo)).toBe(30);
  });

  it('writes to the configured location and leaves the others alone', async () => {
    const shop = connect({ config: { stockLocationId: westlands } });
    const result = await setStockBySku(shop.runtime, { sku: 'KNG-BLU', quantity: 9, reference });
    expect(result).toEqual({
      inventoryItemId: kangaBlue,
      locationId: westlands,
      from: 4,
      to: 9,
      changed: true,
    });
    expect(quantityAt(shop.store, kangaBlue, westlands)).toBe(9);
    expect(quantityAt(shop.store, kangaBlue, kariakoo)).toBe(8);
  });

  it('refuses an item that is not stocked at the configured location', async () => {
    const shop = connect({ config: { stockLocationId: westlands } });
    addVariant(shop, 'KIK-STRIPE');
    const error = await failure(setStockBySku(shop.runtime, { sku: 'KIK-STRIPE', quantity: 3, reference }));
    expect(error.failure).toBe('rejected');
    expect(error.message).toMatch(/not stocked at the Shopify location Kiungo writes stock to/);
  });

  it('passes on what Shopify refuses as rejected, with its message', async () => {
    const shop = connect({ config: { stockLocationId: kariakoo } });
    shop.store.beforeMutation.push((store) => {
      const item = store.inventoryItems.find((candidate) => candidate.id === kangaRed);
      item?.inventoryLevels.nodes.splice(0, 1);
    });
    const error = await failure(setStockBySku(shop.runtime, { sku: 'KNG-RED', quantity: 3, reference }));
    expect(error.failure).toBe('rejected');
    expect(error.message).toBe(
      'Shopify refused to set stock of SKU KNG-RED: The specified inventory item is not stocked at the location.',
    );
    expect(error.details).toMatchObject({ codes: ['ITEM_NOT_STOCKED_AT_LOCATION'] });
  });

  it('finds a SKU with a quote or backslash in it', async () => {
    const shop = connect({ config: { stockLocationId: kariakoo } });
    const sku = "O'NEIL\\7";
    expect(skuSearch(sku)).toBe("sku:'O\\'NEIL\\\\7'");
    const item = addVariant(shop, sku, 5);
    const result = await setStockBySku(shop.runtime, { sku, quantity: 6, reference: 'kiungo://orders/1042' });
    expect(result).toMatchObject({ inventoryItemId: item, from: 5, to: 6, changed: true });
  });

  it('checks its input and the API version before calling Shopify', async () => {
    const shop = connect({ config: { stockLocationId: kariakoo } });
    for (const [input, pattern] of [
      [{ sku: 'KNG-RED', quantity: -1, reference }, /whole number of 0 or more/],
      [{ sku: 'KNG-RED', quantity: 1.5, reference }, /whole number/],
      [{ sku: 'KNG-RED', quantity: 1, reference: 'order 1042' }, /gid:\/\/kiungo/],
      [{ sku: ' ', quantity: 1, reference }, /A SKU is needed/],
    ] as const) {
      const error = await failure(setStockBySku(shop.runtime, input));
      expect(error.failure).toBe('rejected');
      expect(error.message).toMatch(pattern);
    }
    const old = connect({ config: { stockLocationId: kariakoo, apiVersion: '2025-10' } });
    const error = await failure(setStockBySku(old.runtime, { sku: 'KNG-RED', quantity: 1, reference }));
    expect(error.failure).toBe('configuration');
    expect(shop.store.stats.requests + old.store.stats.requests).toBe(0);
  });

  it('derives the same UUID-shaped idempotency key from the same write', async () => {
    const parts = ['inventorySetQuantities', reference, 'KNG-RED', kangaRed, kariakoo, 22, 15, 0];
    const key = await idempotencyKeyFor(parts);
    expect(key).toMatch(uuid);
    expect(await idempotencyKeyFor([...parts])).toBe(key);
    expect(await idempotencyKeyFor(parts.with(5, 21))).not.toBe(key);
  });

  it('lists the write-back on the connector', () => {
    expect(shopify.actions).toContain('Set stock by SKU (the available quantity at one location)');
  });
});

describe('Shopify simulator: inventorySetQuantities', () => {
  const input = (changeFromQuantity: number | null | undefined, quantity = 10) => ({
    name: 'available',
    reason: 'correction',
    referenceDocumentUri: reference,
    quantities: [
      {
        inventoryItemId: kangaRed,
        locationId: kariakoo,
        quantity,
        ...(changeFromQuantity === undefined ? {} : { changeFromQuantity }),
      },
    ],
  });
  const codesOf = (data: unknown) =>
    (
      data as { inventorySetQuantities: { userErrors: { code: string }[] } }
    ).inventorySetQuantities.userErrors.map((error) => error.code);

  it('applies a repeated request with the same key once, as a retry after a lost answer', async () => {
    const shop = connect();
    const client = createAdminClient(shop.runtime);
    const variables = { idempotencyKey: 'a6f1c0de-0000-8000-8000-000000000001', input: input(22) };
    const first = await client.query(inventorySetQuantities, variables);
    const replay = await client.query(inventorySetQuantities, variables);
    expect(replay).toEqual(first);
    expect(shop.store.inventoryChanges).toHaveLength(1);
    expect(quantityAt(shop.store, kangaRed, kariakoo)).toBe(10);
    const reused = await client.query(inventorySetQuantities, { ...variables, input: input(10, 11) });
    expect(codesOf(reused)).toEqual(['IDEMPOTENCY_KEY_PARAMETER_MISMATCH']);
  });

  it('refuses a stale or missing changeFromQuantity, then the spent key; null skips the check', async () => {
    const shop = connect();
    const client = createAdminClient(shop.runtime);
    const key = (n: number) => `a6f1c0de-0000-8000-8000-00000000000${n}`;
    expect(
      codesOf(await client.query(inventorySetQuantities, { idempotencyKey: key(1), input: input(7) })),
    ).toEqual(['CHANGE_FROM_QUANTITY_STALE']);
    expect(
      codesOf(await client.query(inventorySetQuantities, { idempotencyKey: key(1), input: input(7) })),
    ).toEqual(['IDEMPOTENCY_PREVIOUS_ATTEMPT_FAILED']);
    expect(
      codesOf(
        await client.query(inventorySetQuantities, { idempotencyKey: key(2), input: input(undefined) }),
      ),
    ).toEqual(['COMPARE_QUANTITY_REQUIRED']);
    expect(
      codesOf(await client.query(inventorySetQuantities, { idempotencyKey: key(3), input: input(null) })),
    ).toEqual([]);
    expect(quantityAt(shop.store, kangaRed, kariakoo)).toBe(10);
  });

  it('requires the @idempotent directive from 2026-04', async () => {
    const shop = connect();
    const client = createAdminClient(shop.runtime);
    const withoutKey = inventorySetQuantities
      .replace(', $idempotencyKey: String!', '')
      .replace(' @idempotent(key: $idempotencyKey)', '');
    const error = await failure(client.query(withoutKey, { input: input(22) }));
    expect(error.message).toMatch(/idempotency key is required/);
    expect(shop.store.inventoryChanges).toHaveLength(0);
  });
});

describe('Shopify config: stock location', () => {
  const base = { shop: 'kariakoo.myshopify.com', accessToken: 'shpat_x', webhookSecret: 'shpss_x' };
  it('takes the number from the admin URL or the global id', () => {
    expect(shopifyConfig.parse({ ...base, stockLocationId: ' 71203012 ' }).stockLocationId).toBe(kariakoo);
    expect(shopifyConfig.parse({ ...base, stockLocationId: westlands }).stockLocationId).toBe(westlands);
    expect(shopifyConfig.parse(base).stockLocationId).toBeUndefined();
    expect(shopifyConfig.safeParse({ ...base, stockLocationId: 'Kariakoo Shop' }).success).toBe(false);
  });
});
