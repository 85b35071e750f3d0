/**
 * OAuth 2 access tokens for connectors whose vendor issues refresh tokens (QuickBooks, Xero, Zoho,
 * Salesforce…): the access token is renewed before it expires (proactively, with a margin) or after a
 * 401, and a rotated refresh token is stored in the same locked read-modify-write that spends the old
 * one. Two workers that need a new token at once therefore take turns: the second finds the first's
 * fresh token stored and uses it instead of spending a refresh token that is no longer valid.
 *
 * @example
 *   const tokens = oauth2Tokens(runtime, { tokenUrl, clientId, clientSecret }, {
 *     read: (config) => config.tokens,
 *     write: (tokens) => ({ tokens }),
 *   });
 *   const http = runtime.http({
 *     baseUrl,
 *     authorize: async (headers) => headers.set('authorization', `Bearer ${await tokens.accessToken()}`),
 *     refresh: () => tokens.renew(),
 *   });
 */
import { z } from 'zod';
import type { ConnectorRuntime } from './define.ts';
import { ConnectorError } from './errors.ts';

export interface StoredTokens {
  accessToken: string;
  refreshToken?: string | undefined;
  /** ISO instant. */
  expiresAt?: string | undefined;
}

export interface OAuth2Client {
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  /** How the client authenticates to the token endpoint (RFC 6749 §2.3.1): Basic header by default. */
  clientAuth?: 'basic' | 'body';
}

export interface TokenStorage<Config> {
  read(config: Config): StoredTokens | undefined;
  write(tokens: StoredTokens): Partial<Config>;
}

export interface OAuth2Tokens {
  /** A token valid for at least the margin; renewed first when it is not. */
  accessToken(): Promise<string>;
  /** Renews after the vendor refused the current token (the http client's `refresh`). */
  renew(): Promise<string>;
}

/** Renew this long before the token expires, so no request goes out with a token about to lapse. */
export const renewMarginMs = 2 * 60 * 1000;

const tokenReply = z.object({
  access_token: z.string().min(1),
  refresh_token: z.string().min(1).optional(),
  expires_in: z.union([z.number(), z.string()]).optional(),
});

export function oauth2Tokens<Config>(
  runtime: ConnectorRuntime<Config>,
  client: OAuth2Client,
  storage: TokenStorage<Config>,
): OAuth2Tokens {
  let inflight: Promise<string> | undefined;
  let lastUsed: string | undefined;
  const fresh = (tokens: StoredTokens | undefined) =>
    tokens !== undefined &&
    (!tokens.expiresAt || Date.parse(tokens.expiresAt) - renewMarginMs > runtime.clock.now().getTime());

  async function requestTokens(refreshToken: string): Promise<StoredTokens> {
    const http = runtime.http({ baseUrl: client.tokenUrl, maxRetries: 2 });
    const form: Record<string, string> = { grant_type: 'refresh_token', refresh_token: refreshToken };
    const headers: Record<string, string> = {};
    if ((client.clientAuth ?? 'basic') === 'basic')
      headers.authorization = `Basic ${btoa(`${encodeURIComponent(client.clientId)}:${encodeURIComponent(client.clientSecret)}`)}`;
    else Object.assign(form, { client_id: client.clientId, client_secret: client.clientSecret });
    const response = await http.request('POST', client.tokenUrl, { form, headers, accept: [400, 401] });
    if (response.status === 400 || response.status === 401)
      throw new ConnectorError(
        'credentials',
        'The authorisation was revoked or has expired; reconnect to sign in again',
        {
          status: response.status,
        },
      );
    const parsed = tokenReply.safeParse(response.body);
    if (!parsed.success)
      throw new ConnectorError('malformed', 'The token endpoint sent a reply without a token');
    const seconds = parsed.data.expires_in === undefined ? undefined : Number(parsed.data.expires_in);
    return {
      accessToken: parsed.data.access_token,
      // Vendors that do not rotate leave the refresh token out: the old one stays valid.
      refreshToken: parsed.data.refresh_token ?? refreshToken,
      expiresAt:
        seconds !== undefined && Number.isFinite(seconds)
          ? new Date(runtime.clock.now().getTime() + seconds * 1000).toISOString()
          : undefined,
    };
  }

  function renewFrom(rejected: string | undefined): Promise<string> {
    inflight ??= (async () => {
      try {
        const config = await runtime.updateConfig(async (current) => {
          const stored = storage.read(current);
          // Another worker renewed it while we waited for the lock: use theirs.
          if (stored && stored.accessToken !== rejected && fresh(stored)) return null;
          if (!stored?.refreshToken)
            throw new ConnectorError('credentials', 'There is no refresh token; reconnect to sign in again');
          return storage.write(await requestTokens(stored.refreshToken));
        });
        const token = storage.read(config)?.accessToken;
        if (!token) throw new ConnectorError('credentials', 'No access token after renewing it');
        return token;
      } finally {
        inflight = undefined;
      }
    })();
    return inflight;
  }

  return {
    async accessToken() {
      const stored = storage.read(runtime.config);
      lastUsed = fresh(stored) && stored ? stored.accessToken : await renewFrom(stored?.accessToken);
      return lastUsed;
    },
    async renew() {
      lastUsed = await renewFrom(lastUsed ?? storage.read(runtime.config)?.accessToken);
      return lastUsed;
    },
  };
}
