/**
 * The four streams: which connection each pages through, which nested connection needs follow-ups,
 * and how records mode names its objects (`nodes(ids:)` with the externalIds the records carry).
 * Incremental and range runs filter with Shopify's search syntax on `updated_at` (pages.ts).
 */
import { z } from 'zod';
import type { StreamBatch, SyncRequest } from '../define.ts';
import { type AdminClient, readData } from './graphql.ts';
import {
  customerFromNode,
  gid,
  inventoryFromNode,
  legacyId,
  orderFromNode,
  productFromVariant,
  productsFromNode,
} from './map.ts';
import { byIdSync, completeAll, type Nested, type PagedSpec, pagedSync } from './pages.ts';
import * as queries from './queries.ts';
import {
  customerNode,
  inventoryItemNode,
  inventoryLevelNode,
  lineItemNode,
  orderNode,
  productNode,
  shopNode,
  standaloneVariantNode,
  variantNode,
} from './schemas.ts';

/** The shop's currency (saved on setup, else asked); `nextCost` is the query that follows. */
export async function shopCurrency(
  client: AdminClient,
  saved: string | undefined,
  nextCost = 0,
): Promise<string> {
  if (saved) return saved;
  const data = await client.query(queries.shopQuery, {}, { nextCost: () => nextCost });
  return readData(z.looseObject({ shop: shopNode }), data, 'the shop').shop.currencyCode;
}

const orderLines: Nested<typeof lineItemNode> = {
  field: 'lineItems',
  document: queries.orderLinesQuery,
  node: lineItemNode,
  cost: queries.orderLinesCost,
};
const productVariants: Nested<typeof variantNode> = {
  field: 'variants',
  document: queries.productVariantsQuery,
  node: variantNode,
  cost: queries.productVariantsCost,
};
const itemLevels: Nested<typeof inventoryLevelNode> = {
  field: 'inventoryLevels',
  document: queries.itemLevelsQuery,
  node: inventoryLevelNode,
  cost: queries.itemLevelsCost,
};

export const orderSpec: PagedSpec<typeof orderNode> = {
  document: queries.ordersQuery,
  connection: 'orders',
  pageSize: queries.ordersPageSize,
  node: orderNode,
  nested: orderLines,
  toRecords: (node) => [orderFromNode(node)],
};

export function pagedOrders(
  client: AdminClient,
  request: SyncRequest,
  resumeFrom: string | null,
  total?: number,
) {
  if (request.mode === 'records') {
    const ids = (request.ids ?? []).map((id) => gid('Order', id));
    return byIdSync(
      client,
      queries.ordersByIdQuery,
      ids,
      queries.ordersPageSize,
      orderNode,
      resumeFrom,
      async (nodes) => (await completeAll(client, nodes, orderLines, 0)).map(orderFromNode),
    );
  }
  return pagedSync(client, orderSpec, request, resumeFrom, total);
}

export function pagedCustomers(client: AdminClient, request: SyncRequest, resumeFrom: string | null) {
  if (request.mode === 'records') {
    const ids = (request.ids ?? []).map((id) => gid('Customer', id));
    return byIdSync(
      client,
      queries.customersByIdQuery,
      ids,
      queries.customersPageSize,
      customerNode,
      resumeFrom,
      async (nodes) => nodes.map(customerFromNode),
    );
  }
  return pagedSync(
    client,
    {
      document: queries.customersQuery,
      connection: 'customers',
      pageSize: queries.customersPageSize,
      node: customerNode,
      toRecords: (node) => [customerFromNode(node)],
    },
    request,
    resumeFrom,
  );
}

export async function* pagedProducts(
  client: AdminClient,
  request: SyncRequest,
  resumeFrom: string | null,
  savedCurrency: string | undefined,
  remember: (currency: string) => Promise<void> = async () => {},
): AsyncGenerator<StreamBatch> {
  // Variant prices are bare decimals in the shop's currency; product webhooks need it too.
  const currency = await shopCurrency(client, savedCurrency, queries.productsPageCost);
  if (currency !== savedCurrency) await remember(currency);
  if (request.mode === 'records') {
    // Canonical products are variants, so records mode names variant ids.
    const ids = (request.ids ?? []).map((id) => gid('ProductVariant', id));
    yield* byIdSync(
      client,
      queries.variantsByIdQuery,
      ids,
      250,
      standaloneVariantNode,
      resumeFrom,
      async (nodes) => nodes.map((variant) => productFromVariant(variant.product, variant, currency)),
    );
    return;
  }
  yield* pagedSync(
    client,
    {
      document: queries.productsQuery,
      connection: 'products',
      pageSize: queries.productsPageSize,
      node: productNode,
      nested: productVariants,
      toRecords: (node) => productsFromNode(node, currency),
    },
    request,
    resumeFrom,
  );
}

/**
 * Inventory levels per (item, location), for items with a SKU. Incremental runs filter items by
 * `updated_at`; a quantity change may not touch the item's timestamp, which is why the
 * `inventory_levels/update` webhook and periodic full runs carry quantity changes.
 */
export function pagedInventory(client: AdminClient, request: SyncRequest, resumeFrom: string | null) {
  if (request.mode === 'records') {
    // ids are `<inventory item id>:<location id>`, the externalIds inventory records carry.
    const wanted = new Set(request.ids ?? []);
    const items = [...new Set([...wanted].map((id) => gid('InventoryItem', id.split(':')[0] ?? id)))];
    return byIdSync(
      client,
      queries.inventoryItemsByIdQuery,
      items,
      queries.inventoryPageSize,
      inventoryItemNode,
      resumeFrom,
      async (nodes) => {
        const complete = await completeAll(client, nodes, itemLevels, 0);
        // An id without a location asks for the item at every location.
        return complete.flatMap((item) =>
          inventoryFromNode(item).filter(
            (record) => wanted.has(record.externalId) || wanted.has(legacyId(item.id)),
          ),
        );
      },
    );
  }
  return pagedSync(
    client,
    {
      document: queries.inventoryItemsQuery,
      connection: 'inventoryItems',
      pageSize: queries.inventoryPageSize,
      node: inventoryItemNode,
      nested: itemLevels,
      toRecords: inventoryFromNode,
    },
    request,
    resumeFrom,
  );
}
