/** Incoming customers: linked by external id, else matched by the dedup rules, else created. */
import { and, eq, isNull, sql } from 'drizzle-orm';
import { customers } from '../../../db/schema/index.ts';
import { toE164 } from '../../core/phone.ts';
import { emitEvent } from '../../events/outbox.ts';
import type { CustomerFields, PartyRef } from '../records.ts';
import type { Links } from './links.ts';
import { queueMergeReview, reconcile } from './reconcile.ts';
import { type Applied, clean, type LinkRow, type PipelineScope, provenanceOf } from './scope.ts';

/** Canonical customer fields → column values, with the phone in E.164 for the business's region. */
export function customerColumns(scope: PipelineScope, fields: Partial<CustomerFields>) {
  const first = clean(fields.first_name);
  const last = clean(fields.last_name);
  const fullName = clean(fields.full_name) ?? ([first, last].filter(Boolean).join(' ') || null);
  return {
    fullName,
    firstName: first,
    lastName: last,
    phone: toE164(fields.phone, scope.tenant.region),
    email: clean(fields.email)?.toLowerCase() ?? null,
    company: clean(fields.company),
    street: clean(fields.street),
    city: clean(fields.city),
    region: clean(fields.region),
    postalCode: clean(fields.postal_code),
    country: clean(fields.country),
    tags: fields.tags ?? [],
    notes: clean(fields.notes),
  };
}

/** An existing customer with the same phone or email, as the dedup rules allow. */
export async function matchCustomer(
  scope: PipelineScope,
  columns: { phone: string | null; email: string | null },
): Promise<{ id: string; on: string } | null> {
  const tries: [string, ReturnType<typeof sql>][] = [];
  if (columns.phone && scope.rules.merge_customers_by_phone)
    tries.push(['phone', sql`${customers.phone} = ${columns.phone}`]);
  if (columns.email && scope.rules.merge_customers_by_email)
    tries.push(['email', sql`lower(${customers.email}) = ${columns.email}`]);
  for (const [on, condition] of tries) {
    const [row] = await scope.tx
      .select({ id: customers.id })
      .from(customers)
      .where(and(eq(customers.tenantId, scope.tenant.id), isNull(customers.mergedInto), condition))
      .limit(1);
    if (row) return { id: row.id, on };
  }
  return null;
}

export async function upsertCustomer(
  scope: PipelineScope,
  externalId: string,
  fields: Partial<CustomerFields>,
  changedAt: Date | null,
  link: LinkRow | undefined,
): Promise<Applied> {
  const columns = customerColumns(scope, fields);
  let existingId = link?.recordId ?? null;
  let matched: { id: string; on: string } | null = null;
  if (existingId) {
    const [still] = await scope.tx
      .select({ id: customers.id, mergedInto: customers.mergedInto })
      .from(customers)
      .where(and(eq(customers.id, existingId), eq(customers.tenantId, scope.tenant.id)));
    existingId = still ? (still.mergedInto ?? still.id) : null;
  }
  if (!existingId) {
    matched = await matchCustomer(scope, columns);
    if (matched && !scope.rules.ask_before_merge) existingId = matched.id;
  }
  if (existingId) {
    const [existing] = await scope.tx.select().from(customers).where(eq(customers.id, existingId));
    if (existing) {
      const incoming: Record<string, unknown> = { ...columns };
      if (incoming.tags && (incoming.tags as string[]).length === 0) delete incoming.tags;
      const result = await reconcile(scope, {
        entity: 'customer',
        table: customers,
        existing,
        incoming,
        link,
        externalId,
        changedAt,
      });
      if (result.changed.length > 0)
        await emitEvent(scope.tx, scope.tenant.id, 'customer.updated', {
          customer_id: existing.id,
          fields: result.changed,
          source: scope.connection.connector,
        });
      return { recordId: existing.id, outcome: result.outcome };
    }
  }
  const [created] = await scope.tx
    .insert(customers)
    .values({
      tenantId: scope.tenant.id,
      ...columns,
      fullName: columns.fullName ?? columns.company ?? columns.email ?? columns.phone ?? 'Unnamed customer',
      ...provenanceOf(scope, externalId, changedAt),
    })
    .onConflictDoNothing()
    .returning({ id: customers.id });
  if (!created) {
    // Provenance already points at a record (a link row was lost): adopt it.
    const [row] = await scope.tx
      .select({ id: customers.id })
      .from(customers)
      .where(
        and(
          eq(customers.tenantId, scope.tenant.id),
          eq(customers.sourceId, scope.connection.id),
          eq(customers.externalId, externalId),
        ),
      );
    return { recordId: row?.id ?? null, outcome: 'unchanged' };
  }
  await emitEvent(scope.tx, scope.tenant.id, 'customer.updated', {
    customer_id: created.id,
    created: true,
    source: scope.connection.connector,
  });
  if (matched) {
    await queueMergeReview(scope, 'customer', created.id, matched.id, externalId, matched.on);
    return { recordId: created.id, outcome: 'review' };
  }
  return { recordId: created.id, outcome: 'created' };
}

/** The customer an order or payment names: by the vendor's id, else phone or email, else a new one. */
export async function customerForParty(
  scope: PipelineScope,
  party: PartyRef | null | undefined,
  links: Links,
): Promise<string | null> {
  if (!party) return null;
  if (party.externalId) {
    const link = await links.get('customer', party.externalId);
    if (link?.recordId) return link.recordId;
  }
  const columns = customerColumns(scope, { phone: party.phone ?? null, email: party.email ?? null });
  const found = await matchCustomer(scope, columns);
  if (found) return found.id;
  if (!party.full_name && !columns.email && !columns.phone) return null;
  const externalId = party.externalId ?? `party:${columns.email ?? columns.phone ?? party.full_name}`;
  const applied = await upsertCustomer(
    scope,
    externalId,
    { full_name: party.full_name ?? '', email: party.email ?? null, phone: party.phone ?? null },
    null,
    await links.get('customer', externalId),
  );
  // An empty hash: the customers stream, when it runs, still updates this record in full.
  await links.put('customer', externalId, applied.recordId, '', null);
  return applied.recordId;
}
