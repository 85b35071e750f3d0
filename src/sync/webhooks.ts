/**
 * Vendor webhooks in: verified over the raw bytes, de-duplicated by the vendor's event id, stored
 * verbatim, acknowledged, and only then processed (by a job when a worker runs). A flood therefore
 * costs one insert per delivery; nothing is dropped, and processing drains the inbox at its own pace.
 */
import { and, asc, eq, sql } from 'drizzle-orm';
import { connections, tenants, webhookInbox } from '../../db/schema/index.ts';
import type { WebhookInput } from '../connectors/define.ts';
import { isConnectorError } from '../connectors/errors.ts';
import type { Deps } from '../core/context.ts';
import { AppError } from '../core/errors.ts';
import { isUuid } from '../core/ids.ts';
import { loadRules } from '../rules/store.ts';
import { toTenantInfo } from '../tenancy/tenants.ts';
import { connectorOf, openCredentials } from './connections.ts';
import { setHealth } from './health.ts';
import { applyRecords } from './pipeline/apply.ts';
import { jobNames } from './queue.ts';
import { parseSettings } from './settings.ts';
import { pushStockChanges, type StockChange, uniqueBySku } from './write-back.ts';

/** Larger deliveries are refused: no vendor sends a single event this big. */
export const maxWebhookBytes = 1024 * 1024;
/** A delivery that fails this many times is left as failed for the owner to see. */
const maxAttempts = 5;
const drainBatch = 100;
const droppedHeaders = new Set(['authorization', 'cookie', 'proxy-authorization']);

export interface IncomingWebhook {
  connector: string;
  connectionId: string;
  subpath: readonly string[];
  headers: Headers;
  body: Uint8Array;
  remoteAddress?: string | undefined;
}

export interface WebhookReply {
  status: number;
  body: unknown;
}

function storableHeaders(headers: Headers): Record<string, string> {
  const result: Record<string, string> = {};
  headers.forEach((value, key) => {
    if (!droppedHeaders.has(key)) result[key] = value;
  });
  return result;
}

/** How long a receiver trusts its cached copy of a connection (and its opened credentials). */
const connectionCacheMs = 5_000;
/** Deliveries to one connection within this window share one drain job (sent after the last). */
const drainCoalesceMs = 200;

interface CachedConnection {
  row: typeof connections.$inferSelect;
  config: unknown;
  at: number;
}

export interface WebhookReceiver {
  receive(incoming: IncomingWebhook): Promise<WebhookReply>;
}

/**
 * A receiver per server: it keeps each connection's row and opened credentials for a few seconds (a
 * disconnect takes effect within that time), and coalesces the drain jobs of a burst into one per
 * connection, sent after the burst's last delivery was stored, so a flood costs one insert per
 * delivery and a handful of jobs. If the process dies before a coalesced job is sent, the worker's
 * sweep finds the stored deliveries within a minute.
 */
export function createWebhookReceiver(deps: Deps): WebhookReceiver {
  const cache = new Map<string, CachedConnection>();
  const inbox = inboxWriter(deps);
  const pendingDrains = new Map<string, ReturnType<typeof setTimeout>>();

  async function connectionFor(id: string): Promise<CachedConnection | undefined> {
    const now = Date.now();
    const cached = cache.get(id);
    if (cached && now - cached.at < connectionCacheMs) return cached;
    const [row] = await deps.db.orm.select().from(connections).where(eq(connections.id, id));
    if (!row) {
      cache.delete(id);
      return undefined;
    }
    const config = row.credentials ? await openCredentials(deps, row) : undefined;
    const entry = { row, config, at: now };
    cache.set(id, entry);
    return entry;
  }

  function scheduleDrain(connectionId: string): Promise<void> | undefined {
    const jobs = deps.jobs;
    if (!jobs) return drainInbox(deps, connectionId).then(() => undefined);
    const waiting = pendingDrains.get(connectionId);
    if (waiting) clearTimeout(waiting);
    const timer = setTimeout(() => {
      pendingDrains.delete(connectionId);
      jobs
        .send(jobNames.webhookDrain, { connectionId }, { singletonKey: connectionId })
        .catch((error) =>
          deps.logger.warn('webhook drain not queued; the sweep will pick it up', { error: String(error) }),
        );
    }, drainCoalesceMs);
    // A pending drain must not keep a stopping process alive; the sweep covers it.
    (timer as { unref?: () => void }).unref?.();
    pendingDrains.set(connectionId, timer);
    return undefined;
  }

  return {
    async receive(incoming) {
      const notFound = {
        status: 404,
        body: { error: { code: 'not_found', message: 'Unknown webhook address' } },
      };
      if (!isUuid(incoming.connectionId)) return notFound;
      const cached = await connectionFor(incoming.connectionId);
      const row = cached?.row;
      if (
        !row ||
        row.connector !== incoming.connector ||
        row.status === 'disconnected' ||
        cached?.config === undefined
      )
        return notFound;
      const connector = connectorOf(row.connector);
      if (!connector.webhook) return notFound;
      if (incoming.body.length > maxWebhookBytes)
        return {
          status: 413,
          body: { error: { code: 'payload_too_large', message: 'Webhook body too large' } },
        };
      const config = cached.config;
      const input: WebhookInput = {
        headers: incoming.headers,
        body: incoming.body,
        subpath: incoming.subpath,
        remoteAddress: incoming.remoteAddress,
      };
      const verdict = await connector.webhook.verify(config, input);
      if (!verdict.ok) {
        deps.logger.warn('webhook rejected', {
          connector: row.connector,
          connection: row.id,
          reason: verdict.reason,
        });
        return {
          status: 401,
          body: { error: { code: 'unauthenticated', message: 'Signature check failed' } },
        };
      }
      if ('ping' in verdict) return { status: 200, body: { ok: true } };
      let parsed: Awaited<ReturnType<typeof connector.webhook.parse>>;
      try {
        parsed = await connector.webhook.parse(config, input);
      } catch (error) {
        const message =
          isConnectorError(error) || error instanceof AppError
            ? error.message
            : 'The webhook body could not be read';
        deps.logger.warn('webhook unreadable', { connector: row.connector, connection: row.id, message });
        return { status: 400, body: { error: { code: 'bad_request', message } } };
      }
      const stored = await inbox.store({
        tenantId: row.tenantId,
        connectionId: row.id,
        connector: row.connector,
        eventId: parsed.eventId,
        topic: parsed.topic,
        subpath: incoming.subpath.join('/'),
        headers: storableHeaders(incoming.headers),
        body: new TextDecoder().decode(incoming.body),
      });
      if (stored) await scheduleDrain(row.id);
      return (
        connector.webhook.acknowledge?.(input) ?? {
          status: 200,
          body: { ok: true, duplicate: !stored },
        }
      );
    },
  };
}

type InboxRow = typeof webhookInbox.$inferInsert;

/**
 * Group commit for the inbox: deliveries that arrive while an insert is running are written together
 * by the next one, so a burst costs a few multi-row inserts. Each caller still waits for its own row
 * to be committed before it answers; the answer says whether the row is new or a duplicate.
 */
function inboxWriter(deps: Deps) {
  const waiting: { row: InboxRow; resolve(stored: boolean): void; reject(error: unknown): void }[] = [];
  let running = false;
  async function flush(): Promise<void> {
    running = true;
    while (waiting.length > 0) {
      const batch = waiting.splice(0, 200);
      try {
        const inserted = await deps.db.orm
          .insert(webhookInbox)
          .values(batch.map((item) => item.row))
          .onConflictDoNothing()
          .returning({ connectionId: webhookInbox.connectionId, eventId: webhookInbox.eventId });
        const fresh = new Set(inserted.map((row) => `${row.connectionId} ${row.eventId}`));
        for (const item of batch) {
          const key = `${item.row.connectionId} ${item.row.eventId}`;
          // The first of two identical deliveries in one batch is the stored one.
          item.resolve(fresh.delete(key));
        }
      } catch (error) {
        for (const item of batch) item.reject(error);
      }
    }
    running = false;
  }
  return {
    store(row: InboxRow): Promise<boolean> {
      return new Promise((resolve, reject) => {
        waiting.push({ row, resolve, reject });
        if (!running) void flush();
      });
    },
  };
}

/** Processes a connection's stored deliveries in the order they arrived; safe with several workers. */
export async function drainInbox(deps: Deps, connectionId: string): Promise<number> {
  // One read for the connection and its business.
  const [found] = await deps.db.orm
    .select({ row: connections, tenant: tenants })
    .from(connections)
    .innerJoin(tenants, eq(tenants.id, connections.tenantId))
    .where(eq(connections.id, connectionId));
  if (!found) return 0;
  const { row } = found;
  const tenant = toTenantInfo(found.tenant);
  const connection = { row, connector: connectorOf(row.connector), settings: parseSettings(row.settings) };
  const webhook = connection.connector.webhook;
  if (!webhook) return 0;
  const config = await openCredentials(deps, row);
  let processed = 0;
  for (;;) {
    const stockChanges: StockChange[] = [];
    const claimed = await deps.db.orm.transaction(async (tx) => {
      const batch = await tx
        .select()
        .from(webhookInbox)
        .where(and(eq(webhookInbox.connectionId, connectionId), eq(webhookInbox.status, 'received')))
        .orderBy(asc(webhookInbox.receivedAt))
        .limit(drainBatch)
        .for('update', { skipLocked: true });
      if (batch.length === 0) return 0;
      const rules = await loadRules(deps.db, tenant.id, tx);
      for (const delivery of batch) {
        const input: WebhookInput = {
          headers: new Headers(delivery.headers as Record<string, string>),
          body: new TextEncoder().encode(delivery.body),
          subpath: delivery.subpath ? delivery.subpath.split('/') : [],
        };
        try {
          const parsed = await webhook.parse(config, input);
          const scope = {
            tx,
            tenant,
            connection: {
              id: row.id,
              connector: row.connector,
              name: row.name,
              category: connection.connector.category,
            },
            settings: connection.settings,
            rules,
            now: deps.clock.now(),
            stockChanges,
          };
          const result = await applyRecords(scope, parsed.records);
          const problems = result.log.filter((line) => line.level !== 'info').map((line) => line.message);
          await tx
            .update(webhookInbox)
            .set({
              status: parsed.note && parsed.records.length === 0 ? 'ignored' : 'processed',
              processedAt: deps.clock.now(),
              attempts: sql`${webhookInbox.attempts} + 1`,
              error: problems.length > 0 ? problems.slice(0, 5).join('; ') : (parsed.note ?? null),
            })
            .where(eq(webhookInbox.id, delivery.id));
          if (parsed.topic === 'app/uninstalled') {
            await tx
              .update(connections)
              .set({
                health: 'red',
                healthReason: `The ${row.name} app was uninstalled; reconnect to sync again`,
              })
              .where(eq(connections.id, row.id));
          }
        } catch (error) {
          const failed = delivery.attempts + 1 >= maxAttempts;
          await tx
            .update(webhookInbox)
            .set({
              status: failed ? 'failed' : 'received',
              attempts: sql`${webhookInbox.attempts} + 1`,
              error: error instanceof Error ? error.message.slice(0, 300) : String(error),
            })
            .where(eq(webhookInbox.id, delivery.id));
        }
      }
      return batch.length;
    });
    if (claimed === 0) break;
    processed += claimed;
    await pushStockChanges(deps, tenant.id, connectionId, uniqueBySku(stockChanges));
    if (processed > 0 && claimed < drainBatch) {
      const [pending] = await deps.db.rows<{ count: number }>(
        sql`select count(*)::int as count from webhook_inbox where connection_id = ${connectionId} and status = 'received' and attempts = 0`,
      );
      if (!pending || Number(pending.count) === 0) break;
    }
  }
  if (processed > 0 && row.health !== 'red')
    await setHealth(deps, tenant.id, row.id, 'green', 'Receiving updates as they happen', {
      lastSyncAt: deps.clock.now(),
    });
  return processed;
}
