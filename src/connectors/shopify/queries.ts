/**
 * The GraphQL documents the connector sends, with their cost arithmetic.
 *
 * Shopify prices a query before running it (https://shopify.dev/docs/api/usage/rate-limits#cost-calculation):
 * scalars and enums cost 0, each object 1, a connection 2 plus `first` × the cost of one node, a
 * mutation 10; no single query may cost more than 1000 points. The requested cost must be available
 * in the bucket when the query starts; Shopify then refunds the difference to the actual cost (what
 * the page really returned). So page sizes below are the largest `first` that keeps the *requested*
 * cost under 1000, and nested connections get a small `first` with a follow-up query for the rare
 * order, product or item that has more (`pageInfo.hasNextPage` on the nested connection).
 */

export const maxQueryCost = 1000;
export const maxPageSize = 250;

/** The largest `first` for a connection whose nodes cost `nodeCost` each: (1000 − 2) / nodeCost. */
export function pageSizeFor(nodeCost: number): number {
  return Math.min(maxPageSize, Math.floor((maxQueryCost - 2) / nodeCost));
}

const pageInfo = 'pageInfo { hasNextPage endCursor }';

// --- orders --------------------------------------------------------------------------------------

/** Line items fetched with each order; most shop orders have one to three. */
export const linesPerOrder = 10;
const lineItemFields = 'id sku title quantity originalUnitPriceSet { shopMoney { amount currencyCode } }';
/** LineItem 1 + originalUnitPriceSet 1 + shopMoney 1. */
const lineItemCost = 3;
const orderFields = `id name email phone createdAt updatedAt processedAt cancelledAt
      displayFinancialStatus displayFulfillmentStatus
      totalPriceSet { shopMoney { amount currencyCode } }
      customer { id displayName firstName lastName }`;
/**
 * Order 1 + customer 1 + totalPriceSet 1 + shopMoney 1 + lineItems (2 + 10 × 3) = 36 points, so 27
 * orders a page (requested 974). 100 orders × 50 line items would request ~15,600 points, which
 * Shopify refuses outright; the actual cost of a page of typical 2-line orders is ~350.
 */
export const orderNodeCost = 4 + 2 + linesPerOrder * lineItemCost;
export const ordersPageSize = pageSizeFor(orderNodeCost);

const orderSelection = `${orderFields}
      lineItems(first: ${linesPerOrder}) { ${pageInfo} nodes { ${lineItemFields} } }`;

// https://shopify.dev/docs/api/admin-graphql/latest/queries/orders
export const ordersQuery = `query KiungoOrders($first: Int!, $after: String, $query: String) {
  orders(first: $first, after: $after, query: $query, sortKey: ID) {
    ${pageInfo}
    nodes { ${orderSelection} }
  }
}`;

/** Follow-up pages of a nested connection: enough for the rare big order, cheap to wait for. */
export const followUpPageSize = 100;

/** Requested cost of a page of orders: 2 + 27 × 36 = 974. */
export const ordersPageCost = 2 + ordersPageSize * orderNodeCost;

// https://shopify.dev/docs/api/admin-graphql/latest/queries/node (Order.lineItems)
/** The rest of one order's line items: node 1 + lineItems (2 + 100 × 3) = 303 points. */
export const orderLinesQuery = `query KiungoOrderLines($id: ID!, $after: String) {
  node(id: $id) { ... on Order { lineItems(first: ${followUpPageSize}, after: $after) { ${pageInfo} nodes { ${lineItemFields} } } } }
}`;
export const orderLinesCost = 1 + 2 + followUpPageSize * lineItemCost;

// https://shopify.dev/docs/api/admin-graphql/latest/queries/nodes
export const ordersByIdQuery = `query KiungoOrdersById($ids: [ID!]!) {
  nodes(ids: $ids) { ... on Order { ${orderSelection} } }
}`;

// https://shopify.dev/docs/api/admin-graphql/latest/queries/ordersCount
/** `ordersCount` stops counting at `limit` (default 10,000) and then says `precision: AT_LEAST`. */
export const ordersCountQuery = `query KiungoOrdersCount($query: String, $limit: Int) {
  ordersCount(query: $query, limit: $limit) { count precision }
}`;

/** The bulk export of all orders: no `first` (bulk operations page internally). */
export const ordersBulkQuery = `{
  orders(sortKey: ID) {
    edges { node { ${orderFields}
      lineItems { edges { node { ${lineItemFields} } } } } }
  }
}`;

// --- customers -----------------------------------------------------------------------------------

const customerFields = `id firstName lastName displayName note tags updatedAt
      defaultEmailAddress { emailAddress }
      defaultPhoneNumber { phoneNumber }
      defaultAddress { address1 address2 city province zip country company }`;
/** Customer 1 + three objects: 249 customers a page (requested 998). */
export const customerNodeCost = 4;
export const customersPageSize = pageSizeFor(customerNodeCost);
export const customersPageCost = 2 + customersPageSize * customerNodeCost;

// https://shopify.dev/docs/api/admin-graphql/latest/queries/customers
export const customersQuery = `query KiungoCustomers($first: Int!, $after: String, $query: String) {
  customers(first: $first, after: $after, query: $query, sortKey: ID) {
    ${pageInfo}
    nodes { ${customerFields} }
  }
}`;

export const customersByIdQuery = `query KiungoCustomersById($ids: [ID!]!) {
  nodes(ids: $ids) { ... on Customer { ${customerFields} } }
}`;

// --- products ------------------------------------------------------------------------------------

export const variantsPerProduct = 10;
const variantFields = 'id title sku price barcode inventoryQuantity updatedAt';
/** Product 1 + variants (2 + 10 × 1) = 13 points: 76 products a page (requested 990). */
export const productNodeCost = 1 + 2 + variantsPerProduct;
export const productsPageSize = pageSizeFor(productNodeCost);
export const productsPageCost = 2 + productsPageSize * productNodeCost;

// https://shopify.dev/docs/api/admin-graphql/latest/queries/products
export const productsQuery = `query KiungoProducts($first: Int!, $after: String, $query: String) {
  products(first: $first, after: $after, query: $query, sortKey: ID) {
    ${pageInfo}
    nodes { id title productType updatedAt
      variants(first: ${variantsPerProduct}) { ${pageInfo} nodes { ${variantFields} } } }
  }
}`;

// https://shopify.dev/docs/api/admin-graphql/latest/objects/Product#connection-variants
export const productVariantsQuery = `query KiungoProductVariants($id: ID!, $after: String) {
  node(id: $id) { ... on Product { variants(first: ${followUpPageSize}, after: $after) { ${pageInfo} nodes { ${variantFields} } } } }
}`;
export const productVariantsCost = 1 + 2 + followUpPageSize;

/** Records mode names variants (the canonical product is a variant). */
export const variantsByIdQuery = `query KiungoVariantsById($ids: [ID!]!) {
  nodes(ids: $ids) { ... on ProductVariant { ${variantFields} product { id title productType updatedAt } } }
}`;

// --- inventory -----------------------------------------------------------------------------------

export const locationsPerItem = 5;
const levelFields = 'id updatedAt location { id name } quantities(names: ["available"]) { name quantity }';
/** InventoryItem 1 + inventoryLevels (2 + 5 × (level 1 + location 1 + quantities 1)) = 18: 55 a page. */
export const inventoryItemNodeCost = 1 + 2 + locationsPerItem * 3;
export const inventoryPageSize = pageSizeFor(inventoryItemNodeCost);
export const inventoryPageCost = 2 + inventoryPageSize * inventoryItemNodeCost;

const inventoryItemSelection = `id sku updatedAt
      inventoryLevels(first: ${locationsPerItem}) { ${pageInfo} nodes { ${levelFields} } }`;

// https://shopify.dev/docs/api/admin-graphql/latest/queries/inventoryItems
export const inventoryItemsQuery = `query KiungoInventoryItems($first: Int!, $after: String, $query: String) {
  inventoryItems(first: $first, after: $after, query: $query) {
    ${pageInfo}
    nodes { ${inventoryItemSelection} }
  }
}`;

// https://shopify.dev/docs/api/admin-graphql/latest/objects/InventoryItem#connection-inventoryLevels
export const itemLevelsQuery = `query KiungoItemLevels($id: ID!, $after: String) {
  node(id: $id) { ... on InventoryItem { inventoryLevels(first: ${followUpPageSize}, after: $after) { ${pageInfo} nodes { ${levelFields} } } } }
}`;
export const itemLevelsCost = 1 + 2 + followUpPageSize * 3;

export const inventoryItemsByIdQuery = `query KiungoInventoryItemsById($ids: [ID!]!) {
  nodes(ids: $ids) { ... on InventoryItem { ${inventoryItemSelection} } }
}`;

// --- shop, webhooks, bulk ------------------------------------------------------------------------

// https://shopify.dev/docs/api/admin-graphql/latest/queries/shop
export const shopQuery = '{ shop { name myshopifyDomain currencyCode } }';

// https://shopify.dev/docs/api/admin-graphql/latest/mutations/webhookSubscriptionCreate
// `uri` replaces `callbackUrl`, deprecated since 2025-10 (WebhookSubscriptionInput).
export const webhookSubscriptionCreate = `mutation KiungoWebhook($topic: WebhookSubscriptionTopic!, $webhookSubscription: WebhookSubscriptionInput!) {
  webhookSubscriptionCreate(topic: $topic, webhookSubscription: $webhookSubscription) {
    webhookSubscription { id topic }
    userErrors { field message }
  }
}`;

// https://shopify.dev/docs/api/admin-graphql/latest/mutations/bulkOperationRunQuery
// `groupObjects` is left at its default (false since 2026-01): bulk.ts copes with children anywhere
// after their parent, and grouping makes Shopify's job slower and likelier to time out.
export const bulkOperationRunQuery = `mutation KiungoBulk($query: String!) {
  bulkOperationRunQuery(query: $query) {
    bulkOperation { id status }
    userErrors { field message }
  }
}`;

// https://shopify.dev/docs/api/usage/bulk-operations/queries#option-b-poll-a-running-bulk-operation
export const bulkOperationQuery = `query KiungoBulkStatus($id: ID!) {
  node(id: $id) { ... on BulkOperation { id status errorCode objectCount rootObjectCount url partialDataUrl } }
}`;

// --- stock write-back (actions.ts) ---------------------------------------------------------------

/** Variants fetched per SKU lookup: two are enough to see that a SKU is not unique. */
export const variantsPerSku = 2;
/** Locations read per inventory item: a write needs the one Kiungo writes to, or the only one. */
export const levelsPerItem = 10;
/**
 * Variant 1 + product 1 + inventoryItem 1 + inventoryLevels (2 + 10 × (level 1 + location 1 +
 * quantities 1)) = 35 per variant; 2 + 2 × 35 = 72 requested.
 */
export const stockBySkuCost = 2 + variantsPerSku * (3 + 2 + levelsPerItem * 3);

// https://shopify.dev/docs/api/admin-graphql/latest/queries/productVariants — `query` takes the search
// syntax (https://shopify.dev/docs/api/usage/search-syntax) with a `sku` filter; the value goes quoted.
export const stockBySkuQuery = `query KiungoStockBySku($query: String!) {
  productVariants(first: ${variantsPerSku}, query: $query) {
    ${pageInfo}
    nodes { id title sku product { id title }
      inventoryItem { id
        inventoryLevels(first: ${levelsPerItem}) { ${pageInfo}
          nodes { location { id name } quantities(names: ["available"]) { name quantity } } } } }
  }
}`;

// https://shopify.dev/docs/api/admin-graphql/latest/mutations/inventorySetQuantities (2026-10):
// - `input { name reason referenceDocumentUri quantities [{ inventoryItemId locationId quantity
//   changeFromQuantity }] }`; since 2026-04 `changeFromQuantity` is mandatory on every quantity
//   (explicit null skips the compare-and-swap check) and `compareQuantity` / `ignoreCompareQuantity`
//   are removed (https://shopify.dev/changelog/finalizing-compare-and-swap-redesign-for-inventory-set-quantities);
//   2026-01 introduced it (https://shopify.dev/changelog/compare-and-swap-redesign-for-inventory-set-quantities).
// - A stale `changeFromQuantity` is the userError CHANGE_FROM_QUANTITY_STALE (COMPARE_QUANTITY_STALE
//   for the old field): https://shopify.dev/docs/api/admin-graphql/latest/enums/InventorySetQuantitiesUserErrorCode
// - Since 2026-04 the `@idempotent(key:)` directive is required (optional in 2026-01); the schema does
//   not mark it, a call without it fails at runtime:
//   https://shopify.dev/changelog/making-idempotency-mandatory-for-inventory-adjustments-and-refund-mutations,
//   https://shopify.dev/docs/api/usage/idempotent-requests, https://shopify.dev/docs/api/usage/implementing-idempotency
// - `referenceDocumentUri`: "Valid URI with scheme and content. For GID format, all components (app,
//   entity, id) must be present" (InventorySetQuantitiesInput); shown in the admin's inventory history.
// A mutation costs 10 points.
export const inventorySetQuantities = `mutation KiungoSetStock($input: InventorySetQuantitiesInput!, $idempotencyKey: String!) {
  inventorySetQuantities(input: $input) @idempotent(key: $idempotencyKey) {
    inventoryAdjustmentGroup { id changes(quantityNames: ["available"]) { name delta quantityAfterChange } }
    userErrors { code field message }
  }
}`;
