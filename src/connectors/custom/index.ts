/**
 * A shop's own POS or website posting its sales, orders, customers, payments, products and stock
 * levels to Kiungo as JSON, signed the Standard Webhooks way (https://www.standardwebhooks.com):
 * `webhook-id`, `webhook-timestamp` and `webhook-signature: v1,<base64 HMAC-SHA256>` over
 * `<id>.<timestamp>.<body>`, with a `whsec_…` secret. Push only: Kiungo never calls the shop's system.
 *
 * See docs/custom-webhook.md for the endpoint, the schema and a signing example.
 */
import { Webhook } from 'standardwebhooks';
import { z } from 'zod';
import { base64ToBytes, randomBytes } from '../../core/encoding.ts';
import { type ConfigField, defineConnector, type WebhookInput, type WebhookVerdict } from '../define.ts';
import { ConnectorError } from '../errors.ts';
import { bytesToBase64 } from '../signatures.ts';
import { toRecord } from './map.ts';
import { type EventType, envelope, eventTypes, maxBatch } from './schema.ts';

export { customWebhookBody, eventTypeNames } from './schema.ts';

const signingSecret = z
  .string()
  .trim()
  .regex(/^whsec_[A-Za-z0-9+/]+={0,2}$/, 'A signing secret looks like whsec_ followed by base64')
  .refine((secret) => {
    try {
      return base64ToBytes(secret.slice('whsec_'.length)).length >= 24;
    } catch {
      return false;
    }
  }, 'A signing secret holds at least 24 random bytes');

export const customConfig = z.object({ signingSecret });
export type CustomConfig = z.output<typeof customConfig>;

const fields: readonly ConfigField[] = [
  {
    name: 'signingSecret',
    label: 'Signing secret',
    secret: true,
    generated: true,
    generate: () => newSigningSecret(),
    help: 'Your system signs each request with it (Standard Webhooks); see the custom webhook guide',
  },
];

/** A new signing secret: `whsec_` and 32 random bytes in base64, as Standard Webhooks libraries expect. */
export function newSigningSecret(): string {
  return `whsec_${bytesToBase64(randomBytes(32))}`;
}

// Fatal: a body that is not UTF-8 cannot be the text that was signed. The BOM is kept, as signed.
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

function text(body: Uint8Array): string | undefined {
  try {
    return utf8.decode(body);
  } catch {
    return undefined;
  }
}

const signatureHeaders = ['webhook-id', 'webhook-timestamp', 'webhook-signature'] as const;

/**
 * Verifies with the `standardwebhooks` library itself, over the body decoded as UTF-8 exactly as it
 * arrived (never re-serialised). The library also refuses timestamps more than 5 minutes away from
 * its own clock (`Date.now()`, which it offers no way to inject; tests pin the system time).
 */
async function verify(config: CustomConfig, input: WebhookInput): Promise<WebhookVerdict> {
  const missing = signatureHeaders.filter((name) => !input.headers.get(name));
  if (missing.length > 0)
    return { ok: false, reason: `Missing the ${missing.join(', ')} header${missing.length > 1 ? 's' : ''}` };
  const body = text(input.body);
  if (body === undefined) return { ok: false, reason: 'The body is not UTF-8 text' };
  const headers = Object.fromEntries(signatureHeaders.map((name) => [name, input.headers.get(name) ?? '']));
  try {
    new Webhook(config.signingSecret).verify(body, headers, { jsonParse: false });
    return { ok: true };
  } catch (error) {
    const reason = (error as Error).message;
    if (/too old|too new/i.test(reason))
      return { ok: false, reason: `${reason}: webhook-timestamp must be within 5 minutes of now` };
    return {
      ok: false,
      reason: reason === 'No matching signature found' ? 'The signature does not match' : reason,
    };
  }
}

interface Problem {
  path: string;
  message: string;
}

/** `["data", 2, "lines", 0, "total"]` → `data[2].lines[0].total`. */
function pathOf(path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (text, part) =>
      typeof part === 'number' ? `${text}[${part}]` : text ? `${text}.${String(part)}` : String(part),
    '',
  );
}

function problems(issues: readonly z.core.$ZodIssue[], prefix: PropertyKey[] = []): Problem[] {
  return issues.map((issue) => ({
    path: pathOf([...prefix, ...issue.path]) || '(body)',
    message: issue.message,
  }));
}

function reject(found: Problem[]): never {
  const shown = found.slice(0, 20).map((problem) => `${problem.path}: ${problem.message}`);
  const more = found.length > 20 ? `; and ${found.length - 20} more` : '';
  throw new ConnectorError(
    'malformed',
    `The body does not match the custom webhook schema: ${shown.join('; ')}${more}`,
    {
      details: { issues: found.slice(0, 100) },
    },
  );
}

/** Checks one record; a type that names an order's status does not let the record contradict it. */
function check(
  type: EventType,
  item: unknown,
  path: PropertyKey[],
): { value?: unknown; problems: Problem[] } {
  const parsed = eventTypes[type].schema.safeParse(item);
  if (!parsed.success) return { problems: problems(parsed.error.issues, path) };
  const fixed = eventTypes[type].status;
  const status = (parsed.data as { status?: string }).status;
  if (type === 'order.updated' && !status)
    return {
      problems: [{ path: pathOf([...path, 'status']), message: 'order.updated needs the order’s status' }],
    };
  if (fixed && status && status !== fixed && type !== 'order.created')
    return { problems: [{ path: pathOf([...path, 'status']), message: `a ${type} order is ${fixed}` }] };
  return { value: parsed.data, problems: [] };
}

function parse(_config: CustomConfig, input: WebhookInput) {
  let body: unknown;
  try {
    body = JSON.parse(text(input.body) ?? '');
  } catch (cause) {
    throw new ConnectorError('malformed', `The body is not valid JSON: ${(cause as Error).message}`, {
      cause,
    });
  }
  const head = envelope.safeParse(body);
  if (!head.success) reject(problems(head.error.issues));
  const { type, data } = head.data;
  const items = Array.isArray(data) ? data : [data];
  if (Array.isArray(data) && (data.length === 0 || data.length > maxBatch))
    reject([
      { path: 'data', message: `a batch holds 1 to ${maxBatch} records; this one has ${data.length}` },
    ]);
  const found: Problem[] = [];
  const values: unknown[] = [];
  items.forEach((item, index) => {
    const result = check(type, item, Array.isArray(data) ? ['data', index] : ['data']);
    found.push(...result.problems);
    values.push(result.value);
  });
  // All or nothing: a half-stored batch would leave the sender unsure what to send again.
  if (found.length > 0) reject(found);
  return {
    eventId: input.headers.get('webhook-id') ?? '',
    topic: type,
    records: values.map((value) => toRecord(type, value)),
  };
}

export const customWebhook = defineConnector<CustomConfig>({
  id: 'custom_webhook',
  name: 'Custom POS or website',
  category: 'pos',
  regions: ['global'],
  auth: 'signing_secret',
  docsUrl: 'docs/custom-webhook.md',
  rateLimits: 'Up to 500 records per request',
  streams: ['orders', 'customers', 'products', 'payments', 'inventory'],
  realtime: true,
  config: customConfig,
  fields,
  webhook: { verify, parse },
});
