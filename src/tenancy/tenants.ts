/** Creating businesses and resolving who is acting for which one. */
import { and, asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../../db/database.ts';
import { members, tenants } from '../../db/schema/index.ts';
import type { MemberRole } from '../../db/schema/tenancy.ts';
import type { Channel, MemberInfo, TenantContext, TenantInfo } from '../core/context.ts';
import { AppError } from '../core/errors.ts';
import { isCurrencyCode } from '../core/money.ts';
import { isValidTimeZone } from '../core/time.ts';

export const newTenantSchema = z.object({
  slug: z
    .string()
    .regex(
      /^[a-z0-9][a-z0-9-]{1,62}$/,
      'use 2–63 lowercase letters, digits or dashes, starting with a letter or digit',
    ),
  name: z.string().min(1).max(200).optional(),
  currency: z
    .string()
    .transform((value) => value.toUpperCase())
    .refine(isCurrencyCode, 'not an ISO 4217 currency code')
    .default('TZS'),
  region: z
    .string()
    .regex(/^[A-Za-z]{2}$/, 'use a two-letter country code such as TZ or KE')
    .transform((value) => value.toUpperCase())
    .default('TZ'),
  timezone: z.string().refine(isValidTimeZone, 'not an IANA time zone').default('Africa/Dar_es_Salaam'),
  language: z.enum(['en', 'sw']).default('en'),
  ownerName: z.string().min(1).max(200).default('Owner'),
});

export type NewTenant = z.input<typeof newTenantSchema>;

export async function createTenant(
  db: Database,
  input: NewTenant,
): Promise<{ tenant: TenantInfo; owner: MemberInfo }> {
  const parsed = newTenantSchema.safeParse(input);
  if (!parsed.success) {
    throw new AppError(
      'bad_request',
      parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; '),
    );
  }
  const values = parsed.data;
  const existing = await db.orm.select({ id: tenants.id }).from(tenants).where(eq(tenants.slug, values.slug));
  if (existing.length > 0)
    throw new AppError('conflict', `A business with the slug "${values.slug}" already exists`);
  return db.orm.transaction(async (tx) => {
    const [tenant] = await tx
      .insert(tenants)
      .values({
        slug: values.slug,
        name: values.name ?? values.slug,
        currency: values.currency,
        region: values.region,
        timezone: values.timezone,
        language: values.language,
      })
      .returning();
    if (!tenant) throw new AppError('internal', 'The business was not created');
    const [owner] = await tx
      .insert(members)
      .values({ tenantId: tenant.id, name: values.ownerName, role: 'owner' })
      .returning({ id: members.id, name: members.name, role: members.role });
    if (!owner) throw new AppError('internal', 'The owner was not created');
    return { tenant: toTenantInfo(tenant), owner };
  });
}

export function toTenantInfo(row: typeof tenants.$inferSelect): TenantInfo {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    currency: row.currency,
    region: row.region,
    timezone: row.timezone,
    language: row.language,
  };
}

export async function findTenant(db: Database, slug: string): Promise<TenantInfo | null> {
  const [row] = await db.orm.select().from(tenants).where(eq(tenants.slug, slug));
  return row ? toTenantInfo(row) : null;
}

export async function addMember(
  db: Database,
  tenantId: string,
  values: { name: string; role: MemberRole; phone?: string; email?: string },
): Promise<MemberInfo> {
  const [member] = await db.orm
    .insert(members)
    .values({ tenantId, ...values })
    .returning({ id: members.id, name: members.name, role: members.role });
  if (!member) throw new AppError('internal', 'The member was not created');
  return member;
}

/**
 * The context for acting in a business from a trusted local surface (CLI, embedded web chat): the
 * member named by id or name, or the owner.
 */
export async function contextForSlug(
  db: Database,
  slug: string,
  channel: Channel,
  memberRef?: string,
): Promise<TenantContext> {
  const tenant = await findTenant(db, slug);
  if (!tenant)
    throw new AppError(
      'not_found',
      `No business with the slug "${slug}". Create it with: kiungo tenants create ${slug}`,
    );
  const rows = await db.orm
    .select({ id: members.id, name: members.name, role: members.role })
    .from(members)
    .where(eq(members.tenantId, tenant.id))
    .orderBy(asc(members.createdAt));
  const wanted = memberRef?.toLowerCase();
  const member = wanted
    ? rows.find((row) => row.id === memberRef || row.name.toLowerCase() === wanted || row.role === wanted)
    : (rows.find((row) => row.role === 'owner') ?? rows[0]);
  if (!member)
    throw new AppError(
      'not_found',
      memberRef ? `No member "${memberRef}" in ${slug}` : `${slug} has no members`,
    );
  return { tenant, member, channel };
}

export async function memberContext(
  db: Database,
  tenantId: string,
  memberId: string,
  channel: Channel,
): Promise<TenantContext> {
  const [row] = await db.orm
    .select({ member: { id: members.id, name: members.name, role: members.role }, tenant: tenants })
    .from(members)
    .innerJoin(tenants, eq(tenants.id, members.tenantId))
    .where(and(eq(members.id, memberId), eq(members.tenantId, tenantId)));
  if (!row) throw new AppError('unauthenticated', 'That member no longer exists');
  return { tenant: toTenantInfo(row.tenant), member: row.member, channel };
}
