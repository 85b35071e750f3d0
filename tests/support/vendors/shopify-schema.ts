/**
 * Resolvers of the simulated GraphQL Admin API over the simulated shop (shopify-data.ts): views that
 * turn stored nodes into GraphQL objects with paginated nested connections, `node(id:)`, the bulk
 * operation lifecycle with its JSONL file, webhook subscriptions, and `inventorySetQuantities` with
 * compare-and-swap and `@idempotent` keys.
 */
import { executeSync, GraphQLError, type GraphQLResolveInfo, parse } from 'graphql';
import {
  type BulkOperationState,
  type InventoryItemData,
  legacyIdOf,
  type OrderData,
  type ProductData,
  type ShopifyStore,
  type VariantData,
} from './shopify-data.ts';
import {
  type InventorySetQuantitiesInput,
  idempotencyKeyOf,
  inventorySetQuantities,
} from './shopify-inventory.ts';
import { shopifySchema } from './shopify-sdl.ts';

export { shopifySchema };

export interface SimContext {
  store: ShopifyStore;
  /** Inside a bulk operation: connections return everything and need no `first`. */
  bulk: boolean;
  /** The version in the request path (`2026-10`, `unstable`); behaviour that changed follows it. */
  apiVersion?: string;
}

interface PageArgs {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  query?: string | null;
}

const encodeCursor = (id: number) => btoa(JSON.stringify({ last_id: id, last_value: String(id) }));
const decodeCursor = (cursor: string): number => {
  try {
    return Number((JSON.parse(atob(cursor)) as { last_id: number }).last_id);
  } catch {
    throw new GraphQLError('Invalid cursor for current pagination sort.', {
      extensions: { code: 'BAD_REQUEST' },
    });
  }
};

/** A search value without its quotes and backslash escapes: `'O\'Neil'` → `O'Neil`. */
function searchValue(raw: string): string {
  const quoted = /^(['"])(.*)\1$/s.exec(raw);
  return (quoted ? (quoted[2] ?? '') : raw).replace(/\\(.)/g, '$1');
}

/**
 * Shopify search syntax, the part the connector uses: `updated_at:>='2026-01-01T00:00:00Z' id:123`
 * and `sku:'KNG-RED'` (https://shopify.dev/docs/api/usage/search-syntax; `sku` exact and
 * case-insensitive here).
 */
export function searchFilter(query: string | null | undefined): (item: Record<string, unknown>) => boolean {
  const terms = [
    ...(query ?? '').matchAll(
      /(updated_at|created_at|id|sku):(>=|<=|>|<)?('(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|(?:[^\s\\]|\\.)+)/g,
    ),
  ];
  return (item) =>
    terms.every(([, field, operator, quoted = '']) => {
      const raw = searchValue(quoted);
      if (field === 'sku') return String(item.sku ?? '').toLowerCase() === raw.toLowerCase();
      const left =
        field === 'id'
          ? legacyIdOf(String(item.id))
          : Date.parse(String(item[field === 'updated_at' ? 'updatedAt' : 'createdAt']));
      const right = field === 'id' ? Number(raw) : Date.parse(raw);
      if (operator === '>=') return left >= right;
      if (operator === '<=') return left <= right;
      if (operator === '>') return left > right;
      if (operator === '<') return left < right;
      return left === right;
    });
}

function connection<Item extends { id: string }>(
  all: readonly Item[],
  args: PageArgs,
  context: SimContext,
  view: (item: Item) => unknown,
) {
  if (args.last != null) throw new GraphQLError('The simulator pages forwards only (first/after).');
  if (!context.bulk && args.first == null)
    throw new GraphQLError('you must provide one of first or last', { extensions: { code: 'BAD_REQUEST' } });
  if ((args.first ?? 0) > 250)
    throw new GraphQLError('The maximum value of first is 250.', { extensions: { code: 'BAD_REQUEST' } });
  const matches = searchFilter(args.query);
  const items = args.query ? all.filter((item) => matches(item as Record<string, unknown>)) : all;
  let start = 0;
  if (args.after) {
    const afterId = decodeCursor(args.after);
    let low = 0;
    let high = items.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (legacyIdOf((items[middle] as Item).id) <= afterId) low = middle + 1;
      else high = middle;
    }
    start = low;
  }
  const page = context.bulk ? items.slice(start) : items.slice(start, start + (args.first ?? 0));
  const cursorOf = (item: Item) => encodeCursor(legacyIdOf(item.id));
  const views = page.map(view);
  const first = page[0];
  const last = page.at(-1);
  return {
    nodes: views,
    edges: page.map((item, index) => ({ cursor: cursorOf(item), node: views[index] })),
    pageInfo: {
      hasNextPage: start + page.length < items.length,
      hasPreviousPage: start > 0,
      startCursor: first ? cursorOf(first) : null,
      endCursor: last ? cursorOf(last) : null,
    },
  };
}

function customerView(store: ShopifyStore, id: string, fallback?: Record<string, unknown>) {
  const customer = store.customers.find((candidate) => candidate.id === id);
  if (!customer) return fallback ? { __typename: 'Customer', tags: [], ...fallback } : null;
  return { __typename: 'Customer', ...customer };
}

function orderView(store: ShopifyStore, order: OrderData) {
  return {
    __typename: 'Order',
    ...order,
    customer: () => (order.customer ? customerView(store, order.customer.id, order.customer) : null),
    lineItems: (args: PageArgs, context: SimContext) =>
      connection(order.lineItems.nodes, args, context, (item) => ({ __typename: 'LineItem', ...item })),
  };
}

function productView(store: ShopifyStore, product: ProductData) {
  return {
    __typename: 'Product',
    ...product,
    variants: (args: PageArgs, context: SimContext) =>
      connection(product.variants.nodes, args, context, (variant) => variantView(store, product, variant)),
  };
}

function variantView(store: ShopifyStore, product: ProductData, variant: VariantData) {
  return {
    __typename: 'ProductVariant',
    ...variant,
    product: () => productView(store, product),
    inventoryItem: () => {
      const item = store.inventoryItems.find((candidate) => candidate.id === variant.inventoryItem.id);
      return item ? itemView(item) : null;
    },
  };
}

function itemView(item: InventoryItemData) {
  return {
    __typename: 'InventoryItem',
    ...item,
    inventoryLevels: (args: PageArgs, context: SimContext) =>
      connection(item.inventoryLevels.nodes, args, context, (level) => ({
        __typename: 'InventoryLevel',
        ...level,
        item: () => itemView(item),
        quantities: ({ names }: { names: string[] }) =>
          level.quantities.filter((quantity) => names.includes(quantity.name)),
      })),
  };
}

const orderIndexes = new WeakMap<OrderData[], Map<string, OrderData>>();

/** Orders by id, rebuilt when a test adds or removes orders (benchmarks hold 100,000). */
function orderById(store: ShopifyStore, id: string): OrderData | undefined {
  let index = orderIndexes.get(store.orders);
  if (!index || index.size !== store.orders.length) {
    index = new Map(store.orders.map((order) => [order.id, order]));
    orderIndexes.set(store.orders, index);
  }
  return index.get(id);
}

/** Any object by its global id, as `node(id:)` and `nodes(ids:)` see it. */
export function nodeById(store: ShopifyStore, id: string): unknown {
  const type = /^gid:\/\/shopify\/(\w+)\//.exec(id)?.[1];
  if (type === 'Order') {
    const order = orderById(store, id);
    return order ? orderView(store, order) : null;
  }
  if (type === 'Customer') return customerView(store, id);
  if (type === 'Product') {
    const product = store.products.find((candidate) => candidate.id === id);
    return product ? productView(store, product) : null;
  }
  if (type === 'ProductVariant') {
    for (const product of store.products) {
      const variant = product.variants.nodes.find((candidate) => candidate.id === id);
      if (variant) return variantView(store, product, variant);
    }
    return null;
  }
  if (type === 'InventoryItem') {
    const item = store.inventoryItems.find((candidate) => candidate.id === id);
    return item ? itemView(item) : null;
  }
  if (type === 'Location') {
    const location = store.locations.find((candidate) => candidate.id === id);
    return location ? { __typename: 'Location', ...location } : null;
  }
  const operation = store.bulkOperations.get(id);
  return operation ? bulkView(store, operation) : null;
}

// --- bulk operations -----------------------------------------------------------------------------

/** Each read moves an operation on: CREATED → RUNNING → … → COMPLETED after `bulkPollsUntilDone`. */
function bulkView(store: ShopifyStore, operation: BulkOperationState) {
  if (operation.status === 'CREATED' || operation.status === 'RUNNING') {
    operation.polls += 1;
    if (operation.polls >= store.bulkPollsUntilDone) finishBulk(store, operation);
    else operation.status = 'RUNNING';
  }
  return { __typename: 'BulkOperation', type: 'QUERY', partialDataUrl: null, ...operation };
}

type Json = Record<string, unknown>;
const isConnection = (value: unknown): value is { edges?: { node: Json }[]; nodes?: Json[] } =>
  typeof value === 'object' &&
  value !== null &&
  (Array.isArray((value as Json).edges) || Array.isArray((value as Json).nodes));
const nodesOf = (value: { edges?: { node: Json }[]; nodes?: Json[] }) =>
  value.nodes ?? value.edges?.map((edge) => edge.node) ?? [];

/** One object's line and its descendants' lines (`__parentId`), connections flattened. */
function flatten(node: Json, parentId?: string): { line: string; children: string[] } {
  const own: Json = {};
  const children: string[] = [];
  for (const [key, value] of Object.entries(node)) {
    if (!isConnection(value)) own[key] = value;
    else
      for (const child of nodesOf(value)) {
        const flat = flatten(child, String(node.id));
        children.push(flat.line, ...flat.children);
      }
  }
  return { line: JSON.stringify(parentId ? { ...own, __parentId: parentId } : own), children };
}

/**
 * Lines as an ungrouped export writes them: every child after its parent, but half of a parent's
 * children only after the next parent (P0 c0a P1 c0b c1a P2 c1b c2a …).
 */
export function interleave(groups: { line: string; children: string[] }[]): string[] {
  const lines: string[] = [];
  let carried: string[] = [];
  for (const group of groups) {
    lines.push(group.line, ...carried);
    const half = Math.ceil(group.children.length / 2);
    lines.push(...group.children.slice(0, half));
    carried = group.children.slice(half);
  }
  lines.push(...carried);
  return lines;
}

function finishBulk(store: ShopifyStore, operation: BulkOperationState): void {
  const at = new Date(store.now()).toISOString();
  if (store.bulkFailure) {
    Object.assign(operation, { status: 'FAILED', errorCode: store.bulkFailure, completedAt: at });
    store.bulkFailure = null;
    return;
  }
  const result = executeSync({
    schema: shopifySchema,
    document: parse(operation.query),
    rootValue: rootResolvers,
    contextValue: { store, bulk: true } satisfies SimContext,
  });
  if (result.errors?.length || !result.data) {
    Object.assign(operation, { status: 'FAILED', errorCode: 'INTERNAL_SERVER_ERROR', completedAt: at });
    return;
  }
  const root = Object.values(result.data).find(isConnection);
  const groups = root ? nodesOf(root).map((node) => flatten(node)) : [];
  const lines = interleave(groups);
  const file = `${legacyIdOf(operation.id)}.jsonl`;
  const text = lines.length ? `${lines.join('\n')}\n` : '';
  store.bulkFiles.set(file, text);
  Object.assign(operation, {
    status: 'COMPLETED',
    completedAt: at,
    objectCount: lines.length,
    rootObjectCount: groups.length,
    fileSize: text.length,
    url: lines.length ? `${store.bulkBaseUrl}/${file}` : null,
  });
}

// --- root fields ---------------------------------------------------------------------------------

type Args = Record<string, unknown>;

export const rootResolvers = {
  shop: (_: Args, { store }: SimContext) => store.shopInfo,
  orders: (args: PageArgs, context: SimContext) =>
    connection(context.store.orders, args, context, (order) => orderView(context.store, order)),
  customers: (args: PageArgs, context: SimContext) =>
    connection(context.store.customers, args, context, (customer) => ({
      __typename: 'Customer',
      ...customer,
    })),
  products: (args: PageArgs, context: SimContext) =>
    connection(context.store.products, args, context, (product) => productView(context.store, product)),
  inventoryItems: (args: PageArgs, context: SimContext) =>
    connection(context.store.inventoryItems, args, context, itemView),
  productVariants: (args: PageArgs, context: SimContext) => {
    const all = context.store.products
      .flatMap((product) => product.variants.nodes.map((variant) => ({ product, variant, id: variant.id })))
      .sort((left, right) => legacyIdOf(left.id) - legacyIdOf(right.id));
    const views = new Map(all.map((entry) => [entry.variant, entry.product]));
    return connection(
      all.map((entry) => entry.variant),
      args,
      context,
      (variant) => variantView(context.store, views.get(variant) as ProductData, variant),
    );
  },
  ordersCount: (
    { query, limit }: { query?: string | null; limit?: number | null },
    { store }: SimContext,
  ) => {
    const matches = searchFilter(query);
    const count = store.orders.filter((order) => matches(order as unknown as Json)).length;
    return limit != null && count > limit
      ? { count: limit, precision: 'AT_LEAST' }
      : { count, precision: 'EXACT' };
  },
  node: ({ id }: { id: string }, { store }: SimContext) => nodeById(store, id),
  nodes: ({ ids }: { ids: string[] }, { store }: SimContext) => ids.map((id) => nodeById(store, id)),
  currentBulkOperation: (_: Args, { store }: SimContext) => {
    const latest = [...store.bulkOperations.values()].at(-1);
    return latest ? bulkView(store, latest) : null;
  },
  bulkOperationRunQuery: ({ query }: { query: string }, { store }: SimContext) => {
    try {
      parse(query);
    } catch (error) {
      return {
        bulkOperation: null,
        userErrors: [{ field: ['query'], message: `Invalid bulk query: ${(error as Error).message}` }],
      };
    }
    store.counter += 1;
    const operation: BulkOperationState = {
      id: `gid://shopify/BulkOperation/${720_000_000 + store.counter}`,
      status: 'CREATED',
      errorCode: null,
      query,
      polls: 0,
      createdAt: new Date(store.now()).toISOString(),
      completedAt: null,
      objectCount: 0,
      rootObjectCount: 0,
      fileSize: null,
      url: null,
    };
    store.bulkOperations.set(operation.id, operation);
    return { bulkOperation: { __typename: 'BulkOperation', type: 'QUERY', ...operation }, userErrors: [] };
  },
  webhookSubscriptionCreate: (
    {
      topic,
      webhookSubscription,
    }: { topic: string; webhookSubscription: { uri?: string; callbackUrl?: string; format?: string } },
    { store }: SimContext,
  ) => {
    const uri = webhookSubscription.uri ?? webhookSubscription.callbackUrl;
    if (!uri)
      return {
        webhookSubscription: null,
        userErrors: [{ field: ['webhookSubscription'], message: 'Address can’t be blank' }],
      };
    if (store.webhookSubscriptions.some((existing) => existing.topic === topic && existing.uri === uri))
      return {
        webhookSubscription: null,
        userErrors: [
          {
            field: ['webhookSubscription', 'callbackUrl'],
            message: 'Address for this topic has already been taken',
          },
        ],
      };
    store.counter += 1;
    const subscription = {
      id: `gid://shopify/WebhookSubscription/${900_000 + store.counter}`,
      topic,
      uri,
      format: webhookSubscription.format ?? 'JSON',
    };
    store.webhookSubscriptions.push(subscription);
    return { webhookSubscription: { __typename: 'WebhookSubscription', ...subscription }, userErrors: [] };
  },
  inventorySetQuantities: (
    { input }: { input: InventorySetQuantitiesInput },
    context: SimContext,
    info: GraphQLResolveInfo,
  ) => inventorySetQuantities(input, context, idempotencyKeyOf(info)),
};
