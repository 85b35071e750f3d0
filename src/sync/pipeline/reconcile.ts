/**
 * The part of an upsert every entity shares: given Kiungo's row and the incoming values, settle each
 * field by the conflict policy, write what changed, and queue a review for values only the owner can
 * choose between.
 */
import { and, eq } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import { syncReviews } from '../../../db/schema/index.ts';
import type { SyncEntity } from '../records.ts';
import { resolveFields } from './conflicts.ts';
import type { LinkRow, Outcome, PipelineScope } from './scope.ts';

export interface ExistingRow {
  id: string;
  localChangedAt: Date;
  [column: string]: unknown;
}

export interface ReconcileInput {
  entity: SyncEntity;
  table: PgTable & { id: PgColumn; tenantId: PgColumn };
  existing: ExistingRow;
  /** Incoming values keyed by the table's column property names. */
  incoming: Record<string, unknown>;
  link: LinkRow | undefined;
  externalId: string;
  changedAt: Date | null;
}

export async function reconcile(
  scope: PipelineScope,
  input: ReconcileInput,
): Promise<{ outcome: Outcome; changed: string[] }> {
  const lastSync = input.link?.syncedAt;
  const resolution = resolveFields(input.existing, input.incoming, {
    policy: scope.settings.conflictPolicy,
    keepPhones: scope.rules.keep_existing_phones,
    localChangedSinceSync: !lastSync || input.existing.localChangedAt > lastSync,
    localIsNewer: input.existing.localChangedAt > (input.changedAt ?? scope.now),
  });
  const changed = Object.keys(resolution.set);
  if (changed.length > 0) {
    await scope.tx
      .update(input.table)
      .set({ ...resolution.set, updatedAt: scope.now, remoteChangedAt: input.changedAt ?? scope.now })
      .where(and(eq(input.table.id, input.existing.id), eq(input.table.tenantId, scope.tenant.id)));
  }
  const conflicted = Object.keys(resolution.conflicts);
  if (conflicted.length > 0) {
    await scope.tx.insert(syncReviews).values({
      tenantId: scope.tenant.id,
      connectionId: scope.connection.id,
      kind: 'conflict',
      entity: input.entity,
      recordId: input.existing.id,
      externalId: input.externalId,
      data: resolution.conflicts,
    });
    return { outcome: 'review', changed };
  }
  return { outcome: changed.length > 0 ? 'updated' : 'unchanged', changed };
}

/** A new record that may be the same as an existing one: the owner decides (rule "ask me first"). */
export async function queueMergeReview(
  scope: PipelineScope,
  entity: SyncEntity,
  newId: string,
  existingId: string,
  externalId: string,
  matchedOn: string,
): Promise<void> {
  await scope.tx.insert(syncReviews).values({
    tenantId: scope.tenant.id,
    connectionId: scope.connection.id,
    kind: 'merge',
    entity,
    recordId: newId,
    otherRecordId: existingId,
    externalId,
    data: { matchedOn },
  });
}
