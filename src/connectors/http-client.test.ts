import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ConnectorError } from './errors.ts';
import { createHttpClient, retryAfterMs } from './http-client.ts';
import { nextLink } from './paginate.ts';

const base = 'https://api.vendor.test/v1/';
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

function client(extra: Partial<Parameters<typeof createHttpClient>[0]> = {}) {
  const waits: number[] = [];
  const http_ = createHttpClient({
    connector: 'Vendor',
    baseUrl: base,
    sleep: async (ms) => {
      waits.push(ms);
    },
    random: () => 0.5,
    ...extra,
  });
  return { http: http_, waits };
}

function sequence(...responses: (() => Response)[]) {
  let index = 0;
  return () => (responses[Math.min(index++, responses.length - 1)] as () => Response)();
}

describe("the connectors' HTTP client", () => {
  it('honours Retry-After in seconds or as a date', () => {
    expect(retryAfterMs('2.0')).toBe(2000);
    expect(retryAfterMs('Mon, 23 Nov 2026 09:00:10 GMT', Date.parse('2026-11-23T09:00:00Z'))).toBe(10_000);
    expect(retryAfterMs('soon')).toBeUndefined();
  });

  it("retries 429 after the vendor's Retry-After, 5xx and garbage with backoff, then answers", async () => {
    server.use(
      http.get(
        `${base}items`,
        sequence(
          () => new HttpResponse('slow down', { status: 429, headers: { 'retry-after': '3' } }),
          () => new HttpResponse('oops', { status: 503 }),
          () => new HttpResponse('{"broken": ', { status: 200 }),
          () => HttpResponse.json({ items: [1, 2] }),
        ),
      ),
    );
    const { http: vendor, waits } = client();
    const response = await vendor.request('GET', 'items');
    expect(response.body).toEqual({ items: [1, 2] });
    expect(waits[0]).toBe(3000);
    expect(waits).toHaveLength(3);
    expect(vendor.stats).toMatchObject({ requests: 4, retries: 3 });
  });

  it('gives up after the retries with a failure that says what happened', async () => {
    server.use(http.get(`${base}items`, () => new HttpResponse('down', { status: 500 })));
    const failure = await client({ maxRetries: 2 })
      .http.request('GET', 'items')
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ConnectorError);
    expect(failure).toMatchObject({ failure: 'vendor_down', vendorStatus: 500 });
  });

  it('renews credentials once after a 401 and retries, then reports revoked credentials', async () => {
    let token = 'old';
    let refreshes = 0;
    server.use(
      http.get(`${base}me`, ({ request }) =>
        request.headers.get('authorization') === 'Bearer new'
          ? HttpResponse.json({ ok: true })
          : new HttpResponse(null, { status: 401 }),
      ),
    );
    const options = {
      authorize: (headers: Headers) => headers.set('authorization', `Bearer ${token}`),
      refresh: async () => {
        refreshes++;
        token = 'new';
      },
    };
    expect((await client(options).http.request('GET', 'me')).body).toEqual({ ok: true });
    expect(refreshes).toBe(1);
    token = 'revoked';
    const failing = client({
      ...options,
      refresh: async () => {
        refreshes++;
      },
    });
    const failure = await failing.http.request('GET', 'me').catch((error: unknown) => error);
    expect(failure).toMatchObject({ failure: 'credentials' });
    expect(refreshes).toBe(2);
  });

  it('never resends a request that must not run twice after a network error', async () => {
    let calls = 0;
    server.use(
      http.post(`${base}charge`, () => {
        calls++;
        return HttpResponse.error();
      }),
    );
    const failure = await client()
      .http.request('POST', 'charge', { json: { amount: 1 }, idempotent: false })
      .catch((error: unknown) => error);
    expect(failure).toMatchObject({ failure: 'vendor_down' });
    expect(calls).toBe(1);
  });

  it('lets a connector read an accepted error status, even with an HTML body', async () => {
    server.use(http.get(`${base}missing`, () => HttpResponse.html('<h1>Not found</h1>', { status: 404 })));
    const response = await client().http.request('GET', 'missing', { accept: [404] });
    expect(response.status).toBe(404);
    expect(response.body).toBeUndefined();
  });

  it('reads the next page from a Link header', () => {
    expect(nextLink('<https://a.test/x?page=2>; rel="next", <https://a.test/x?page=9>; rel="last"')).toBe(
      'https://a.test/x?page=2',
    );
    expect(nextLink('<https://a.test/x?page=1>; rel="prev"')).toBeNull();
  });
});
