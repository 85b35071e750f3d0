/**
 * A simulated Shopify Admin GraphQL API for tests (msw) and benchmarks (msw or a loopback server).
 *
 * It enforces Shopify's leaky bucket (https://shopify.dev/docs/api/usage/rate-limits): the bucket
 * holds 20 × `restoreRate` points and refills continuously; a query whose requested cost is more than
 * what the bucket holds is answered HTTP 200 with `errors[0].extensions.code = "THROTTLED"` and
 * `actualQueryCost: null`; otherwise the requested cost is taken, the query runs, and the difference
 * to the actual cost is refunded. Every answer carries `extensions.cost` like Shopify's. Costs come
 * from shopify-cost.ts; the schema and data from shopify-schema.ts and shopify-data.ts.
 *
 * @example
 *   let now = Date.parse('2026-11-23T09:00:00Z');
 *   const store = createShopifyStore({ orders: 500, restoreRate: 100, now: () => now });
 *   const server = setupServer(...shopifyHandlers(store));
 *   // benchmarks: const loopback = await startShopifyServer(createShopifyStore({ orders: 20_000 }));
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  type DocumentNode,
  execute,
  type GraphQLError,
  getOperationAST,
  Kind,
  parse,
  validate,
} from 'graphql';
import { http } from 'msw';
import { actualCost, requestedCost } from './shopify-cost.ts';
import { type CostLogEntry, createShopifyStore, type ShopifyStore } from './shopify-data.ts';
import { rootResolvers, type SimContext, shopifySchema } from './shopify-schema.ts';

export type {
  CostLogEntry,
  Fault,
  InventoryChangeRecord,
  ShopifySimOptions,
  ShopifyStore,
} from './shopify-data.ts';
export { createShopifyStore, generateOrders, quantityAt, setQuantity } from './shopify-data.ts';

export const invalidTokenBody = {
  errors: '[API] Invalid API key or access token (unrecognized login or wrong password)',
};
const maxSingleQueryCost = 1000;

function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8' },
  });
}

/** Refills the bucket for the time since it was last touched and returns what it holds now. */
function refill(store: ShopifyStore): number {
  const now = store.now();
  const restored = (Math.max(0, now - store.bucket.at) / 1000) * store.restoreRate;
  store.bucket.available = Math.min(store.maximumAvailable, store.bucket.available + restored);
  store.bucket.at = now;
  return store.bucket.available;
}

function costExtension(store: ShopifyStore, requested: number, actual: number | null) {
  return {
    cost: {
      requestedQueryCost: requested,
      actualQueryCost: actual,
      throttleStatus: {
        maximumAvailable: store.maximumAvailable,
        currentlyAvailable: Math.floor(store.bucket.available),
        restoreRate: store.restoreRate,
      },
    },
  };
}

function throttled(store: ShopifyStore, requested: number): Response {
  store.stats.throttled += 1;
  return json({
    errors: [
      {
        message: 'Throttled',
        extensions: { code: 'THROTTLED', documentation: 'https://shopify.dev/api/usage/rate-limits' },
      },
    ],
    extensions: costExtension(store, requested, null),
  });
}

async function graphqlAnswer(store: ShopifyStore, request: Request, apiVersion: string): Promise<Response> {
  const fault = store.faults.shift();
  if (fault) {
    store.stats.faults += 1;
    if ('throttle' in fault) return throttled(store, 0);
    return new Response(fault.body ?? JSON.stringify({ errors: 'Internal Server Error' }), {
      status: 'status' in fault ? fault.status : 200,
      headers: { 'content-type': 'application/json' },
    });
  }
  const body = (await request.json()) as {
    query?: string;
    variables?: Record<string, unknown>;
    operationName?: string;
  };
  let document: DocumentNode;
  try {
    document = parse(body.query ?? '');
  } catch (error) {
    return json({
      errors: [{ message: (error as GraphQLError).message, extensions: { code: 'parseError' } }],
    });
  }
  const invalid = validate(shopifySchema, document);
  if (invalid.length > 0) return json({ errors: invalid.map((error) => error.toJSON()) });
  const variables = body.variables ?? {};
  const requested = requestedCost(shopifySchema, document, variables, body.operationName);
  refill(store);
  if (requested > maxSingleQueryCost)
    return json({
      errors: [
        {
          message: `Query cost is ${requested}, which exceeds the single query max cost limit (${maxSingleQueryCost}).`,
          extensions: { code: 'MAX_COST_EXCEEDED', cost: requested, maxCost: maxSingleQueryCost },
        },
      ],
      extensions: costExtension(store, requested, null),
    });
  if (requested > store.bucket.available) return throttled(store, requested);
  store.bucket.available -= requested;
  const operation = getOperationAST(document, body.operationName);
  if (operation?.operation === 'mutation') {
    store.beforeMutation.shift()?.(store);
    store.mutations.push({
      fields: operation.selectionSet.selections.flatMap((selection) =>
        selection.kind === Kind.FIELD ? [selection.name.value] : [],
      ),
      variables,
      at: store.now(),
    });
  }
  const result = await execute({
    schema: shopifySchema,
    document,
    rootValue: rootResolvers,
    contextValue: { store, bulk: false, apiVersion } satisfies SimContext,
    variableValues: variables,
    operationName: body.operationName,
  });
  const actual = result.data
    ? actualCost(shopifySchema, document, variables, result.data, body.operationName)
    : 0;
  store.bucket.available = Math.min(
    store.maximumAvailable,
    store.bucket.available + Math.max(0, requested - actual),
  );
  store.costLog.push({ requested, actual, at: store.now() });
  return json({ ...result, extensions: costExtension(store, requested, actual) });
}

/** Answers one request the way Shopify (and the storage behind bulk results) would. */
export async function handleShopifyRequest(store: ShopifyStore, request: Request): Promise<Response> {
  const url = new URL(request.url);
  if (request.method === 'GET' && url.pathname.includes('/bulk-results/')) {
    const text = store.bulkFiles.get(url.pathname.slice(url.pathname.lastIndexOf('/') + 1));
    // Cloud storage answers an expired or unknown signed URL with 403 and an XML error.
    if (text === undefined) return new Response('<Error><Code>AccessDenied</Code></Error>', { status: 403 });
    return new Response(text, { headers: { 'content-type': 'application/jsonl' } });
  }
  const version = /^\/admin\/api\/(\d{4}-\d{2}|unstable)\/graphql\.json$/.exec(url.pathname)?.[1];
  if (request.method !== 'POST' || !version) return json({ errors: 'Not Found' }, 404);
  store.stats.requests += 1;
  if (request.headers.get('x-shopify-access-token') !== store.accessToken) {
    store.stats.unauthorized += 1;
    return json(invalidTokenBody, 401);
  }
  return graphqlAnswer(store, request, version);
}

/**
 * msw handlers for one simulated shop: its GraphQL endpoint and its bulk result files. `anyOrigin`
 * matches the paths on every host (for `startLoopbackVendor`, whose requests arrive at 127.0.0.1).
 */
export function shopifyHandlers(store: ShopifyStore, options: { anyOrigin?: boolean } = {}) {
  const origin = options.anyOrigin ? '*' : `https://${store.shop}`;
  const bulk = options.anyOrigin ? '*/bulk-results' : store.bulkBaseUrl;
  return [
    http.post(`${origin}/admin/api/:version/graphql.json`, ({ request }) =>
      handleShopifyRequest(store, request),
    ),
    http.get(`${bulk}/:file`, ({ request }) => handleShopifyRequest(store, request)),
  ];
}

/**
 * The simulator on a real loopback HTTP server (benchmarks: no msw interception cost). Point the
 * connector at it with the returned `fetch`, which sends `https://<shop>/…` to the server; bulk result
 * URLs already point at the server.
 */
export async function startShopifyServer(
  store: ShopifyStore = createShopifyStore(),
): Promise<{ url: string; store: ShopifyStore; fetch: typeof fetch; close(): Promise<void> }> {
  const server = createServer((incoming, outgoing) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', async () => {
      const headers = new Headers();
      for (const [name, value] of Object.entries(incoming.headers))
        if (typeof value === 'string') headers.set(name, value);
      const request = new Request(`http://${incoming.headers.host}${incoming.url}`, {
        method: incoming.method,
        headers,
        body: incoming.method === 'GET' ? undefined : Buffer.concat(chunks),
      });
      const response = await handleShopifyRequest(store, request);
      outgoing.writeHead(response.status, Object.fromEntries(response.headers));
      outgoing.end(Buffer.from(await response.arrayBuffer()));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  store.bulkBaseUrl = `${url}/bulk-results`;
  const loopbackFetch: typeof fetch = (input, init) => {
    const target = new URL(input instanceof Request ? input.url : String(input));
    if (target.host === store.shop) {
      target.protocol = 'http:';
      target.host = new URL(url).host;
    }
    return fetch(input instanceof Request ? new Request(target, input) : target, init);
  };
  return {
    url,
    store,
    fetch: loopbackFetch,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * The least time Shopify's bucket allows for these queries, run one after another with zero latency:
 * before each query the bucket must hold its requested cost (waiting `(requested − available) /
 * restoreRate`), after it the actual cost is gone. Feed it `store.costLog` after a sync.
 */
export function rateLimitLowerBoundMs(
  log: readonly Pick<CostLogEntry, 'requested' | 'actual'>[],
  restoreRate: number,
  maximumAvailable = 20 * restoreRate,
): number {
  let available = maximumAvailable;
  let waitedMs = 0;
  for (const { requested, actual } of log) {
    if (available < requested) {
      waitedMs += ((requested - available) / restoreRate) * 1000;
      available = requested;
    }
    available -= actual;
  }
  return waitedMs;
}
