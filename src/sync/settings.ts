/**
 * A connection's settings: what to sync, how often, how conflicts are settled and how vendor fields
 * map onto Kiungo's. Stored as JSON on the connection (never secrets) and parsed with this schema
 * wherever they are read, so an old or hand-edited value cannot crash a sync.
 */
import { z } from 'zod';
import { streams, syncEntities } from './records.ts';

export const frequencies = ['realtime', 'hourly', 'daily', 'manual'] as const;
export type Frequency = (typeof frequencies)[number];

/**
 * ours: Kiungo's value stays once it has one; theirs: the vendor's value always wins; most_recent:
 * whichever side changed last; manual: a change on both sides since the last sync waits for the owner.
 */
export const conflictPolicies = ['ours', 'theirs', 'most_recent', 'manual'] as const;
export type ConflictPolicy = (typeof conflictPolicies)[number];

export const transformSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('date_format'),
    format: z.enum(['DD/MM/YYYY', 'MM/DD/YYYY', 'YYYY-MM-DD', 'DD.MM.YYYY', 'YYYYMMDD']),
  }),
  z.object({ kind: z.literal('case'), to: z.enum(['upper', 'lower', 'title']) }),
  z.object({
    kind: z.literal('value_map'),
    map: z.record(z.string(), z.string()),
    fallback: z.string().optional(),
  }),
  z.object({
    kind: z.literal('concat'),
    from: z.array(z.string().min(1)).min(1).max(10),
    separator: z.string().max(10).default(' '),
  }),
  z.object({
    kind: z.literal('split'),
    separator: z.string().min(1).max(10),
    index: z.number().int().min(-10).max(10),
  }),
  z.object({
    kind: z.literal('lookup'),
    entity: z.enum(['customer', 'product']),
    by: z.enum(['phone', 'email', 'sku', 'name']),
    take: z.enum(['full_name', 'phone', 'email', 'sku', 'name', 'category', 'city']),
  }),
  z.object({ kind: z.literal('default'), value: z.string() }),
]);
export type Transform = z.infer<typeof transformSchema>;

export const mappingDirections = ['inbound', 'outbound', 'both', 'off'] as const;

export const fieldMappingSchema = z.object({
  entity: z.enum(syncEntities),
  /** The canonical field it sets. */
  field: z.string().min(1).max(60),
  /** A dotted path into the vendor's payload (`billing.phone`, `note_attributes.0.value`); the canonical value when absent. */
  from: z.string().min(1).max(200).optional(),
  transforms: z.array(transformSchema).max(10).default([]),
  direction: z.enum(mappingDirections).default('inbound'),
});
export type FieldMapping = z.infer<typeof fieldMappingSchema>;

export const connectionSettingsSchema = z.object({
  streams: z.array(z.enum(streams)).default([]),
  frequency: z.enum(frequencies).default('manual'),
  conflictPolicy: z.enum(conflictPolicies).default('most_recent'),
  fieldMappings: z.array(fieldMappingSchema).max(100).default([]),
  /** The vendor's name for the account, learnt when the credentials were checked. */
  account: z.string().optional(),
  /** Health problems before this instant are not reported (the owner chose "ignore"). */
  ignoredUntil: z.iso.datetime({ offset: true }).optional(),
});
export type ConnectionSettings = z.infer<typeof connectionSettingsSchema>;

export function parseSettings(value: unknown): ConnectionSettings {
  const parsed = connectionSettingsSchema.safeParse(value ?? {});
  return parsed.success ? parsed.data : connectionSettingsSchema.parse({});
}
