/**
 * Daraja's client-credentials token. One token per connection, shared by every caller: Safaricom's
 * FAQ says a new token invalidates the previous one, so two workers each fetching their own would
 * keep knocking each other out. Hence the cache lives in the connection's sealed config (all workers
 * read it), a refresh starts 60 s before expiry, and concurrent callers in one process share a single
 * in-flight request.
 */
import { z } from 'zod';
import type { ConnectorRuntime } from '../define.ts';
import { ConnectorError } from '../errors.ts';
import { baseUrlOf, type MpesaConfig } from './config.ts';
import { base64OfText } from './format.ts';

type Runtime = ConnectorRuntime<MpesaConfig>;

/** A token this close to its expiry is replaced before use. */
export const refreshMarginMs = 60_000;

/** Daraja documents `expires_in` as a number; production often sends the string "3599". */
const tokenReply = z.object({
  access_token: z.string().min(1),
  expires_in: z.union([z.number().positive(), z.string().regex(/^\d+$/).transform(Number)]),
});

const oauthError = z.object({ errorCode: z.string(), errorMessage: z.string().optional() });

interface Token {
  value: string;
  /** Epoch milliseconds. */
  expiresAt: number;
}

/**
 * Requests in flight, per connection and key. Entries live only while a request is pending, so this
 * holds no tenant data at rest; it is what makes concurrent callers share one OAuth round trip.
 */
const inFlight = new Map<string, Promise<Token>>();
/** The newest token each runtime has seen, in case `saveConfig` does not echo into `runtime.config`. */
const seen = new WeakMap<Runtime, Token>();

export function basicAuthorization(consumerKey: string, consumerSecret: string): string {
  return `Basic ${base64OfText(`${consumerKey}:${consumerSecret}`)}`;
}

function cachedToken(runtime: Runtime): Token | undefined {
  const { accessToken, accessTokenExpiresAt } = runtime.config;
  const fromConfig =
    accessToken && accessTokenExpiresAt
      ? { value: accessToken, expiresAt: Date.parse(accessTokenExpiresAt) }
      : undefined;
  const fromRuntime = seen.get(runtime);
  if (!fromConfig || Number.isNaN(fromConfig.expiresAt)) return fromRuntime;
  if (!fromRuntime) return fromConfig;
  return fromRuntime.expiresAt >= fromConfig.expiresAt ? fromRuntime : fromConfig;
}

/**
 * A usable access token: the cached one while it has more than a minute left, otherwise a fresh one.
 * `rejected` is the token a request was just refused with (a 401): it is not handed out again, but
 * a newer token another caller already fetched is, so two refusals do not cost two new tokens.
 */
export async function accessToken(runtime: Runtime, options: { rejected?: string } = {}): Promise<string> {
  const current = cachedToken(runtime);
  const now = runtime.clock.now().getTime();
  if (current && current.value !== options.rejected && now < current.expiresAt - refreshMarginMs)
    return current.value;
  const key = `${runtime.connectionId}\u0000${runtime.config.consumerKey}`;
  let pending = inFlight.get(key);
  if (!pending) {
    pending = requestToken(runtime).finally(() => inFlight.delete(key));
    inFlight.set(key, pending);
  }
  const token = await pending;
  seen.set(runtime, token);
  return token.value;
}

// Doc: https://developer.safaricom.co.ke/apis/Authorization
async function requestToken(runtime: Runtime): Promise<Token> {
  const { consumerKey, consumerSecret } = runtime.config;
  const http = runtime.http({ baseUrl: baseUrlOf(runtime.config) });
  const startedAt = runtime.clock.now().getTime();
  const response = await http.request('GET', 'oauth/v1/generate', {
    query: { grant_type: 'client_credentials' },
    headers: { authorization: basicAuthorization(consumerKey, consumerSecret) },
    accept: [400, 401, 403],
    // Read as text: a broken credentials reply is an answer to report, not a body to retry for.
    parse: 'text',
  });
  if (response.status >= 400) {
    const error = oauthError.safeParse(safeJson(response.text));
    const code = error.success ? error.data.errorCode : undefined;
    const said = error.success && error.data.errorMessage ? ` (${error.data.errorMessage})` : '';
    throw new ConnectorError(
      code === '400.008.02' ? 'rejected' : 'credentials',
      code === '400.008.02'
        ? `M-Pesa refused our token request${said}`
        : `M-Pesa did not accept the consumer key and secret${said}; copy them again from your app on developer.safaricom.co.ke and check the environment (sandbox or production)`,
      { status: response.status, details: code ? { errorCode: code } : {} },
    );
  }
  const parsed = tokenReply.safeParse(safeJson(response.text));
  if (!parsed.success)
    throw new ConnectorError('malformed', 'M-Pesa sent a token reply we could not read', {
      status: response.status,
    });
  const token = { value: parsed.data.access_token, expiresAt: startedAt + parsed.data.expires_in * 1000 };
  try {
    await runtime.saveConfig({
      accessToken: token.value,
      accessTokenExpiresAt: new Date(token.expiresAt).toISOString(),
    });
  } catch (error) {
    // The token works regardless; other workers will fetch their own and the next save may succeed.
    runtime.log('warn', 'Could not store the M-Pesa access token', { error: String(error) });
  }
  return token;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
