/**
 * Which incoming values replace Kiungo's, by the connection's conflict policy. An empty incoming
 * value never blanks a field; an empty field is always filled; "don't overwrite phone numbers we
 * already have" keeps any phone already known.
 */
import type { ConflictPolicy } from '../settings.ts';

export interface ConflictFacts {
  policy: ConflictPolicy;
  keepPhones: boolean;
  /** Kiungo's record changed after the last sync from this connection (or was never synced from it). */
  localChangedSinceSync: boolean;
  /** Kiungo's record changed after the vendor's did. */
  localIsNewer: boolean;
}

export interface Resolution {
  set: Record<string, unknown>;
  conflicts: Record<string, { ours: unknown; theirs: unknown }>;
}

function isEmpty(value: unknown): boolean {
  return (
    value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0)
  );
}

function same(left: unknown, right: unknown): boolean {
  if (left instanceof Date || right instanceof Date) return String(left) === String(right);
  return JSON.stringify(left) === JSON.stringify(right);
}

export function resolveFields(
  current: Record<string, unknown>,
  incoming: Record<string, unknown>,
  facts: ConflictFacts,
): Resolution {
  const set: Record<string, unknown> = {};
  const conflicts: Resolution['conflicts'] = {};
  for (const [field, theirs] of Object.entries(incoming)) {
    if (isEmpty(theirs)) continue;
    const ours = current[field];
    if (same(ours, theirs)) continue;
    if (isEmpty(ours)) {
      set[field] = theirs;
      continue;
    }
    if (field === 'phone' && facts.keepPhones) continue;
    switch (facts.policy) {
      case 'theirs':
        set[field] = theirs;
        break;
      case 'ours':
        break;
      case 'most_recent':
        if (!facts.localIsNewer) set[field] = theirs;
        break;
      case 'manual':
        if (facts.localChangedSinceSync) conflicts[field] = { ours, theirs };
        else set[field] = theirs;
        break;
    }
  }
  return { set, conflicts };
}
