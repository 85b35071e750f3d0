/**
 * Web sign-in: one-time links (`/login/<token>`, valid 15 minutes, used once) and signed session
 * cookies (HMAC-SHA256 over the member, business and expiry). No session state on the server.
 */
import { and, eq, gt, isNull } from 'drizzle-orm';
import type { Database } from '../../db/database.ts';
import { loginTokens } from '../../db/schema/index.ts';
import type { MemberInfo, TenantInfo } from '../core/context.ts';
import {
  base64ToBytes,
  bytesToBase64Url,
  randomToken,
  sha256Hex,
  timingSafeEqual,
} from '../core/encoding.ts';
import { AppError } from '../core/errors.ts';
import type { Clock } from '../core/time.ts';

export const sessionCookieName = 'kiungo_session';
export const sessionLifetimeMs = 14 * 24 * 60 * 60 * 1000;
const loginLinkLifetimeMs = 15 * 60 * 1000;

export interface SessionClaims {
  tenantId: string;
  memberId: string;
  expiresAt: number;
}

async function hmac(secret: string, text: string): Promise<string> {
  const key = await crypto.subtle.importKey(
    'raw',
    new TextEncoder().encode(secret),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  return bytesToBase64Url(
    new Uint8Array(await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(text))),
  );
}

export async function signSession(secret: string, claims: SessionClaims): Promise<string> {
  const payload = bytesToBase64Url(new TextEncoder().encode(JSON.stringify(claims)));
  return `${payload}.${await hmac(secret, payload)}`;
}

export async function verifySession(
  secret: string,
  value: string | undefined,
  clock: Clock,
): Promise<SessionClaims | null> {
  if (!value) return null;
  const [payload, signature] = value.split('.');
  if (!payload || !signature || !timingSafeEqual(signature, await hmac(secret, payload))) return null;
  try {
    const claims = JSON.parse(new TextDecoder().decode(base64ToBytes(payload))) as SessionClaims;
    return claims.expiresAt > clock.now().getTime() ? claims : null;
  } catch {
    return null;
  }
}

export async function createLoginLink(
  db: Database,
  clock: Clock,
  tenant: TenantInfo,
  member: MemberInfo,
  publicUrl: string,
): Promise<{ url: string; expiresAt: Date }> {
  const token = randomToken(24);
  const expiresAt = new Date(clock.now().getTime() + loginLinkLifetimeMs);
  await db.orm
    .insert(loginTokens)
    .values({ tenantId: tenant.id, memberId: member.id, tokenHash: await sha256Hex(token), expiresAt });
  return { url: `${publicUrl.replace(/\/$/, '')}/login/${token}`, expiresAt };
}

/** Uses a one-time link; any failure reads the same. */
export async function consumeLoginToken(
  db: Database,
  clock: Clock,
  token: string,
): Promise<{ tenantId: string; memberId: string }> {
  const [row] = await db.orm
    .update(loginTokens)
    .set({ usedAt: clock.now() })
    .where(
      and(
        eq(loginTokens.tokenHash, await sha256Hex(token)),
        isNull(loginTokens.usedAt),
        gt(loginTokens.expiresAt, clock.now()),
      ),
    )
    .returning({ tenantId: loginTokens.tenantId, memberId: loginTokens.memberId });
  if (!row)
    throw new AppError(
      'unauthenticated',
      'This sign-in link is invalid, used or expired. Ask for a new one.',
    );
  return row;
}
