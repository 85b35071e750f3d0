/** Reading and changing a business's rules; every change is audited by the tool that makes it. */
import { and, eq } from 'drizzle-orm';
import type { Database, Orm } from '../../db/database.ts';
import { rules } from '../../db/schema/index.ts';
import { AppError } from '../core/errors.ts';
import {
  defaultRules,
  type RuleKey,
  type RuleParams,
  type Rules,
  type RuleWithParams,
  ruleKeys,
  ruleParamSchemas,
} from './catalogue.ts';

export async function loadRules(db: Database, tenantId: string, executor?: Orm): Promise<Rules> {
  const rows = await (executor ?? db.orm)
    .select({ key: rules.key, enabled: rules.enabled })
    .from(rules)
    .where(eq(rules.tenantId, tenantId));
  const result: Rules = { ...defaultRules };
  for (const row of rows) {
    if ((ruleKeys as readonly string[]).includes(row.key)) result[row.key as RuleKey] = row.enabled;
  }
  return result;
}

/**
 * A rule's settings with every default filled in. Stored settings are validated when saved; should a
 * stored value still not parse (written by hand, or by an older version), the defaults apply rather
 * than a background job failing.
 */
export async function loadRuleParams<Key extends RuleWithParams>(
  db: Database,
  tenantId: string,
  key: Key,
  executor?: Orm,
): Promise<RuleParams<Key>> {
  const [row] = await (executor ?? db.orm)
    .select({ params: rules.params })
    .from(rules)
    .where(and(eq(rules.tenantId, tenantId), eq(rules.key, key)));
  return parseRuleParams(key, row?.params);
}

/** Stored settings (or none) read with the rule's schema; the defaults when they do not parse. */
export function parseRuleParams<Key extends RuleWithParams>(key: Key, stored: unknown): RuleParams<Key> {
  const schema = ruleParamSchemas[key];
  const parsed = schema.safeParse(stored ?? {});
  return (parsed.success ? parsed.data : schema.parse({})) as RuleParams<Key>;
}

/**
 * Turns a rule on or off. With `params` (rules that have settings only), the given settings are merged
 * over the stored ones and validated; an invalid value is a `bad_request` and nothing is saved.
 */
export async function saveRule(
  db: Database,
  tenantId: string,
  key: RuleKey,
  enabled: boolean,
  params?: Record<string, unknown>,
): Promise<void> {
  if (params === undefined) {
    await db.orm
      .insert(rules)
      .values({ tenantId, key, enabled })
      .onConflictDoUpdate({ target: [rules.tenantId, rules.key], set: { enabled, updatedAt: new Date() } });
    return;
  }
  const merged = await mergedParams(db, tenantId, key, params);
  await db.orm
    .insert(rules)
    .values({ tenantId, key, enabled, params: merged })
    .onConflictDoUpdate({
      target: [rules.tenantId, rules.key],
      set: { enabled, params: merged, updatedAt: new Date() },
    });
}

async function mergedParams(
  db: Database,
  tenantId: string,
  key: RuleKey,
  params: Record<string, unknown>,
): Promise<Record<string, unknown>> {
  if (!(key in ruleParamSchemas)) throw new AppError('bad_request', `The rule ${key} has no settings`);
  const schema = ruleParamSchemas[key as RuleWithParams];
  const current = await loadRuleParams(db, tenantId, key as RuleWithParams);
  const parsed = schema.safeParse(mergeOneLevel(current as Record<string, unknown>, params));
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || key}: ${issue.message}`);
    throw new AppError('bad_request', `Invalid settings for ${key}: ${problems.join('; ')}`, {
      details: { issues: problems },
    });
  }
  return parsed.data as Record<string, unknown>;
}

/** `{ business_hours: { start: '09:00' } }` changes the start and keeps the stored end and days. */
function mergeOneLevel(
  current: Record<string, unknown>,
  changes: Record<string, unknown>,
): Record<string, unknown> {
  const result = { ...current };
  for (const [key, value] of Object.entries(changes)) {
    const before = current[key];
    result[key] = isPlainObject(before) && isPlainObject(value) ? { ...before, ...value } : value;
  }
  return result;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export async function ruleIsSet(db: Database, tenantId: string, key: RuleKey): Promise<boolean> {
  const [row] = await db.orm
    .select({ key: rules.key })
    .from(rules)
    .where(and(eq(rules.tenantId, tenantId), eq(rules.key, key)));
  return row !== undefined;
}
