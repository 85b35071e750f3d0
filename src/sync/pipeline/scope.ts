/** What every step of the record pipeline knows: the business, the connection, its settings, the rules. */
import type { Orm } from '../../../db/database.ts';
import type { ConnectorCategory } from '../../connectors/define.ts';
import type { TenantInfo } from '../../core/context.ts';
import type { Rules } from '../../rules/catalogue.ts';
import type { ConnectionSettings } from '../settings.ts';

export interface PipelineScope {
  tx: Orm;
  tenant: TenantInfo;
  connection: { id: string; connector: string; name: string; category: ConnectorCategory };
  settings: ConnectionSettings;
  rules: Rules;
  /** One instant for the whole batch, so "changed since the last sync" compares like with like. */
  now: Date;
  /** SKUs whose stock a sale changed, to push to other systems once the batch has committed. */
  stockChanges?: { sku: string; reference: string }[];
}

export interface LinkRow {
  entity: string;
  externalId: string;
  recordId: string | null;
  payloadHash: string;
  remoteChangedAt: Date | null;
  syncedAt: Date;
  deletedAt: Date | null;
}

export type Outcome = 'created' | 'updated' | 'unchanged' | 'review';

export interface Applied {
  recordId: string | null;
  outcome: Outcome;
  /** Things the owner should know, in plain words, for the sync log. */
  warnings?: string[];
}

export interface PipelineCounts {
  seen: number;
  created: number;
  updated: number;
  unchanged: number;
  stale: number;
  deleted: number;
  reviews: number;
  failed: number;
}

export function emptyCounts(): PipelineCounts {
  return { seen: 0, created: 0, updated: 0, unchanged: 0, stale: 0, deleted: 0, reviews: 0, failed: 0 };
}

export function addCounts(total: PipelineCounts, more: PipelineCounts): PipelineCounts {
  const result = { ...total };
  for (const key of Object.keys(result) as (keyof PipelineCounts)[]) result[key] += more[key];
  return result;
}

/** The provenance columns of a record created by a sync: which connection, its id there, when. */
export function provenanceOf(scope: PipelineScope, externalId: string, changedAt: Date | null) {
  return {
    sourceKind: 'connection',
    sourceId: scope.connection.id,
    externalId,
    localChangedAt: scope.now,
    remoteChangedAt: changedAt ?? scope.now,
  };
}

/** Trimmed text, or null when there is none. */
export function clean(value: string | null | undefined): string | null {
  const text = value?.trim();
  return text ? text : null;
}
