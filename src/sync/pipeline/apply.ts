/**
 * The record pipeline: mapping → change detection → rules and dedup → upsert with provenance →
 * events, for one batch, inside the caller's transaction. A batch first runs in one savepoint; if any
 * record makes the database refuse it, the batch is replayed record by record, each in its own
 * savepoint, so one bad record is logged and skipped and the rest still land.
 */
import { sha256Hex } from '../../core/encoding.ts';
import type { RecordOf, SyncEntity, SyncRecord } from '../records.ts';
import { upsertCustomer } from './customers.ts';
import { upsertInventory } from './inventory.ts';
import { type Links, loadLinks } from './links.ts';
import { applyFieldMappings } from './mapping.ts';
import { upsertOrder } from './orders.ts';
import { upsertPayment } from './payments.ts';
import { upsertProduct } from './products.ts';
import { type Applied, emptyCounts, type LinkRow, type PipelineCounts, type PipelineScope } from './scope.ts';

export interface LogLine {
  level: 'info' | 'warn' | 'error';
  message: string;
  recordRef?: string;
}

export interface BatchResult {
  counts: PipelineCounts;
  log: LogLine[];
}

/** A fingerprint of what Kiungo keeps from a record; equal fingerprints mean nothing changed. */
export function payloadHash(record: SyncRecord): Promise<string> {
  return sha256Hex(JSON.stringify(record.fields ?? null));
}

type Upserter = (
  scope: PipelineScope,
  record: SyncRecord,
  changedAt: Date | null,
  link: LinkRow | undefined,
  links: Links,
) => Promise<Applied>;

/** One upsert per entity; each takes the record's fields as its entity's shape. */
const upserters: Record<SyncEntity, Upserter> = {
  customer: (scope, record, changedAt, link) =>
    upsertCustomer(scope, record.externalId, (record as RecordOf<'customer'>).fields, changedAt, link),
  product: (scope, record, changedAt, link) =>
    upsertProduct(scope, record.externalId, (record as RecordOf<'product'>).fields, changedAt, link),
  order: (scope, record, changedAt, link, links) =>
    upsertOrder(scope, record.externalId, (record as RecordOf<'order'>).fields, changedAt, link, links),
  payment: (scope, record, changedAt, link) =>
    upsertPayment(scope, record.externalId, (record as RecordOf<'payment'>).fields, changedAt, link),
  inventory: (scope, record, changedAt) =>
    upsertInventory(scope, record.externalId, (record as RecordOf<'inventory'>).fields, changedAt),
};

async function applyOne(
  scope: PipelineScope,
  links: Links,
  incoming: SyncRecord,
  result: BatchResult,
): Promise<void> {
  const counts = result.counts;
  const ref = `${incoming.entity} ${incoming.externalId}`;
  if (!incoming.fields) {
    const link = await links.markDeleted(incoming.entity, incoming.externalId);
    if (link) {
      counts.deleted += 1;
      result.log.push({
        level: 'info',
        message: `${ref} was deleted in ${scope.connection.name}; Kiungo keeps its copy`,
        recordRef: ref,
      });
    } else counts.unchanged += 1;
    return;
  }
  const record = await applyFieldMappings(scope, incoming, scope.settings.fieldMappings);
  const link = await links.get(record.entity, record.externalId);
  const changedAt = record.changedAt ?? null;
  if (link?.remoteChangedAt && changedAt && changedAt < link.remoteChangedAt) {
    counts.stale += 1;
    return;
  }
  const hash = await payloadHash(record);
  if (link && link.payloadHash === hash && !link.deletedAt) {
    counts.unchanged += 1;
    return;
  }
  const applied = await upserters[record.entity](scope, record, changedAt, link, links);
  await links.put(record.entity, record.externalId, applied.recordId, hash, changedAt);
  if (applied.outcome === 'review') counts.reviews += 1;
  else counts[applied.outcome] += 1;
  for (const warning of applied.warnings ?? [])
    result.log.push({ level: 'warn', message: warning, recordRef: ref });
}

function describeFailure(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0]?.slice(0, 300) ?? 'unknown error';
}

export async function applyRecords(
  scope: PipelineScope,
  records: readonly SyncRecord[],
): Promise<BatchResult> {
  const wanted = records.map((record) => ({ entity: record.entity, externalId: record.externalId }));
  try {
    return await scope.tx.transaction(async (tx) => {
      const inner = { ...scope, tx };
      const links = await loadLinks(inner, wanted);
      const result: BatchResult = { counts: { ...emptyCounts(), seen: records.length }, log: [] };
      for (const record of records) await applyOne(inner, links, record, result);
      return result;
    });
  } catch {
    // Replay one by one so a single bad record does not hold back the others.
    const result: BatchResult = { counts: { ...emptyCounts(), seen: records.length }, log: [] };
    for (const record of records) {
      try {
        await scope.tx.transaction(async (tx) => {
          const inner = { ...scope, tx };
          await applyOne(inner, await loadLinks(inner, []), record, result);
        });
      } catch (error) {
        result.counts.failed += 1;
        result.log.push({
          level: 'error',
          message: `${record.entity} ${record.externalId} was not saved: ${describeFailure(error)}`,
          recordRef: `${record.entity} ${record.externalId}`,
        });
      }
    }
    return result;
  }
}
