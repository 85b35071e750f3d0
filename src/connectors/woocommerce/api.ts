/**
 * The WooCommerce REST API v3 client: the shared HTTP client with WooCommerce's authentication, and
 * WooCommerce's error bodies (`{"code","message","data":{"status"}}`) turned into connector failures
 * that carry the shop's own words.
 *
 * https://woocommerce.github.io/woocommerce-rest-api-docs/#authentication
 */

import type { ConnectorRuntime } from '../define.ts';
import { ConnectorError, type ConnectorFailure } from '../errors.ts';
import { buildUrl, type HttpClient, type HttpResponse, type RequestOptions } from '../http-client.ts';
import type { WooConfig } from './config.ts';
import { oauthHeader } from './oauth.ts';

export const wooName = 'WooCommerce';

/**
 * Client errors that a retry cannot fix. The shared client is told they are answers, so this file
 * reads WooCommerce's message from them; 408, 425 and 429 stay with the client, which retries them.
 */
const finalClientErrors: readonly number[] = Array.from({ length: 100 }, (_, index) => 400 + index).filter(
  (status) => ![408, 425, 429].includes(status),
);

export function apiBaseOf(config: Pick<WooConfig, 'siteUrl'>): string {
  return `${config.siteUrl}/wp-json/wc/v3/`;
}

/**
 * An `HttpClient` for one connection. Over HTTPS it sends HTTP Basic (`ck_…:cs_…`); over plain HTTP
 * (localhost only) it signs every attempt with one-legged OAuth 1.0a, see `oauth.ts`.
 */
export function wooClient(runtime: ConnectorRuntime<WooConfig>): HttpClient {
  const { config } = runtime;
  const baseUrl = apiBaseOf(config);
  const secure = new URL(config.siteUrl).protocol === 'https:';
  const basic = `Basic ${btoa(`${config.consumerKey}:${config.consumerSecret}`)}`;
  const shared = runtime.http({
    baseUrl,
    authorize: (headers) => headers.set('authorization', basic),
  });
  // OAuth signs the method and URL, which `authorize` does not see: one client per request then.
  const clientFor = (method: string, url: URL) =>
    secure
      ? shared
      : runtime.http({
          baseUrl,
          authorize: async (headers) =>
            headers.set('authorization', await oauthHeader(method, url, config, runtime.clock.now())),
        });

  return {
    stats: shared.stats,
    async request(method, path, options = {}) {
      const client = clientFor(method, buildUrl(baseUrl, path, options.query));
      const accept = [...(options.accept ?? []), ...finalClientErrors];
      const response = await client.request(method, path, { ...options, accept, parse: 'text' });
      if (response.status >= 400) {
        if (!options.accept?.includes(response.status)) throw wooError(response);
        response.body = readJson(response.text);
        return response;
      }
      if (options.parse === 'text' || response.text.trim() === '') return response;
      try {
        response.body = JSON.parse(response.text);
        return response;
      } catch (cause) {
        // Asking again could repeat a write; a read goes back through the client in JSON mode, which
        // retries unreadable replies with backoff (a cache or a PHP notice garbling one reply).
        if (method !== 'GET')
          throw new ConnectorError('malformed', `${wooName} sent a reply we could not read`, {
            status: response.status,
            cause,
          });
        return client.request(method, path, options);
      }
    },
  };
}

interface WooErrorBody {
  code?: unknown;
  message?: unknown;
}

function readJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function readErrorBody(text: string): WooErrorBody {
  const body = readJson(text);
  return typeof body === 'object' && body !== null ? (body as WooErrorBody) : {};
}

/** Turns a final 4xx reply into a `ConnectorError` with WooCommerce's message. */
export function wooError(response: HttpResponse): ConnectorError {
  const body = readErrorBody(response.text);
  const code = typeof body.code === 'string' ? body.code : undefined;
  const vendorMessage = typeof body.message === 'string' ? plainText(body.message) : undefined;
  const failure = failureOf(response.status, code, vendorMessage);
  const message = vendorMessage
    ? `${wooName} said: ${vendorMessage}`
    : code === undefined && response.status === 404
      ? `${wooName}'s REST API was not found at this address. Check the shop address, and that WordPress → Settings → Permalinks is not set to "Plain"`
      : `${wooName} rejected the request (${response.status})`;
  return new ConnectorError(failure, message, {
    status: response.status,
    details: { ...(code ? { code } : {}), ...(vendorMessage ? {} : { body: response.text.slice(0, 300) }) },
  });
}

function failureOf(status: number, code: string | undefined, message: string | undefined): ConnectorFailure {
  // "The API key provided does not have write permissions." comes as a 401 but is a permission.
  if ((status === 401 || status === 403) && message && /permission|not allowed/i.test(message))
    return 'permission';
  if (status === 401) return 'credentials';
  if (status === 403) return 'permission';
  // No route at all: WooCommerce is not active, or the address is not the WordPress site.
  if (status === 404 && (code === undefined || code === 'rest_no_route')) return 'configuration';
  if (status === 404 || status === 410) return 'not_found';
  return 'rejected';
}

function plainText(html: string): string {
  return html
    .replace(/<[^>]*>/g, '')
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"')
    .replace(/&#0?39;/g, "'")
    .replace(/\s+/g, ' ')
    .trim();
}

/** Reads one of WooCommerce's settings (`GET settings/<group>/<id>`); undefined when not allowed. */
export async function readSetting(http: HttpClient, group: string, id: string): Promise<string | undefined> {
  const options: RequestOptions = { accept: [401, 403, 404] };
  const response = await http.request('GET', `settings/${group}/${id}`, options);
  if (response.status !== 200) return undefined;
  const value = (response.body as { value?: unknown } | undefined)?.value;
  return typeof value === 'string' ? value : undefined;
}
