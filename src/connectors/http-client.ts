/**
 * The one HTTP client every connector uses. It adds credentials, times out, and retries what a retry
 * can fix: network errors, 408, 429, 5xx and unparseable bodies, with jittered exponential backoff
 * that honours `Retry-After` (seconds or an HTTP date) and any vendor-specific wait the connector
 * reads from the response. A 401 triggers one credential refresh and one retry.
 *
 * @example
 *   const http = createHttpClient({
 *     connector: 'woocommerce',
 *     baseUrl: 'https://shop.example/wp-json/wc/v3/',
 *     authorize: (headers) => headers.set('authorization', `Basic ${btoa(`${key}:${secret}`)}`),
 *   });
 *   const page = await http.request('GET', 'orders', { query: { per_page: 100, page: 1 } });
 */
import { ConnectorError } from './errors.ts';

export interface HttpResponse {
  status: number;
  headers: Headers;
  url: string;
  /** The parsed JSON body (`undefined` for an empty body or `parse: 'text'`). */
  body: unknown;
  text: string;
}

export interface RequestOptions {
  query?: Record<string, string | number | boolean | readonly string[] | undefined>;
  json?: unknown;
  form?: Record<string, string>;
  headers?: Record<string, string>;
  /** `json` (default) retries a body that does not parse; `text` leaves it as text. */
  parse?: 'json' | 'text';
  /** Statuses that are answers, not failures (e.g. 404 when looking something up). */
  accept?: readonly number[];
  /**
   * False for a request that must not be sent twice (a payment prompt): it is then retried only when
   * the vendor says it did not process it (429, 503), never after a network error or a timeout.
   */
  idempotent?: boolean;
  signal?: AbortSignal;
}

export interface HttpClientOptions {
  /** The connector's id, for messages. */
  connector: string;
  baseUrl: string;
  fetch?: typeof fetch;
  /** Adds credentials; signing schemes (OAuth 1.0a) get the method and URL too. */
  authorize?(headers: Headers, request: { method: string; url: URL }): void | Promise<void>;
  /** Renews credentials after a 401; the request is retried once afterwards. */
  refresh?(): Promise<void>;
  timeoutMs?: number;
  maxRetries?: number;
  /** A vendor-specific wait in milliseconds read from a response (e.g. a cost bucket running dry). */
  vendorWait?(response: HttpResponse): number | undefined;
  /** A response that is a failure although its status says otherwise (e.g. GraphQL THROTTLED on 200). */
  retryableBody?(response: HttpResponse): { waitMs?: number } | undefined;
  sleep?(ms: number, signal?: AbortSignal): Promise<void>;
  random?(): number;
  signal?: AbortSignal;
}

export interface HttpClient {
  request(method: string, path: string, options?: RequestOptions): Promise<HttpResponse>;
  /** Counts of what happened, for logs and benchmarks. */
  readonly stats: { requests: number; retries: number; waitedMs: number };
}

const retryableStatuses = new Set([408, 425, 429, 500, 502, 503, 504]);
const baseDelayMs = 500;
const maxDelayMs = 60_000;

export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** `Retry-After` as seconds (`2`, `2.0`) or an HTTP date; milliseconds to wait, or undefined. */
export function retryAfterMs(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.ceil(seconds * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

export function buildUrl(baseUrl: string, path: string, query?: RequestOptions['query']): URL {
  const url = /^https?:\/\//.test(path) ? new URL(path) : new URL(path.replace(/^\//, ''), baseUrl);
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const item of value) url.searchParams.append(key, item);
    else url.searchParams.set(key, String(value));
  }
  return url;
}

function failureForStatus(connector: string, status: number, text: string): ConnectorError {
  const snippet = text.slice(0, 300);
  if (status === 401)
    return new ConnectorError('credentials', `${connector} no longer accepts our credentials`, {
      status,
      details: { body: snippet },
    });
  if (status === 403)
    return new ConnectorError('permission', `${connector} refused access: the app lacks a permission`, {
      status,
      details: { body: snippet },
    });
  if (status === 404)
    return new ConnectorError('not_found', `${connector} says it does not exist`, { status });
  if (status === 429)
    return new ConnectorError('rate_limited', `${connector} kept asking us to slow down`, { status });
  if (retryableStatuses.has(status) && status < 500)
    return new ConnectorError('timeout', `${connector} timed out the request (${status})`, {
      status,
      details: { body: snippet },
    });
  if (status >= 500)
    return new ConnectorError('vendor_down', `${connector} had a server error (${status})`, { status });
  return new ConnectorError('rejected', `${connector} rejected the request (${status})`, {
    status,
    details: { body: snippet },
  });
}

export function createHttpClient(options: HttpClientOptions): HttpClient {
  const doFetch = options.fetch ?? fetch;
  const sleep = options.sleep ?? abortableSleep;
  const random = options.random ?? Math.random;
  const maxRetries = options.maxRetries ?? 5;
  const timeoutMs = options.timeoutMs ?? 30_000;
  const stats = { requests: 0, retries: 0, waitedMs: 0 };

  const backoff = (attempt: number) => {
    const ceiling = Math.min(maxDelayMs, baseDelayMs * 2 ** attempt);
    return Math.round(ceiling / 2 + (random() * ceiling) / 2);
  };

  async function once(method: string, url: URL, request: RequestOptions): Promise<HttpResponse> {
    const headers = new Headers(request.headers);
    if (!headers.has('accept')) headers.set('accept', 'application/json');
    let body: string | undefined;
    if (request.json !== undefined) {
      headers.set('content-type', 'application/json');
      body = JSON.stringify(request.json);
    } else if (request.form) {
      headers.set('content-type', 'application/x-www-form-urlencoded');
      body = new URLSearchParams(request.form).toString();
    }
    await options.authorize?.(headers, { method, url });
    const signals = [AbortSignal.timeout(timeoutMs), request.signal, options.signal].filter(
      (signal): signal is AbortSignal => signal !== undefined,
    );
    stats.requests += 1;
    const response = await doFetch(url, { method, headers, body, signal: AbortSignal.any(signals) });
    const text = await response.text();
    return { status: response.status, headers: response.headers, url: url.toString(), text, body: undefined };
  }

  return {
    stats,
    async request(method, path, request = {}) {
      const url = buildUrl(options.baseUrl, path, request.query);
      const signal = request.signal ?? options.signal;
      let refreshed = false;
      let lastError: ConnectorError | undefined;
      for (let attempt = 0; attempt <= maxRetries; attempt++) {
        const outcome = await attemptOnce(method, url, request, refreshed);
        if (outcome.kind === 'done') return outcome.response;
        if (outcome.kind === 'refresh') {
          refreshed = true;
          await options.refresh?.();
          attempt -= 1;
          continue;
        }
        lastError = outcome.error;
        if (!outcome.error.retryable || signal?.aborted || attempt === maxRetries) break;
        const delay = Math.min(maxDelayMs, outcome.waitMs ?? backoff(attempt));
        stats.retries += 1;
        stats.waitedMs += delay;
        await sleep(delay, signal);
      }
      throw lastError ?? new ConnectorError('vendor_down', `${options.connector} could not be reached`);
    },
  };

  type Outcome =
    | { kind: 'done'; response: HttpResponse }
    | { kind: 'refresh' }
    | { kind: 'failed'; error: ConnectorError; waitMs?: number | undefined };

  async function attemptOnce(
    method: string,
    url: URL,
    request: RequestOptions,
    refreshed: boolean,
  ): Promise<Outcome> {
    let response: HttpResponse;
    try {
      response = await once(method, url, request);
    } catch (error) {
      if (request.signal?.aborted || options.signal?.aborted) throw error;
      const timedOut = error instanceof DOMException && error.name === 'TimeoutError';
      const message = timedOut
        ? `${options.connector} did not answer within ${Math.round(timeoutMs / 1000)} s`
        : `Could not reach ${options.connector}`;
      const failure = new ConnectorError(timedOut ? 'timeout' : 'vendor_down', message, { cause: error });
      // The request may have reached the vendor: never send it twice when it must not run twice.
      if (request.idempotent === false) throw failure;
      return { kind: 'failed', error: failure };
    }
    const accepted = request.accept?.includes(response.status) ?? false;
    if (response.status === 401 && options.refresh && !refreshed && !accepted) return { kind: 'refresh' };
    if ((response.status >= 400 || response.status < 200) && !accepted) {
      const error = failureForStatus(options.connector, response.status, response.text);
      if (request.idempotent === false && response.status !== 429 && response.status !== 503) throw error;
      const waitMs = retryAfterMs(response.headers.get('retry-after')) ?? options.vendorWait?.(response);
      return { kind: 'failed', error, waitMs };
    }
    const answered = response.status >= 200 && response.status < 300;
    if ((request.parse ?? 'json') === 'json' && response.text.trim() !== '') {
      try {
        response.body = JSON.parse(response.text);
      } catch (cause) {
        // An accepted error status with an unreadable body is still that status's answer.
        if (!answered) return { kind: 'done', response };
        const error = new ConnectorError('malformed', `${options.connector} sent a reply we could not read`, {
          status: response.status,
          cause,
        });
        return { kind: 'failed', error };
      }
    }
    const retry = options.retryableBody?.(response);
    if (retry) {
      const error = new ConnectorError('rate_limited', `${options.connector} asked us to slow down`, {
        status: response.status,
      });
      return { kind: 'failed', error, waitMs: retry.waitMs };
    }
    const wait = options.vendorWait?.(response);
    if (wait && wait > 0) {
      stats.waitedMs += wait;
      await sleep(wait, request.signal ?? options.signal);
    }
    return { kind: 'done', response };
  }
}
