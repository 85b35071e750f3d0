/**
 * Finds the customer a row names (invoices and payments name their customer by name, phone or
 * email). Loaded once per import: a few columns of every live customer of the business.
 */
import { sql } from 'drizzle-orm';
import type { Database } from '../../db/database.ts';
import { toE164 } from '../core/phone.ts';

export async function customerLookup(
  db: Database,
  tenantId: string,
  region: string,
): Promise<(reference: unknown) => string | null> {
  const rows = await db.rows<{ id: string; full_name: string; phone: string | null; email: string | null }>(
    sql`select id, full_name, phone, email from customers where tenant_id = ${tenantId} and merged_into is null`,
  );
  const byKey = new Map<string, string | null>();
  const add = (key: string | null | undefined, id: string) => {
    if (!key) return;
    const normal = key.trim().toLowerCase();
    // A name shared by two customers identifies neither.
    byKey.set(normal, byKey.has(normal) && byKey.get(normal) !== id ? null : id);
  };
  for (const row of rows) {
    add(row.full_name, row.id);
    add(row.phone, row.id);
    add(row.email, row.id);
  }
  return (reference) => {
    if (reference === null || reference === undefined) return null;
    const text = String(reference).trim();
    if (text === '') return null;
    return byKey.get(text.toLowerCase()) ?? byKey.get(toE164(text, region) ?? '') ?? null;
  };
}
