/**
 * API keys: `kio_<prefix>_<secret>`, shown once. Only the SHA-256 of the whole key is stored; the
 * prefix finds the row and the hash is compared in constant time.
 */
import { and, eq, isNull } from 'drizzle-orm';
import type { Database } from '../../db/database.ts';
import { apiKeys } from '../../db/schema/index.ts';
import {
  scopes as allScopes,
  type Channel,
  grantedScopes,
  type Scope,
  type TenantContext,
} from '../core/context.ts';
import { randomToken, sha256Hex, timingSafeEqual } from '../core/encoding.ts';
import { AppError } from '../core/errors.ts';
import type { Clock } from '../core/time.ts';
import { memberContext } from './tenants.ts';

export interface CreatedApiKey {
  id: string;
  name: string;
  prefix: string;
  scopes: Scope[];
  /** The whole key: shown to the caller once and never again. */
  key: string;
}

export async function createApiKey(
  db: Database,
  context: TenantContext,
  values: { name: string; scopes: Scope[] },
): Promise<CreatedApiKey> {
  const granted = grantedScopes(context);
  const wanted = values.scopes.length > 0 ? values.scopes : ['read' as Scope];
  const unknown = wanted.filter((scope) => !allScopes.includes(scope));
  if (unknown.length > 0)
    throw new AppError('bad_request', `Unknown scope: ${unknown.join(', ')} (use read, write, admin)`);
  const beyond = wanted.filter((scope) => !granted.includes(scope));
  if (beyond.length > 0) {
    throw new AppError(
      'forbidden',
      `A ${context.member.role} cannot create a key with the ${beyond.join(', ')} scope`,
    );
  }
  const prefix = randomToken(6).replace(/[-_]/g, 'x');
  const key = `kio_${prefix}_${randomToken(24)}`;
  const [row] = await db.orm
    .insert(apiKeys)
    .values({
      tenantId: context.tenant.id,
      memberId: context.member.id,
      name: values.name,
      prefix,
      hash: await sha256Hex(key),
      scopes: wanted,
    })
    .returning({ id: apiKeys.id });
  if (!row) throw new AppError('internal', 'The key was not created');
  return { id: row.id, name: values.name, prefix, scopes: wanted, key };
}

/** Resolves a bearer key to the context it acts in; any failure is the same "unauthenticated". */
export async function authenticateApiKey(
  db: Database,
  clock: Clock,
  key: string,
  channel: Channel,
): Promise<TenantContext> {
  const match = key.match(/^kio_([A-Za-z0-9]+)_([A-Za-z0-9_-]{16,})$/);
  const invalid = new AppError('unauthenticated', 'The API key is missing, malformed, revoked or unknown');
  if (!match?.[1]) throw invalid;
  const [row] = await db.orm
    .select()
    .from(apiKeys)
    .where(and(eq(apiKeys.prefix, match[1]), isNull(apiKeys.revokedAt)));
  if (!row || !timingSafeEqual(row.hash, await sha256Hex(key))) throw invalid;
  await db.orm.update(apiKeys).set({ lastUsedAt: clock.now() }).where(eq(apiKeys.id, row.id));
  const context = await memberContext(db, row.tenantId, row.memberId, channel);
  return { ...context, keyScopes: row.scopes as Scope[] };
}
