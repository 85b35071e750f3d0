/**
 * Authenticated calls to Daraja. Adds the bearer token, renews it once when Daraja refuses it (a 401,
 * or its own "404.001.03 Invalid Access Token" body), and turns Daraja's error bodies
 * (`{requestId, errorCode, errorMessage}`) into ConnectorErrors that carry the vendor's words.
 */
import type { z } from 'zod';
import type { ConnectorRuntime } from '../define.ts';
import { ConnectorError } from '../errors.ts';
import { baseUrlOf, type MpesaConfig } from './config.ts';
import { accessToken } from './oauth.ts';
import { darajaErrorBody } from './schemas.ts';

type Runtime = ConnectorRuntime<MpesaConfig>;

export interface DarajaError {
  requestId?: string | undefined;
  errorCode: string;
  errorMessage: string;
}

export interface PostOptions {
  /** Error codes that are answers for this call (e.g. "still processing" on an STK query). */
  tolerate?(error: DarajaError): boolean;
}

export type DarajaReply<T> = { ok: true; body: T } | { ok: false; error: DarajaError };

export interface DarajaClient {
  post<T>(path: string, body: unknown, schema: z.ZodType<T>, options?: PostOptions): Promise<DarajaReply<T>>;
}

const invalidTokenCode = '404.001.03';

/**
 * @param options.retry false for requests that must not be sent twice (an STK push re-sent after a
 *   lost reply prompts the customer twice); 401 renewal still happens, since a refused request did
 *   nothing.
 */
export function darajaClient(runtime: Runtime, options: { retry?: boolean } = {}): DarajaClient {
  let used: string | undefined;
  const http = runtime.http({
    baseUrl: baseUrlOf(runtime.config),
    ...(options.retry === false ? { maxRetries: 0 } : {}),
    authorize: async (headers) => {
      used = await accessToken(runtime);
      headers.set('authorization', `Bearer ${used}`);
    },
    refresh: async () => {
      await accessToken(runtime, { rejected: used });
    },
  });

  return {
    async post(path, body, schema, postOptions = {}) {
      for (let attempt = 0; ; attempt++) {
        const response = await http.request('POST', path, {
          json: body,
          // Read error replies ourselves: they say what was wrong ("Invalid PhoneNumber").
          // A 5xx is retried by the HTTP client unless this call must not repeat or reads its codes.
          accept:
            options.retry === false || postOptions.tolerate ? [400, 403, 404, 500, 503] : [400, 403, 404],
          parse: 'text',
        });
        const json = parseJson(response.text);
        if (response.status >= 400) {
          const error = darajaErrorBody.safeParse(json);
          if (error.success && error.data.errorCode === invalidTokenCode && attempt === 0) {
            await accessToken(runtime, { rejected: used });
            continue;
          }
          if (error.success && postOptions.tolerate?.(error.data)) return { ok: false, error: error.data };
          throw failure(response.status, error.success ? error.data : undefined);
        }
        const parsed = schema.safeParse(json);
        if (!parsed.success)
          throw new ConnectorError('malformed', `M-Pesa sent a reply to ${path} we could not read`, {
            status: response.status,
            details: { body: response.text.slice(0, 300) },
          });
        return { ok: true, body: parsed.data };
      }
    },
  };
}

function failure(status: number, error: DarajaError | undefined): ConnectorError {
  const details = error ? { errorCode: error.errorCode, requestId: error.requestId } : {};
  if (error?.errorCode === invalidTokenCode)
    return new ConnectorError('credentials', 'M-Pesa no longer accepts our access token', {
      status,
      details,
    });
  if (status === 403)
    return new ConnectorError(
      'permission',
      error?.errorMessage ?? 'M-Pesa refused access: the app lacks this API on developer.safaricom.co.ke',
      { status, details },
    );
  // Daraja's own error body names the problem ("Wrong credentials", "Invalid PhoneNumber"), whatever
  // the status; only a bare 5xx is an outage.
  if (!error && status >= 500)
    return new ConnectorError('vendor_down', `M-Pesa had a server error (${status})`, { status });
  return new ConnectorError('rejected', error?.errorMessage ?? `M-Pesa rejected the request (${status})`, {
    status,
    details,
  });
}

function parseJson(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
