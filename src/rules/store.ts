/** Reading and changing a business's rules; every change is audited by the tool that makes it. */
import { and, eq } from 'drizzle-orm';
import type { Database, Orm } from '../../db/database.ts';
import { rules } from '../../db/schema/index.ts';
import { defaultRules, type RuleKey, type Rules, ruleKeys } from './catalogue.ts';

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

export async function saveRule(
  db: Database,
  tenantId: string,
  key: RuleKey,
  enabled: boolean,
): Promise<void> {
  await db.orm
    .insert(rules)
    .values({ tenantId, key, enabled })
    .onConflictDoUpdate({ target: [rules.tenantId, rules.key], set: { enabled, updatedAt: new Date() } });
}

export async function ruleIsSet(db: Database, tenantId: string, key: RuleKey): Promise<boolean> {
  const [row] = await db.orm
    .select({ key: rules.key })
    .from(rules)
    .where(and(eq(rules.tenantId, tenantId), eq(rules.key, key)));
  return row !== undefined;
}
