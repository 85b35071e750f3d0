/**
 * One-legged OAuth 1.0a (HMAC-SHA256), WooCommerce's only accepted authentication over plain HTTP.
 *
 * Why not the query-string `consumer_key`/`consumer_secret`: WooCommerce reads them only inside its
 * Basic-auth branch, which runs only when `is_ssl()` (class-wc-rest-authentication.php,
 * `authenticate()`); over plain HTTP it goes straight to OAuth, so the keys in the query string are
 * ignored and the shop answers 401. Plain HTTP is allowed only for a shop on localhost, where
 * developers run WordPress without a certificate.
 *
 * The base string follows WooCommerce's `check_oauth_signature()` rather than RFC 5849 where the two
 * differ: every query parameter and OAuth parameter is sorted by name, each name and value is
 * percent-encoded, each `name=value` pair is percent-encoded again, and the pairs are joined with
 * `%26`. The key is the consumer secret plus `&` (there is no token secret).
 *
 * The parameters travel in the `Authorization: OAuth …` header (read by WooCommerce since 3.0,
 * `get_oauth_parameters()`) rather than in the query string, so each retry of a request gets a new
 * nonce and timestamp: WooCommerce rejects a nonce it has already seen.
 */
import { randomBytes } from '../../core/encoding.ts';
import { bytesToBase64, hmacSha256 } from '../signatures.ts';

/** PHP's `rawurlencode`: RFC 3986 unreserved characters stay, everything else is percent-encoded. */
export function rawUrlEncode(text: string): string {
  return encodeURIComponent(text).replace(
    /[!'()*]/g,
    (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

export interface OAuthParameters {
  oauth_consumer_key: string;
  oauth_nonce: string;
  oauth_signature_method: 'HMAC-SHA256';
  oauth_timestamp: string;
}

/** The string WooCommerce signs for a request (exported for tests). */
export function signatureBaseString(method: string, url: URL, oauth: OAuthParameters): string {
  const parameters = new Map<string, string>();
  // PHP's $_GET keeps the last value of a repeated name; array parameters (`a[]=`) are never sent.
  for (const [name, value] of url.searchParams) parameters.set(name, value);
  for (const [name, value] of Object.entries(oauth)) parameters.set(name, value);
  // WooCommerce sorts with strcmp (byte order) before encoding.
  const names = [...parameters.keys()].sort((left, right) => (left < right ? -1 : left > right ? 1 : 0));
  const pairs = names.map((name) =>
    rawUrlEncode(`${rawUrlEncode(name)}=${rawUrlEncode(parameters.get(name) ?? '')}`),
  );
  const base = rawUrlEncode(`${url.origin}${url.pathname}`);
  return `${method.toUpperCase()}&${base}&${pairs.join('%26')}`;
}

const nonceAlphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** 32 alphanumeric characters, as WooCommerce's docs describe the nonce. */
export function newNonce(): string {
  return Array.from(randomBytes(32), (byte) => nonceAlphabet[byte % nonceAlphabet.length]).join('');
}

/** The `Authorization` header value for one attempt of a request. */
export async function oauthHeader(
  method: string,
  url: URL,
  credentials: { consumerKey: string; consumerSecret: string },
  at: Date,
  nonce = newNonce(),
): Promise<string> {
  const oauth: OAuthParameters = {
    oauth_consumer_key: credentials.consumerKey,
    oauth_nonce: nonce,
    oauth_signature_method: 'HMAC-SHA256',
    oauth_timestamp: String(Math.floor(at.getTime() / 1000)),
  };
  const signature = bytesToBase64(
    await hmacSha256(`${credentials.consumerSecret}&`, signatureBaseString(method, url, oauth)),
  );
  // WooCommerce url-decodes each header value (`+` would become a space), so encode the signature.
  const parts = Object.entries({ ...oauth, oauth_signature: signature }).map(
    ([name, value]) => `${name}="${rawUrlEncode(value)}"`,
  );
  return `OAuth ${parts.join(', ')}`;
}
