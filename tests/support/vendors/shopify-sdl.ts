/**
 * A slice of the GraphQL Admin API schema (field names and types as shopify.dev documents them for
 * 2026-10), executed with graphql-js over the simulated shop, so a misspelt field or a wrong argument
 * in the connector fails here as it would against Shopify. Connections page by ascending id whatever
 * the `sortKey` (enough for cursor semantics); `query:` understands `updated_at`, `created_at` and
 * `id` terms with `:`, `:>`, `:>=`, `:<`, `:<=`, and `sku:` (exact, case-insensitive; the value bare
 * or quoted, a backslash escaping a quote or backslash inside quotes).
 *
 * Inventory writes follow 2026-10 (https://shopify.dev/docs/api/admin-graphql/latest/mutations/inventorySetQuantities):
 * since 2026-04 `InventoryQuantityInput.changeFromQuantity` is mandatory (explicit null opts out of the
 * compare-and-swap check) and `compareQuantity` / `ignoreCompareQuantity` are gone; the mutation needs
 * an `@idempotent(key:)` directive, which the schema does not mark as required (a runtime error).
 */
import { buildSchema } from 'graphql';

export const shopifySchema = buildSchema(/* GraphQL */ `
  schema { query: QueryRoot mutation: Mutation }
  "https://shopify.dev/docs/api/usage/idempotent-requests: the key of a mutation that must not run twice."
  directive @idempotent(key: String!) on FIELD
  scalar DateTime
  scalar Decimal
  scalar Money
  scalar URL
  scalar UnsignedInt64
  interface Node { id: ID! }
  type PageInfo { hasNextPage: Boolean! hasPreviousPage: Boolean! startCursor: String endCursor: String }
  enum CurrencyCode { KES TZS UGX RWF ETB NGN GHS ZAR USD EUR GBP }
  type MoneyV2 { amount: Decimal! currencyCode: CurrencyCode! }
  type MoneyBag { shopMoney: MoneyV2! presentmentMoney: MoneyV2! }
  type Shop { name: String! myshopifyDomain: String! currencyCode: CurrencyCode! ianaTimezone: String! }
  type Location implements Node { id: ID! name: String! }
  type CustomerEmailAddress { emailAddress: String }
  type CustomerPhoneNumber { phoneNumber: String! }
  type MailingAddress { address1: String address2: String city: String province: String zip: String country: String company: String }
  type Customer implements Node {
    id: ID! firstName: String lastName: String displayName: String! note: String tags: [String!]!
    defaultEmailAddress: CustomerEmailAddress defaultPhoneNumber: CustomerPhoneNumber defaultAddress: MailingAddress
    createdAt: DateTime! updatedAt: DateTime! numberOfOrders: UnsignedInt64!
  }
  type CustomerEdge { cursor: String! node: Customer! }
  type CustomerConnection { edges: [CustomerEdge!]! nodes: [Customer!]! pageInfo: PageInfo! }
  enum OrderDisplayFinancialStatus { PENDING AUTHORIZED PARTIALLY_PAID PARTIALLY_REFUNDED VOIDED PAID REFUNDED EXPIRED }
  enum OrderDisplayFulfillmentStatus { UNFULFILLED PARTIALLY_FULFILLED FULFILLED RESTOCKED PENDING_FULFILLMENT OPEN IN_PROGRESS ON_HOLD SCHEDULED REQUEST_DECLINED }
  type LineItem {
    id: ID! sku: String title: String! name: String! variantTitle: String quantity: Int! currentQuantity: Int!
    originalUnitPriceSet: MoneyBag!
  }
  type LineItemEdge { cursor: String! node: LineItem! }
  type LineItemConnection { edges: [LineItemEdge!]! nodes: [LineItem!]! pageInfo: PageInfo! }
  type Order implements Node {
    id: ID! legacyResourceId: UnsignedInt64! name: String! email: String phone: String
    createdAt: DateTime! updatedAt: DateTime! processedAt: DateTime! cancelledAt: DateTime closedAt: DateTime
    displayFinancialStatus: OrderDisplayFinancialStatus displayFulfillmentStatus: OrderDisplayFulfillmentStatus!
    currencyCode: CurrencyCode! tags: [String!]! note: String totalPriceSet: MoneyBag! subtotalPriceSet: MoneyBag
    customer: Customer
    lineItems(first: Int, after: String, last: Int, before: String, reverse: Boolean = false): LineItemConnection!
  }
  type OrderEdge { cursor: String! node: Order! }
  type OrderConnection { edges: [OrderEdge!]! nodes: [Order!]! pageInfo: PageInfo! }
  enum OrderSortKeys { CREATED_AT CUSTOMER_NAME ID ORDER_NUMBER PROCESSED_AT TOTAL_PRICE UPDATED_AT RELEVANCE }
  enum CustomerSortKeys { CREATED_AT ID LOCATION NAME RELEVANCE UPDATED_AT }
  enum ProductSortKeys { CREATED_AT ID INVENTORY_TOTAL PRODUCT_TYPE RELEVANCE TITLE UPDATED_AT VENDOR }
  enum ProductStatus { ACTIVE ARCHIVED DRAFT }
  enum ProductVariantSortKeys { ID INVENTORY_LEVELS_AVAILABLE INVENTORY_MANAGEMENT INVENTORY_POLICY NAME POPULAR POSITION RELEVANCE SKU TITLE }
  type ProductVariant implements Node {
    id: ID! title: String! sku: String price: Money! barcode: String inventoryQuantity: Int
    createdAt: DateTime! updatedAt: DateTime! product: Product! inventoryItem: InventoryItem!
  }
  type ProductVariantEdge { cursor: String! node: ProductVariant! }
  type ProductVariantConnection { edges: [ProductVariantEdge!]! nodes: [ProductVariant!]! pageInfo: PageInfo! }
  type Product implements Node {
    id: ID! title: String! handle: String! productType: String! vendor: String! status: ProductStatus!
    createdAt: DateTime! updatedAt: DateTime!
    variants(first: Int, after: String, last: Int, before: String, reverse: Boolean = false): ProductVariantConnection!
  }
  type ProductEdge { cursor: String! node: Product! }
  type ProductConnection { edges: [ProductEdge!]! nodes: [Product!]! pageInfo: PageInfo! }
  type InventoryQuantity { name: String! quantity: Int! }
  type InventoryLevel implements Node {
    id: ID! updatedAt: DateTime! location: Location! item: InventoryItem!
    quantities(names: [String!]!): [InventoryQuantity!]!
  }
  type InventoryLevelEdge { cursor: String! node: InventoryLevel! }
  type InventoryLevelConnection { edges: [InventoryLevelEdge!]! nodes: [InventoryLevel!]! pageInfo: PageInfo! }
  type InventoryItem implements Node {
    id: ID! sku: String tracked: Boolean! createdAt: DateTime! updatedAt: DateTime!
    inventoryLevels(first: Int, after: String, last: Int, before: String, reverse: Boolean = false): InventoryLevelConnection!
  }
  type InventoryItemEdge { cursor: String! node: InventoryItem! }
  type InventoryItemConnection { edges: [InventoryItemEdge!]! nodes: [InventoryItem!]! pageInfo: PageInfo! }
  enum CountPrecision { EXACT AT_LEAST }
  type Count { count: Int! precision: CountPrecision! }
  enum BulkOperationStatus { CANCELED CANCELING COMPLETED CREATED EXPIRED FAILED RUNNING }
  enum BulkOperationErrorCode { ACCESS_DENIED INTERNAL_SERVER_ERROR TIMEOUT }
  enum BulkOperationType { QUERY MUTATION }
  type BulkOperation implements Node {
    id: ID! status: BulkOperationStatus! errorCode: BulkOperationErrorCode createdAt: DateTime! completedAt: DateTime
    objectCount: UnsignedInt64! rootObjectCount: UnsignedInt64! fileSize: UnsignedInt64 url: URL partialDataUrl: URL
    query: String! type: BulkOperationType!
  }
  type BulkOperationUserError { field: [String!] message: String! }
  type BulkOperationRunQueryPayload { bulkOperation: BulkOperation userErrors: [BulkOperationUserError!]! }
  enum WebhookSubscriptionTopic {
    APP_UNINSTALLED BULK_OPERATIONS_FINISH CUSTOMERS_CREATE CUSTOMERS_DELETE CUSTOMERS_UPDATE INVENTORY_LEVELS_UPDATE
    ORDERS_CANCELLED ORDERS_CREATE ORDERS_DELETE ORDERS_PAID ORDERS_UPDATED PRODUCTS_CREATE PRODUCTS_DELETE PRODUCTS_UPDATE
  }
  enum WebhookSubscriptionFormat { JSON XML }
  input WebhookSubscriptionInput { uri: String callbackUrl: URL format: WebhookSubscriptionFormat includeFields: [String!] filter: String }
  type WebhookSubscription implements Node { id: ID! topic: WebhookSubscriptionTopic! uri: String! format: WebhookSubscriptionFormat! }
  type UserError { field: [String!] message: String! }
  type WebhookSubscriptionCreatePayload { webhookSubscription: WebhookSubscription userErrors: [UserError!]! }
  input InventoryQuantityInput { changeFromQuantity: Int inventoryItemId: ID! locationId: ID! quantity: Int! }
  input InventorySetQuantitiesInput {
    name: String! quantities: [InventoryQuantityInput!]! reason: String! referenceDocumentUri: String
  }
  type InventoryChange {
    name: String! delta: Int! quantityAfterChange: Int item: InventoryItem location: Location
  }
  type InventoryAdjustmentGroup implements Node {
    id: ID! createdAt: DateTime! reason: String! referenceDocumentUri: String
    changes(inventoryItemIds: [ID!], locationIds: [ID!], quantityNames: [String!]): [InventoryChange!]!
  }
  enum InventorySetQuantitiesUserErrorCode {
    CHANGE_FROM_QUANTITY_STALE COMPARE_QUANTITY_REQUIRED COMPARE_QUANTITY_STALE IDEMPOTENCY_CONCURRENT_REQUEST
    IDEMPOTENCY_KEY_PARAMETER_MISMATCH IDEMPOTENCY_PREVIOUS_ATTEMPT_FAILED INVALID_INVENTORY_ITEM INVALID_LOCATION
    INVALID_NAME INVALID_QUANTITY_NEGATIVE INVALID_QUANTITY_TOO_HIGH INVALID_QUANTITY_TOO_LOW INVALID_REASON
    INVALID_REFERENCE_DOCUMENT ITEM_NOT_STOCKED_AT_LOCATION NO_DUPLICATE_INVENTORY_ITEM_ID_GROUP_ID_PAIR
    NON_MUTABLE_INVENTORY_ITEM
  }
  type InventorySetQuantitiesUserError { code: InventorySetQuantitiesUserErrorCode field: [String!] message: String! }
  type InventorySetQuantitiesPayload {
    inventoryAdjustmentGroup: InventoryAdjustmentGroup userErrors: [InventorySetQuantitiesUserError!]!
  }
  type QueryRoot {
    shop: Shop!
    orders(first: Int, after: String, last: Int, before: String, reverse: Boolean = false, sortKey: OrderSortKeys = PROCESSED_AT, query: String): OrderConnection!
    customers(first: Int, after: String, last: Int, before: String, reverse: Boolean = false, sortKey: CustomerSortKeys = ID, query: String): CustomerConnection!
    products(first: Int, after: String, last: Int, before: String, reverse: Boolean = false, sortKey: ProductSortKeys = ID, query: String): ProductConnection!
    inventoryItems(first: Int, after: String, last: Int, before: String, reverse: Boolean = false, query: String): InventoryItemConnection!
    productVariants(first: Int, after: String, last: Int, before: String, reverse: Boolean = false, sortKey: ProductVariantSortKeys = ID, query: String): ProductVariantConnection!
    ordersCount(query: String, limit: Int = 10000): Count
    node(id: ID!): Node
    nodes(ids: [ID!]!): [Node]!
    currentBulkOperation(type: BulkOperationType = QUERY): BulkOperation
  }
  type Mutation {
    bulkOperationRunQuery(query: String!, groupObjects: Boolean = false): BulkOperationRunQueryPayload
    webhookSubscriptionCreate(topic: WebhookSubscriptionTopic!, webhookSubscription: WebhookSubscriptionInput!): WebhookSubscriptionCreatePayload
    inventorySetQuantities(input: InventorySetQuantitiesInput!): InventorySetQuantitiesPayload
  }
`);
