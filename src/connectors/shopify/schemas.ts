/**
 * Shopify's payloads as Shopify shapes them, loosely: unknown keys pass, so a field Shopify adds in a
 * later API version never breaks a sync. Two families: GraphQL Admin API nodes (camelCase, ids are
 * `gid://shopify/Order/123`, money is `MoneyBag { shopMoney { amount currencyCode } }` with decimal
 * strings) and the REST-shaped JSON of webhooks (snake_case, integer ids, money as strings).
 */
import { z } from 'zod';

const text = z.string().nullish();

// --- GraphQL envelope --------------------------------------------------------------------------

/** https://shopify.dev/docs/api/usage/rate-limits#graphql-admin-api-rate-limits */
export const throttleStatus = z.looseObject({
  maximumAvailable: z.number(),
  currentlyAvailable: z.number(),
  restoreRate: z.number(),
});
export type ThrottleStatus = z.output<typeof throttleStatus>;

export const queryCost = z.looseObject({
  requestedQueryCost: z.number().nullish(),
  actualQueryCost: z.number().nullish(),
  throttleStatus: throttleStatus.nullish(),
});
export type QueryCost = z.output<typeof queryCost>;

export const graphqlError = z.looseObject({
  message: z.string(),
  extensions: z.looseObject({ code: z.string().nullish() }).nullish(),
});

export const graphqlEnvelope = z.looseObject({
  data: z.unknown().nullish(),
  errors: z.array(graphqlError).nullish(),
  extensions: z.looseObject({ cost: queryCost.nullish() }).nullish(),
});
export type GraphqlEnvelope = z.output<typeof graphqlEnvelope>;

export const pageInfo = z.looseObject({ hasNextPage: z.boolean(), endCursor: text });

export function connectionOf<Node extends z.ZodType>(node: Node) {
  return z.looseObject({ pageInfo, nodes: z.array(node) });
}

// --- GraphQL nodes -----------------------------------------------------------------------------

const money = z.looseObject({ amount: z.string(), currencyCode: z.string() });
const moneyBag = z.looseObject({ shopMoney: money });

export const lineItemNode = z.looseObject({
  id: z.string(),
  sku: text,
  title: z.string(),
  quantity: z.number().int(),
  originalUnitPriceSet: moneyBag,
});
export type LineItemNode = z.output<typeof lineItemNode>;

export const orderNode = z.looseObject({
  id: z.string(),
  name: z.string(),
  email: text,
  phone: text,
  createdAt: z.string(),
  updatedAt: z.string(),
  processedAt: text,
  cancelledAt: text,
  displayFinancialStatus: text,
  displayFulfillmentStatus: text,
  totalPriceSet: moneyBag,
  customer: z.looseObject({ id: z.string(), displayName: text, firstName: text, lastName: text }).nullish(),
  lineItems: connectionOf(lineItemNode),
});
export type OrderNode = z.output<typeof orderNode>;

const mailingAddress = z.looseObject({
  address1: text,
  address2: text,
  city: text,
  province: text,
  zip: text,
  country: text,
  company: text,
});

export const customerNode = z.looseObject({
  id: z.string(),
  firstName: text,
  lastName: text,
  displayName: text,
  // `email`/`phone` are deprecated since 2025-04 in favour of these objects.
  defaultEmailAddress: z.looseObject({ emailAddress: text }).nullish(),
  defaultPhoneNumber: z.looseObject({ phoneNumber: text }).nullish(),
  defaultAddress: mailingAddress.nullish(),
  note: text,
  tags: z.array(z.string()).nullish(),
  updatedAt: z.string(),
});
export type CustomerNode = z.output<typeof customerNode>;

export const variantNode = z.looseObject({
  id: z.string(),
  title: z.string(),
  sku: text,
  /** `Money` scalar: a decimal string in the shop's currency. */
  price: z.string().nullish(),
  barcode: text,
  inventoryQuantity: z.number().int().nullish(),
  updatedAt: text,
});
export type VariantNode = z.output<typeof variantNode>;

export const productNode = z.looseObject({
  id: z.string(),
  title: z.string(),
  productType: text,
  updatedAt: z.string(),
  variants: connectionOf(variantNode),
});
export type ProductNode = z.output<typeof productNode>;

/** A variant fetched on its own (records mode) carries its product's title. */
export const standaloneVariantNode = variantNode.extend({
  product: z.looseObject({ id: z.string(), title: z.string(), productType: text, updatedAt: z.string() }),
});

export const inventoryLevelNode = z.looseObject({
  id: z.string(),
  updatedAt: text,
  location: z.looseObject({ id: z.string(), name: z.string() }),
  quantities: z.array(z.looseObject({ name: z.string(), quantity: z.number().int() })),
});

export const inventoryItemNode = z.looseObject({
  id: z.string(),
  sku: text,
  updatedAt: z.string(),
  inventoryLevels: connectionOf(inventoryLevelNode),
});
export type InventoryItemNode = z.output<typeof inventoryItemNode>;

export const shopNode = z.looseObject({
  name: z.string(),
  myshopifyDomain: z.string(),
  currencyCode: z.string(),
});

// https://shopify.dev/docs/api/admin-graphql/latest/objects/BulkOperation
export const bulkOperationNode = z.looseObject({
  id: z.string(),
  status: z.string(),
  errorCode: text,
  objectCount: z.union([z.string(), z.number()]).nullish(),
  rootObjectCount: z.union([z.string(), z.number()]).nullish(),
  url: text,
  partialDataUrl: text,
});
export type BulkOperationNode = z.output<typeof bulkOperationNode>;

export const userErrors = z.array(
  z.looseObject({ field: z.array(z.string()).nullish(), message: z.string() }),
);

// --- REST-shaped webhook payloads ----------------------------------------------------------------

/** Webhook ids are int64: above 2^53 they arrive as strings (see `parseWebhookJson`). */
const restId = z.union([z.number(), z.string()]).transform(String);
const decimal = z.union([z.string(), z.number()]).transform(String);

export const restCustomer = z.looseObject({
  id: restId,
  email: text,
  first_name: text,
  last_name: text,
  phone: text,
  note: text,
  // Dropped from customer webhooks in 2025-01; still present on older versions.
  tags: z.union([z.string(), z.array(z.string())]).nullish(),
  updated_at: text,
  default_address: z
    .looseObject({
      address1: text,
      address2: text,
      city: text,
      province: text,
      zip: text,
      country: text,
      company: text,
    })
    .nullish(),
});

export const restOrder = z.looseObject({
  id: restId,
  name: z.string(),
  email: text,
  phone: text,
  created_at: z.string(),
  updated_at: text,
  processed_at: text,
  cancelled_at: text,
  currency: z.string(),
  total_price: decimal,
  financial_status: text,
  fulfillment_status: text,
  customer: restCustomer.nullish(),
  line_items: z.array(
    z.looseObject({ sku: text, title: z.string(), quantity: z.number().int(), price: decimal }),
  ),
});

export const restProduct = z.looseObject({
  id: restId,
  title: z.string(),
  product_type: text,
  updated_at: text,
  variants: z.array(
    z.looseObject({
      id: restId,
      title: z.string(),
      sku: text,
      price: decimal.nullish(),
      barcode: text,
      inventory_quantity: z.number().int().nullish(),
      updated_at: text,
    }),
  ),
});

export const restInventoryLevel = z.looseObject({
  inventory_item_id: restId,
  location_id: restId,
  available: z.number().int().nullish(),
  updated_at: text,
});

export const restDeleted = z.looseObject({ id: restId });

// --- stock write-back ----------------------------------------------------------------------------

export const stockLevelNode = z.looseObject({
  location: z.looseObject({ id: z.string(), name: z.string() }),
  quantities: z.array(z.looseObject({ name: z.string(), quantity: z.number().int() })),
});
export type StockLevelNode = z.output<typeof stockLevelNode>;

export const stockVariantNode = z.looseObject({
  id: z.string(),
  title: text,
  sku: text,
  product: z.looseObject({ id: z.string(), title: z.string() }).nullish(),
  inventoryItem: z.looseObject({ id: z.string(), inventoryLevels: connectionOf(stockLevelNode) }),
});
export type StockVariantNode = z.output<typeof stockVariantNode>;

export const stockBySkuData = z.looseObject({ productVariants: connectionOf(stockVariantNode) });

// https://shopify.dev/docs/api/admin-graphql/latest/objects/InventorySetQuantitiesUserError
export const inventorySetQuantitiesData = z.looseObject({
  inventorySetQuantities: z.looseObject({
    inventoryAdjustmentGroup: z.looseObject({ id: z.string() }).nullish(),
    userErrors: z.array(
      z.looseObject({ code: text, field: z.array(z.string()).nullish(), message: z.string() }),
    ),
  }),
});
