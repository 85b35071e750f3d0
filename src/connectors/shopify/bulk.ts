/**
 * Full order exports through a bulk operation (https://shopify.dev/docs/api/usage/bulk-operations/queries):
 * Shopify runs the query in the background without the per-query cost limit, then offers the result
 * as a JSONL file. For a shop with tens of thousands of orders this is far faster than paging 27
 * orders per request through a 100-points-per-second bucket.
 *
 * Lifecycle: `bulkOperationRunQuery` → poll `node(id:)` with backoff until COMPLETED, FAILED,
 * CANCELED or EXPIRED → stream the file at `url` line by line.
 *
 * Assembling the file: each order is one line, each line item another line carrying `__parentId`.
 * Shopify promises only that a child comes after its parent; without `groupObjects` (the default
 * since 2026-01) children of different orders are interleaved, so no order is known to be complete
 * until the file ends. We therefore read the whole file into orders (children are attached to their
 * parent as they arrive; a child seen before its parent waits in an orphan list), and only then
 * yield batches of 250 in the file's order. Memory is about one canonical order per order in the
 * shop (~1 KB), i.e. ~10 MB at the 10,000-order threshold.
 *
 * Position: `bulk:<operation gid>:<orders yielded>`. A worker killed mid-way resumes with the same
 * operation: it polls it (done at once), downloads the same file again (it stays for 7 days) and
 * skips the orders already yielded. A position whose operation failed, was cancelled or expired
 * starts a new operation, and so does a download link that has expired.
 */
import { z } from 'zod';
import type { StreamBatch, SyncRequest } from '../define.ts';
import { ConnectorError, type ConnectorFailure } from '../errors.ts';
import type { ShopifyConfig } from './config.ts';
import { type AdminClient, readData } from './graphql.ts';
import { orderFromNode } from './map.ts';
import {
  bulkOperationQuery,
  bulkOperationRunQuery,
  ordersBulkQuery,
  ordersCountQuery,
  ordersPageCost,
} from './queries.ts';
import {
  type BulkOperationNode,
  bulkOperationNode,
  type OrderNode,
  orderNode,
  userErrors,
} from './schemas.ts';

export const bulkBatchSize = 250;
const firstPollDelayMs = 1000;
const maxPollDelayMs = 30_000;
/** Polling gives up after this much waiting; the position keeps the operation for the next run. */
const maxPollingMs = 2 * 60 * 60 * 1000;

const finished = new Set(['COMPLETED', 'FAILED', 'CANCELED', 'EXPIRED']);

export interface BulkPosition {
  operationId: string;
  yielded: number;
}

export function formatBulkPosition(position: BulkPosition): string {
  return `bulk:${position.operationId}:${position.yielded}`;
}

export function parseBulkPosition(position: string | null): BulkPosition | null {
  const match = position ? /^bulk:(.+):(\d+)$/.exec(position) : null;
  return match?.[1] && match[2] ? { operationId: match[1], yielded: Number(match[2]) } : null;
}

/**
 * Whether a run of the orders stream uses a bulk operation: always when resuming one; for other runs
 * only full ones, and with `bulk: 'auto'` only when the shop has more than `bulkThreshold` orders.
 */
export async function bulkDecision(
  client: AdminClient,
  config: Pick<ShopifyConfig, 'bulk' | 'bulkThreshold'>,
  request: SyncRequest,
  resumeFrom: string | null,
): Promise<{ bulk: boolean; total?: number }> {
  if (resumeFrom?.startsWith('bulk:')) return { bulk: true };
  if (request.mode !== 'full' || resumeFrom || config.bulk === 'never') return { bulk: false };
  if (config.bulk === 'always') return { bulk: true };
  const data = await client.query(
    ordersCountQuery,
    { query: null, limit: config.bulkThreshold + 1 },
    {
      // Next comes the first page of orders, or the bulk mutation (10 points).
      nextCost: (reply) =>
        ((reply as { ordersCount?: { count?: number } }).ordersCount?.count ?? 0) > config.bulkThreshold
          ? 10
          : ordersPageCost,
    },
  );
  const { count, precision } = readData(
    z.looseObject({ ordersCount: z.looseObject({ count: z.number(), precision: z.string() }) }),
    data,
    'the order count',
  ).ordersCount;
  return { bulk: count > config.bulkThreshold, total: precision === 'EXACT' ? count : undefined };
}

async function startOperation(client: AdminClient): Promise<string> {
  const data = await client.query(bulkOperationRunQuery, { query: ordersBulkQuery });
  const payload = readData(
    z.looseObject({
      bulkOperationRunQuery: z.looseObject({
        bulkOperation: z.looseObject({ id: z.string() }).nullish(),
        userErrors,
      }),
    }),
    data,
    'the bulk operation',
  ).bulkOperationRunQuery;
  const problem = payload.userErrors.map((error) => error.message).join('; ');
  if (!payload.bulkOperation) {
    // Only so many bulk queries may run per shop and app at once: try again later.
    const busy = /in progress|already/i.test(problem);
    throw new ConnectorError(
      busy ? 'rate_limited' : 'rejected',
      `Shopify did not start the export: ${problem}`,
    );
  }
  return payload.bulkOperation.id;
}

async function pollOperation(client: AdminClient, id: string): Promise<BulkOperationNode> {
  let delay = firstPollDelayMs;
  let waited = 0;
  for (;;) {
    const data = await client.query(
      bulkOperationQuery,
      { id },
      {
        nextCost: () => 0,
        waitAfter: (reply) => {
          const status = (reply as { node?: { status?: string } | null }).node?.status ?? '';
          return finished.has(status) ? 0 : delay;
        },
      },
    );
    const operation = readData(
      z.looseObject({ node: bulkOperationNode.nullable() }),
      data,
      'the bulk operation',
    ).node;
    if (!operation) throw new ConnectorError('not_found', `Shopify no longer knows the export ${id}`);
    if (finished.has(operation.status)) return operation;
    waited += delay;
    if (waited >= maxPollingMs)
      throw new ConnectorError(
        'timeout',
        'Shopify’s order export is still running; the next run picks it up',
      );
    delay = Math.min(maxPollDelayMs, delay * 2);
  }
}

function failureOfOperation(operation: BulkOperationNode): ConnectorError {
  const code = operation.errorCode ?? operation.status;
  const failure: ConnectorFailure =
    code === 'ACCESS_DENIED' ? 'permission' : code === 'TIMEOUT' ? 'timeout' : 'vendor_down';
  return new ConnectorError(
    failure,
    `Shopify’s order export ended ${operation.status.toLowerCase()} (${code})`,
    {
      details: { operation: operation.id, errorCode: operation.errorCode ?? null },
    },
  );
}

/** The lines of a text file, read as it downloads. */
export async function* downloadLines(url: string, signal?: AbortSignal): AsyncGenerator<string> {
  // The file sits on cloud storage behind a signed URL: no Shopify credentials, no cost bucket.
  const response = await fetch(url, { signal });
  if (response.status === 403 || response.status === 404 || response.status === 410)
    throw new ConnectorError('not_found', 'The link to Shopify’s order export has expired', {
      status: response.status,
    });
  if (!response.ok || !response.body)
    throw new ConnectorError('vendor_down', `Shopify’s order export did not download (${response.status})`, {
      status: response.status,
    });
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let rest = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    const text = rest + value;
    let start = 0;
    for (let end = text.indexOf('\n'); end >= 0; end = text.indexOf('\n', start)) {
      const line = text.slice(start, end).trim();
      if (line) yield line;
      start = end + 1;
    }
    rest = text.slice(start);
  }
  if (rest.trim()) yield rest.trim();
}

/** Reads a bulk JSONL file of orders and their line items into complete order nodes, in file order. */
export async function readBulkOrders(lines: AsyncIterable<string>): Promise<OrderNode[]> {
  const parents = new Map<string, { order: Record<string, unknown>; lines: unknown[] }>();
  const orphans = new Map<string, unknown[]>();
  let lineNumber = 0;
  for await (const line of lines) {
    lineNumber += 1;
    let object: Record<string, unknown>;
    try {
      object = JSON.parse(line) as Record<string, unknown>;
    } catch (cause) {
      throw new ConnectorError('malformed', `Line ${lineNumber} of Shopify’s order export is not JSON`, {
        cause,
      });
    }
    const parentId = object.__parentId;
    if (typeof parentId === 'string') {
      const { __parentId: _, ...child } = object;
      const parent = parents.get(parentId);
      const waiting = parent?.lines ?? orphans.get(parentId);
      if (waiting) waiting.push(child);
      else orphans.set(parentId, [child]);
    } else if (typeof object.id === 'string') {
      parents.set(object.id, { order: object, lines: orphans.get(object.id) ?? [] });
      orphans.delete(object.id);
    }
  }
  return [...parents.values()].map(({ order, lines: children }) =>
    readData(
      orderNode,
      { ...order, lineItems: { pageInfo: { hasNextPage: false }, nodes: children } },
      'an exported order',
    ),
  );
}

/** The orders stream of a full run, through a bulk operation (see the module comment). */
export async function* bulkOrders(
  client: AdminClient,
  resumeFrom: string | null,
  signal?: AbortSignal,
  restarts = 0,
): AsyncGenerator<StreamBatch> {
  const resumed = parseBulkPosition(resumeFrom);
  let position: BulkPosition;
  if (resumed) position = resumed;
  else {
    position = { operationId: await startOperation(client), yielded: 0 };
    // Checkpoint the operation before waiting for it, so a restart does not start a second one.
    yield { records: [], position: formatBulkPosition(position) };
  }
  const operation = await pollOperation(client, position.operationId);
  const restart = () => bulkOrders(client, null, signal, restarts + 1);
  if (operation.status !== 'COMPLETED') {
    // A run that resumes someone else's failure starts afresh; our own failure is reported.
    if (resumed && restarts === 0) return yield* restart();
    throw failureOfOperation(operation);
  }
  const total = operation.rootObjectCount == null ? undefined : Number(operation.rootObjectCount);
  if (!operation.url) {
    yield { records: [], position: null, total };
    return;
  }
  let orders: OrderNode[];
  try {
    orders = await readBulkOrders(downloadLines(operation.url, signal));
  } catch (error) {
    if (error instanceof ConnectorError && error.failure === 'not_found' && restarts === 0)
      return yield* restart();
    throw error;
  }
  let yielded = position.yielded;
  if (yielded >= orders.length) {
    yield { records: [], position: null, total };
    return;
  }
  while (yielded < orders.length) {
    const batch = orders.slice(yielded, yielded + bulkBatchSize);
    yielded += batch.length;
    yield {
      records: batch.map(orderFromNode),
      position: yielded < orders.length ? formatBulkPosition({ ...position, yielded }) : null,
      total,
    };
  }
}
