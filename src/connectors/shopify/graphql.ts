/**
 * The Admin GraphQL client: one POST endpoint, a calculated cost per query and a leaky bucket per
 * shop and app (https://shopify.dev/docs/api/usage/rate-limits). Every response reports
 * `extensions.cost { requestedQueryCost, actualQueryCost, throttleStatus { maximumAvailable,
 * currentlyAvailable, restoreRate } }`; a query that asks for more points than the bucket holds is
 * refused with HTTP 200 and `errors[].extensions.code = "THROTTLED"`.
 *
 * We wait before Shopify has to refuse us: when a reply comes back and the caller says what the next
 * query will request (a paging loop repeats one document, so by default: this reply's requested cost
 * when another page follows), we wait exactly `(next requested − currentlyAvailable) / restoreRate`
 * seconds before handing the reply back, through the HTTP client's `vendorWait` hook. The waiting therefore happens with the runtime's sleep (instant in
 * tests, real in production) and shows in the client's stats. The HTTP client offers no hook *before*
 * a request, which is why the wait sits at the end of the previous one, where the bucket state is
 * fresh (elapsed time 0). A THROTTLED answer (another job sharing the bucket, or a first query whose
 * cost we could not know) is retried after the wait computed from that answer, via `retryableBody`;
 * it only surfaces as an error when the retries run out.
 *
 * The bucket estimate is per client instance, like Shopify's bucket is per shop and app: two jobs on
 * one shop share Shopify's bucket but not our estimate, and the THROTTLED retry covers that.
 */
import type { z } from 'zod';
import type { ConnectorRuntime } from '../define.ts';
import { ConnectorError } from '../errors.ts';
import type { HttpResponse } from '../http-client.ts';
import type { ShopifyConfig } from './config.ts';
import { type GraphqlEnvelope, graphqlEnvelope, type QueryCost, type ThrottleStatus } from './schemas.ts';

export interface CostBucket {
  /** Records what a response said about the bucket at `atMs`. */
  observe(status: ThrottleStatus, atMs: number): void;
  /** Points available at `atMs`: as last seen, plus what restored since, capped at the maximum. */
  available(atMs: number): number | undefined;
  /** Milliseconds until `cost` points are available at `atMs`; 0 when they already are. */
  waitMs(cost: number, atMs: number): number;
  readonly last: (ThrottleStatus & { atMs: number }) | undefined;
}

export function createCostBucket(): CostBucket {
  let last: (ThrottleStatus & { atMs: number }) | undefined;
  const available = (atMs: number) => {
    if (!last) return undefined;
    const restored = (Math.max(0, atMs - last.atMs) / 1000) * last.restoreRate;
    return Math.min(last.maximumAvailable, last.currentlyAvailable + restored);
  };
  return {
    get last() {
      return last;
    },
    observe(status, atMs) {
      last = { ...status, atMs };
    },
    available,
    waitMs(cost, atMs) {
      const points = available(atMs);
      if (points === undefined || !last || last.restoreRate <= 0 || points >= cost) return 0;
      return Math.ceil(((cost - points) / last.restoreRate) * 1000);
    },
  };
}

export interface QueryOptions {
  /**
   * The requested cost of the query the caller sends right after this one (0 or undefined: none or
   * unknown); we wait for it before returning. Gets this reply's `data` and requested cost. Defaults
   * to "this reply's requested cost when a top-level connection has another page".
   */
  nextCost?(data: unknown, requested: number | undefined): number | undefined;
  /** An extra pause after this response in milliseconds (bulk-operation polling). */
  waitAfter?(data: unknown): number;
}

export interface AdminClientStats {
  requests: number;
  /** THROTTLED answers received (each retried). */
  throttled: number;
  /** Waits for the cost bucket, before the next page or after a THROTTLED answer. */
  waits: number;
  waitedMs: number;
}

export interface AdminClient {
  /** Runs a query or mutation; resolves to `data`, throws a ConnectorError for GraphQL `errors`. */
  query(document: string, variables?: Record<string, unknown>, options?: QueryOptions): Promise<unknown>;
  readonly bucket: CostBucket;
  readonly stats: AdminClientStats;
}

/** When a THROTTLED answer carries no usable cost, wait this long before retrying. */
const fallbackThrottleWaitMs = 1000;

function envelopeOf(response: HttpResponse): GraphqlEnvelope | undefined {
  const parsed = graphqlEnvelope.safeParse(response.body);
  return parsed.success ? parsed.data : undefined;
}

function errorsOf(envelope: GraphqlEnvelope) {
  const errors = envelope.errors;
  if (typeof errors === 'string') return [{ message: errors, extensions: null }];
  return errors ?? [];
}

function hasAnotherPage(data: unknown): boolean {
  if (!data || typeof data !== 'object') return false;
  return Object.values(data).some(
    (value) =>
      typeof value === 'object' &&
      value !== null &&
      (value as { pageInfo?: { hasNextPage?: unknown } }).pageInfo?.hasNextPage === true,
  );
}

function failureFor(errors: ReturnType<typeof errorsOf>): ConnectorError {
  const codes = errors.map((error) => error.extensions?.code ?? '');
  const message = errors
    .map((error) => error.message)
    .join('; ')
    .slice(0, 500);
  if (codes.includes('ACCESS_DENIED'))
    return new ConnectorError('permission', `Shopify refused access: ${message}`, { details: { codes } });
  if (codes.includes('INTERNAL_SERVER_ERROR'))
    return new ConnectorError('vendor_down', `Shopify had an internal error: ${message}`, {
      details: { codes },
    });
  if (codes.includes('THROTTLED'))
    return new ConnectorError('rate_limited', 'Shopify kept asking us to slow down', { details: { codes } });
  return new ConnectorError('rejected', `Shopify rejected the query: ${message}`, { details: { codes } });
}

export function createAdminClient(
  runtime: ConnectorRuntime<ShopifyConfig>,
  options: { maxRetries?: number } = {},
): AdminClient {
  const bucket = createCostBucket();
  const stats: AdminClientStats = { requests: 0, throttled: 0, waits: 0, waitedMs: 0 };
  const now = () => runtime.clock.now().getTime();

  const observe = (cost: QueryCost | null | undefined) => {
    if (cost?.throttleStatus) bucket.observe(cost.throttleStatus, now());
  };
  const countWait = (ms: number) => {
    stats.waits += 1;
    stats.waitedMs += ms;
  };

  return {
    bucket,
    stats,
    async query(document, variables = {}, queryOptions = {}) {
      const { shop, apiVersion, accessToken } = runtime.config;
      const http = runtime.http({
        baseUrl: `https://${shop}/admin/api/${apiVersion}/`,
        authorize: (headers) => headers.set('X-Shopify-Access-Token', accessToken),
        maxRetries: options.maxRetries ?? 10,
        retryableBody(response) {
          const envelope = envelopeOf(response);
          if (!envelope) return undefined;
          const cost = envelope.extensions?.cost;
          observe(cost);
          if (!errorsOf(envelope).some((error) => error.extensions?.code === 'THROTTLED')) return undefined;
          stats.throttled += 1;
          const requested = cost?.requestedQueryCost;
          const waitMs = (requested ? bucket.waitMs(requested, now()) : 0) || fallbackThrottleWaitMs;
          countWait(waitMs);
          return { waitMs };
        },
        vendorWait(response) {
          if (response.status !== 200) return undefined;
          const envelope = envelopeOf(response);
          if (!envelope || errorsOf(envelope).length > 0) return undefined;
          const requested = envelope.extensions?.cost?.requestedQueryCost ?? undefined;
          const next = queryOptions.nextCost
            ? queryOptions.nextCost(envelope.data, requested)
            : hasAnotherPage(envelope.data)
              ? requested
              : 0;
          const bucketWait = next ? bucket.waitMs(next, now()) : 0;
          if (bucketWait > 0) countWait(bucketWait);
          const wait = Math.max(bucketWait, queryOptions.waitAfter?.(envelope.data) ?? 0);
          return wait > 0 ? wait : undefined;
        },
      });
      let response: HttpResponse;
      try {
        response = await http.request('POST', 'graphql.json', { json: { query: document, variables } });
      } finally {
        stats.requests += http.stats.requests;
      }
      const envelope = envelopeOf(response);
      if (!envelope)
        throw new ConnectorError('malformed', 'Shopify sent a reply that is not a GraphQL response', {
          status: response.status,
        });
      const errors = errorsOf(envelope);
      if (errors.length > 0) throw failureFor(errors);
      if (envelope.data === null || envelope.data === undefined)
        throw new ConnectorError('malformed', 'Shopify sent a GraphQL response without data');
      return envelope.data;
    },
  };
}

/** Reads `data` with a vendor-shaped schema; a shape we cannot read is the vendor's malformed reply. */
export function readData<Schema extends z.ZodType>(
  schema: Schema,
  data: unknown,
  what: string,
): z.output<Schema> {
  const parsed = schema.safeParse(data);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new ConnectorError('malformed', `Shopify sent ${what} we could not read`, {
    details: { path: issue?.path.join('.'), issue: issue?.message },
  });
}
