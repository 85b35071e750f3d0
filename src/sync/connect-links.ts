/**
 * One-time links to a connect page. The assistant never asks for credentials in chat: it sends one of
 * these, the owner types the credentials into the page, and the link is spent. Only a hash of the
 * token is stored.
 */
import { and, eq, gt, isNull } from 'drizzle-orm';
import { connectTokens } from '../../db/schema/index.ts';
import type { Deps, TenantContext } from '../core/context.ts';
import { randomToken, sha256Hex } from '../core/encoding.ts';
import { AppError } from '../core/errors.ts';

export const connectLinkLifetimeMs = 30 * 60 * 1000;

export interface ConnectLink {
  url: string;
  expiresAt: Date;
}

export function publicBase(deps: Pick<Deps, 'publicUrl'>): string {
  return (deps.publicUrl ?? 'http://localhost:8787').replace(/\/+$/, '');
}

export async function createConnectLink(
  deps: Deps,
  context: Pick<TenantContext, 'tenant' | 'member'>,
  connector: string,
  connectionId?: string,
): Promise<ConnectLink> {
  const token = randomToken(24);
  const expiresAt = new Date(deps.clock.now().getTime() + connectLinkLifetimeMs);
  await deps.db.orm.insert(connectTokens).values({
    tenantId: context.tenant.id,
    memberId: context.member.id,
    connector,
    connectionId: connectionId ?? null,
    tokenHash: await sha256Hex(token),
    expiresAt,
  });
  return { url: `${publicBase(deps)}/connect/${token}`, expiresAt };
}

export interface ConnectGrant {
  id: string;
  tenantId: string;
  memberId: string;
  connector: string;
  connectionId: string | null;
}

/** The grant behind a token that is unused and unexpired; `spend` marks it used atomically. */
export async function findConnectGrant(deps: Deps, token: string): Promise<ConnectGrant> {
  const [row] = await deps.db.orm
    .select()
    .from(connectTokens)
    .where(
      and(
        eq(connectTokens.tokenHash, await sha256Hex(token)),
        isNull(connectTokens.usedAt),
        gt(connectTokens.expiresAt, deps.clock.now()),
      ),
    );
  if (!row)
    throw new AppError(
      'not_found',
      'This connect link has expired or was already used. Ask the assistant for a new one.',
    );
  return {
    id: row.id,
    tenantId: row.tenantId,
    memberId: row.memberId,
    connector: row.connector,
    connectionId: row.connectionId,
  };
}

export async function spendConnectGrant(deps: Deps, grant: ConnectGrant): Promise<void> {
  const spent = await deps.db.orm
    .update(connectTokens)
    .set({ usedAt: deps.clock.now() })
    .where(and(eq(connectTokens.id, grant.id), isNull(connectTokens.usedAt)))
    .returning({ id: connectTokens.id });
  if (spent.length === 0) throw new AppError('conflict', 'This connect link was already used');
}
