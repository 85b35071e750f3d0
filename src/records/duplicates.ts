/**
 * Possible duplicate records: customers sharing a phone or an email, or whose names are the same
 * words in any order and case ("JOYCE MUSHI", "Mushi Joyce"); products sharing a SKU or a name.
 * Groups are suggestions for review; nothing is merged here.
 */
import { sql } from 'drizzle-orm';
import { toInt } from '../../db/database.ts';
import type { Deps, TenantContext } from '../core/context.ts';

export interface DuplicateGroup {
  reason: 'same phone' | 'same email' | 'similar name' | 'same SKU' | 'same name';
  confidence: number;
  /** Oldest first; the first is the suggested record to keep. */
  records: {
    id: string;
    name: string;
    phone: string | null;
    email: string | null;
    sku: string | null;
    references: number;
    createdAt: string;
  }[];
}

/** Letters only, lowercased, words sorted: the same person written another way gives the same key. */
export function nameKey(name: string): string {
  return name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^\p{L}\s]/gu, ' ')
    .split(/\s+/)
    .filter((word) => word.length > 1)
    .sort()
    .join(' ');
}

interface Candidate {
  id: string;
  name: string;
  phone: string | null;
  email: string | null;
  sku: string | null;
  references: number;
  created_at: string | Date;
}

export async function findDuplicates(
  deps: Deps,
  context: TenantContext,
  entity: 'customers' | 'products',
  limit: number,
): Promise<DuplicateGroup[]> {
  const tenantId = context.tenant.id;
  const rows =
    entity === 'customers'
      ? await deps.db.rows<Candidate>(sql`
          select c.id, c.full_name as name, c.phone, lower(c.email) as email, null as sku, c.created_at,
            (select count(*) from invoices i where i.tenant_id = ${tenantId} and i.customer_id = c.id) as references
          from customers c where c.tenant_id = ${tenantId} and c.merged_into is null order by c.created_at, c.id`)
      : await deps.db.rows<Candidate>(sql`
          select p.id, p.name, null as phone, null as email, lower(p.sku) as sku, p.created_at,
            (select count(*) from invoice_lines l where l.tenant_id = ${tenantId} and l.product_id = p.id) as references
          from products p where p.tenant_id = ${tenantId} and p.merged_into is null order by p.created_at, p.id`);
  const groups: DuplicateGroup[] = [];
  const grouped = new Set<string>();
  const collect = (
    reason: DuplicateGroup['reason'],
    confidence: number,
    keyOf: (row: Candidate) => string | null,
  ) => {
    const byKey = new Map<string, Candidate[]>();
    for (const row of rows) {
      if (grouped.has(row.id)) continue;
      const key = keyOf(row);
      if (!key) continue;
      byKey.set(key, [...(byKey.get(key) ?? []), row]);
    }
    for (const members of byKey.values()) {
      if (members.length < 2) continue;
      for (const member of members) grouped.add(member.id);
      groups.push({
        reason,
        confidence,
        records: members.map((row) => ({
          id: row.id,
          name: row.name,
          phone: row.phone,
          email: row.email,
          sku: row.sku,
          references: toInt(row.references),
          createdAt: new Date(row.created_at).toISOString(),
        })),
      });
    }
  };
  if (entity === 'customers') {
    collect('same phone', 0.95, (row) => row.phone);
    collect('same email', 0.9, (row) => row.email);
    collect('similar name', 0.6, (row) => (nameKey(row.name).includes(' ') ? nameKey(row.name) : null));
  } else {
    collect('same SKU', 0.95, (row) => row.sku);
    collect('same name', 0.7, (row) => nameKey(row.name) || null);
  }
  return groups.sort((a, b) => b.confidence - a.confidence).slice(0, limit);
}
