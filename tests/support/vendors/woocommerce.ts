/**
 * A WooCommerce shop behind msw, behaving like the REST API v3 as documented and as its PHP does:
 * Basic auth over HTTPS, one-legged OAuth 1.0a over plain HTTP (class-wc-rest-authentication.php),
 * `page`/`per_page` (max 100) with `X-WP-Total`, `X-WP-TotalPages` and `Link`, the exclusive
 * `modified_after`/`modified_before` filters with `dates_are_gmt`, `include`, `orderby`/`order`,
 * WooCommerce's error bodies, and webhooks. Data comes from `tests/fixtures/woocommerce/*.json`.
 *
 * Faults: `shop.failNext('429' | '500' | 'malformed', times)` makes the next requests fail.
 */
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, beforeEach } from 'vitest';

const fixtureDir = new URL('../../fixtures/woocommerce/', import.meta.url);

// biome-ignore lint/suspicious/noExplicitAny: fixtures are vendor JSON, read as such.
type Json = Record<string, any>;

export function wooFixture(name: 'variations'): Record<string, Json[]>;
export function wooFixture(name: 'orders' | 'customers' | 'products'): Json[];
export function wooFixture(name: string): unknown {
  return JSON.parse(readFileSync(new URL(`${name}.json`, fixtureDir), 'utf8'));
}

export type WooFault = '429' | '500' | 'malformed';

export interface WooShopOptions {
  siteUrl?: string;
  consumerKey?: string;
  consumerSecret?: string;
  permissions?: 'read' | 'read_write';
}

/** PHP's `wp_json_encode`: `/` escaped as `\/`, non-ASCII as `\uXXXX` (what WooCommerce signs). */
export function wpJsonEncode(value: unknown): string {
  return JSON.stringify(value)
    .replace(/\//g, '\\/')
    .replace(
      /[\u0080-\uffff]/g,
      (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`,
    );
}

/** `X-WC-Webhook-Signature` as WooCommerce computes it. */
export function wooSignature(body: string, secret: string): string {
  return createHmac('sha256', secret).update(body, 'utf8').digest('base64');
}

const rawUrlEncode = (text: string) =>
  encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** WooCommerce's `check_oauth_signature()`, restated from the PHP for the mock. */
function oauthValid(request: Request, url: URL, secret: string, nonces: Set<string>): string | undefined {
  const header = request.headers.get('authorization') ?? '';
  if (!header.startsWith('OAuth ')) return undefined;
  const params: Record<string, string> = Object.fromEntries(url.searchParams);
  for (const match of header.matchAll(/(oauth_[a-z_-]*)=(?:"([^"]*)"|([^,]*))/g)) {
    params[match[1] as string] = decodeURIComponent((match[2] ?? match[3] ?? '').replace(/\+/g, ' '));
  }
  const given = params.oauth_signature;
  delete params.oauth_signature;
  if (!given || params.oauth_signature_method !== 'HMAC-SHA256') return undefined;
  const sorted = Object.keys(params).sort();
  const query = sorted
    .map((key) => rawUrlEncode(`${rawUrlEncode(key)}=${rawUrlEncode(params[key] ?? '')}`))
    .join('%26');
  const base = `${request.method}&${rawUrlEncode(`${url.origin}${url.pathname}`)}&${query}`;
  const expected = createHmac('sha256', `${secret}&`).update(base).digest('base64');
  if (expected !== given || nonces.has(params.oauth_nonce ?? '')) return undefined;
  nonces.add(params.oauth_nonce ?? '');
  return params.oauth_consumer_key;
}

function wooErrorResponse(
  status: number,
  code: string,
  message: string,
  headers: Record<string, string> = {},
) {
  return HttpResponse.json({ code, message, data: { status } }, { status, headers });
}

export function wooShop(options: WooShopOptions = {}) {
  const siteUrl = options.siteUrl ?? 'https://shop.test';
  const consumerKey = options.consumerKey ?? 'ck_abc';
  const consumerSecret = options.consumerSecret ?? 'cs_def';
  const data = {
    orders: wooFixture('orders'),
    customers: wooFixture('customers'),
    products: wooFixture('products'),
    variations: wooFixture('variations'),
    webhooks: [] as Json[],
  };
  const faults: WooFault[] = [];
  const requests: { method: string; url: URL }[] = [];
  const nonces = new Set<string>();
  let permissions = options.permissions ?? 'read_write';

  function authorised(request: Request, url: URL): string | undefined {
    if (url.protocol === 'http:') return oauthValid(request, url, consumerSecret, nonces);
    const basic = /^Basic (.+)$/.exec(request.headers.get('authorization') ?? '')?.[1];
    const [key, secret] = basic
      ? atob(basic).split(':')
      : [url.searchParams.get('consumer_key'), url.searchParams.get('consumer_secret')];
    return key === consumerKey && secret === consumerSecret ? key : undefined;
  }

  function list(url: URL, items: Json[], filters: { modified: boolean }) {
    const perPage = Number(url.searchParams.get('per_page') ?? 10);
    if (!Number.isInteger(perPage) || perPage < 1 || perPage > 100)
      return wooErrorResponse(400, 'rest_invalid_param', 'Invalid parameter(s): per_page');
    const page = Number(url.searchParams.get('page') ?? 1);
    const include = url.searchParams.get('include')?.split(',').map(Number);
    const after = url.searchParams.get('modified_after');
    const before = url.searchParams.get('modified_before');
    const gmt = url.searchParams.get('dates_are_gmt') === 'true';
    const field = gmt ? 'date_modified_gmt' : 'date_modified';
    let selected = items.filter((item) => !include || include.includes(item.id));
    if (filters.modified && after) selected = selected.filter((item) => item[field] > after.slice(0, 19));
    if (filters.modified && before) selected = selected.filter((item) => item[field] < before.slice(0, 19));
    const orderby = url.searchParams.get('orderby') ?? 'date';
    // `orderby=include` keeps the order of the ids given, whatever `order` says (WP_Query post__in).
    const direction = url.searchParams.get('order') === 'asc' || orderby === 'include' ? 1 : -1;
    const keys: Record<string, (item: Json) => unknown> = {
      id: (item) => item.id,
      modified: (item) => item.date_modified_gmt,
      include: (item) => include?.indexOf(item.id),
    };
    // Ids are numbers and dates ISO strings: either compares correctly with < and >.
    const key = (keys[orderby] ?? ((item: Json) => item.date_created_gmt)) as (item: Json) => number;
    selected.sort(
      (left, right) => direction * (key(left) < key(right) ? -1 : key(left) > key(right) ? 1 : 0),
    );
    const total = selected.length;
    const totalPages = Math.ceil(total / perPage);
    const pageUrl = (number: number) => {
      const link = new URL(url);
      link.searchParams.set('page', String(number));
      return `<${link}>`;
    };
    const links = [
      ...(page > 1 ? [`${pageUrl(Math.min(page - 1, totalPages))}; rel="prev"`] : []),
      ...(page < totalPages ? [`${pageUrl(page + 1)}; rel="next"`] : []),
    ];
    return HttpResponse.json(selected.slice((page - 1) * perPage, page * perPage), {
      headers: {
        'x-wp-total': String(total),
        'x-wp-totalpages': String(totalPages),
        ...(links.length ? { link: links.join(', ') } : {}),
      },
    });
  }

  async function webhooks(request: Request, url: URL, id: number | undefined) {
    if (request.method === 'GET') return list(url, data.webhooks, { modified: false });
    if (permissions !== 'read_write')
      return wooErrorResponse(
        401,
        'woocommerce_rest_authentication_error',
        'The API key provided does not have write permissions.',
      );
    const body = (await request.json()) as Json;
    if (request.method === 'PUT' && id !== undefined) {
      const hook = data.webhooks.find((item) => item.id === id);
      if (!hook) return wooErrorResponse(404, 'woocommerce_rest_webhook_invalid_id', 'Invalid ID.');
      Object.assign(hook, body);
      return HttpResponse.json(hook);
    }
    if (!/^(order|customer|product|coupon)\.(created|updated|deleted|restored)$/.test(body.topic ?? ''))
      return wooErrorResponse(400, 'rest_invalid_param', 'Invalid parameter(s): topic');
    const [resource, event] = String(body.topic).split('.');
    const hook = {
      id: 100 + data.webhooks.length,
      name: body.name ?? '',
      status: body.status ?? 'active',
      topic: body.topic,
      resource,
      event,
      hooks: [],
      delivery_url: body.delivery_url,
      secret: body.secret,
      date_created_gmt: '2026-11-23T09:00:00',
      date_modified_gmt: '2026-11-23T09:00:00',
    };
    data.webhooks.push(hook);
    return HttpResponse.json(hook, { status: 201 });
  }

  async function route(request: Request): Promise<Response> {
    const url = new URL(request.url);
    requests.push({ method: request.method, url });
    const fault = faults.shift();
    if (fault === '429')
      return new HttpResponse('Too Many Requests', { status: 429, headers: { 'retry-after': '1' } });
    if (fault === '500')
      return wooErrorResponse(
        500,
        'internal_server_error',
        '<p>There has been a critical error on this website.</p>',
      );
    if (fault === 'malformed')
      return new HttpResponse('[{"id": 727, "status": "proc', {
        headers: { 'content-type': 'application/json' },
      });
    const path = url.pathname.slice(new URL(siteUrl).pathname.replace(/\/$/, '').length);
    if (path === '/wp-json/' || path === '/wp-json')
      return HttpResponse.json({
        name: 'Duka la Amina',
        description: 'Kanga na nguo',
        url: siteUrl,
        home: siteUrl,
      });
    if (!authorised(request, url)) {
      return wooErrorResponse(401, 'woocommerce_rest_cannot_view', 'Sorry, you cannot list resources.', {
        'www-authenticate':
          'Basic realm="WooCommerce API. Use a consumer key in the username field and a consumer secret in the password field."',
      });
    }
    const route = path.replace(/^\/wp-json\/wc\/v3\//, '');
    const [resource, id, sub] = route.split('/');
    if (route === 'system_status')
      return HttpResponse.json({ environment: { home_url: siteUrl, site_url: siteUrl, version: '9.4.2' } });
    if (route === 'settings/general/woocommerce_currency')
      return HttpResponse.json({
        id: 'woocommerce_currency',
        label: 'Currency',
        type: 'select',
        default: 'USD',
        value: 'KES',
      });
    if (resource === 'webhooks') return webhooks(request, url, id ? Number(id) : undefined);
    if (request.method === 'GET' && resource === 'products' && id && sub === 'variations')
      return list(url, data.variations[id] ?? [], { modified: true });
    if (
      request.method === 'GET' &&
      (resource === 'orders' || resource === 'customers' || resource === 'products')
    ) {
      const items = data[resource];
      if (!id) return list(url, items, { modified: resource !== 'customers' });
      const item = items.find((entry) => entry.id === Number(id));
      return item
        ? HttpResponse.json(item)
        : wooErrorResponse(404, `woocommerce_rest_${resource.slice(0, -1)}_invalid_id`, 'Invalid ID.');
    }
    return wooErrorResponse(404, 'rest_no_route', 'No route was found matching the URL and request method.');
  }

  return {
    siteUrl,
    consumerKey,
    consumerSecret,
    data,
    requests,
    handlers: [
      http.all(`${siteUrl}/wp-json/*`, ({ request }) => route(request)),
      http.all(`${siteUrl}/wp-json`, ({ request }) => route(request)),
      // Any other address on the host is WordPress's HTML "page not found".
      http.all(`${new URL(siteUrl).origin}/*`, () =>
        HttpResponse.html('<!doctype html><title>Page not found</title>', { status: 404 }),
      ),
    ],
    /** The next `times` requests fail this way (then the shop behaves again). */
    failNext(fault: WooFault, times = 1) {
      for (let index = 0; index < times; index++) faults.push(fault);
    },
    setPermissions(value: 'read' | 'read_write') {
      permissions = value;
    },
    /** Replaces the orders with `count` generated ones, ids from 1001, one minute apart. */
    generateOrders(count: number, start = '2026-11-01T00:00:00') {
      const template = data.orders[0] as Json;
      const startMs = Date.parse(`${start}Z`);
      data.orders = Array.from({ length: count }, (_, index) => {
        const at = new Date(startMs + index * 60_000).toISOString().slice(0, 19);
        return {
          ...template,
          id: 1001 + index,
          number: String(1001 + index),
          date_created_gmt: at,
          date_modified_gmt: at,
        };
      });
      return data.orders;
    },
  };
}

export type WooShop = ReturnType<typeof wooShop>;

/**
 * A fresh shop for every test of a file, served by one msw server.
 *
 * @example
 *   const shop = useWooShop();
 *   it('…', async () => { shop().generateOrders(250); … });
 */
export function useWooShop(options: WooShopOptions = {}): () => WooShop {
  const server = setupServer();
  let current: WooShop | undefined;
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  beforeEach(() => {
    current = wooShop(options);
    server.resetHandlers(...current.handlers);
  });
  afterAll(() => server.close());
  return () => {
    if (!current) throw new Error('useWooShop: no test is running');
    return current;
  };
}
