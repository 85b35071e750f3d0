/** The per-connection map from vendor ids to Kiungo records, read once per batch and written per record. */
import { and, eq, inArray, sql } from 'drizzle-orm';
import { syncLinks } from '../../../db/schema/index.ts';
import type { LinkRow, PipelineScope } from './scope.ts';

export interface Links {
  get(entity: string, externalId: string): Promise<LinkRow | undefined>;
  put(
    entity: string,
    externalId: string,
    recordId: string | null,
    payloadHash: string,
    changedAt: Date | null,
  ): Promise<void>;
  markDeleted(entity: string, externalId: string): Promise<LinkRow | undefined>;
}

const keyOf = (entity: string, externalId: string) => `${entity}\u0000${externalId}`;

export async function loadLinks(
  scope: PipelineScope,
  wanted: readonly { entity: string; externalId: string }[],
): Promise<Links> {
  const cache = new Map<string, LinkRow | undefined>();
  const byEntity = new Map<string, string[]>();
  for (const item of wanted)
    byEntity.set(item.entity, [...(byEntity.get(item.entity) ?? []), item.externalId]);
  for (const [entity, ids] of byEntity) {
    for (let start = 0; start < ids.length; start += 1000) {
      const chunk = ids.slice(start, start + 1000);
      const rows = await scope.tx
        .select()
        .from(syncLinks)
        .where(
          and(
            eq(syncLinks.connectionId, scope.connection.id),
            eq(syncLinks.entity, entity),
            inArray(syncLinks.externalId, chunk),
          ),
        );
      for (const id of chunk) cache.set(keyOf(entity, id), undefined);
      for (const row of rows) cache.set(keyOf(entity, row.externalId), row);
    }
  }
  const links: Links = {
    async get(entity, externalId) {
      const key = keyOf(entity, externalId);
      if (cache.has(key)) return cache.get(key);
      const [row] = await scope.tx
        .select()
        .from(syncLinks)
        .where(
          and(
            eq(syncLinks.connectionId, scope.connection.id),
            eq(syncLinks.entity, entity),
            eq(syncLinks.externalId, externalId),
          ),
        );
      cache.set(key, row);
      return row;
    },
    async put(entity, externalId, recordId, payloadHash, changedAt) {
      const row = {
        tenantId: scope.tenant.id,
        connectionId: scope.connection.id,
        entity,
        externalId,
        recordId,
        payloadHash,
        remoteChangedAt: changedAt,
        syncedAt: scope.now,
        deletedAt: null,
      };
      await scope.tx
        .insert(syncLinks)
        .values(row)
        .onConflictDoUpdate({
          target: [syncLinks.connectionId, syncLinks.entity, syncLinks.externalId],
          set: {
            recordId: sql`coalesce(excluded.record_id, ${syncLinks.recordId})`,
            payloadHash,
            remoteChangedAt: sql`greatest(excluded.remote_changed_at, ${syncLinks.remoteChangedAt})`,
            syncedAt: scope.now,
            deletedAt: null,
          },
        });
      cache.set(keyOf(entity, externalId), {
        ...row,
        recordId: recordId ?? cache.get(keyOf(entity, externalId))?.recordId ?? null,
      });
    },
    async markDeleted(entity, externalId) {
      const link = await links.get(entity, externalId);
      if (!link || link.deletedAt) return undefined;
      await scope.tx
        .update(syncLinks)
        .set({ deletedAt: scope.now })
        .where(
          and(
            eq(syncLinks.connectionId, scope.connection.id),
            eq(syncLinks.entity, entity),
            eq(syncLinks.externalId, externalId),
          ),
        );
      cache.set(keyOf(entity, externalId), { ...link, deletedAt: scope.now });
      return link;
    },
  };
  return links;
}
