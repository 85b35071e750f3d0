/**
 * Webhook signature checks over the raw request bytes, never over re-serialised JSON (vendors escape
 * `/` and non-ASCII differently from `JSON.stringify`), compared in constant time.
 */
import { bytesToHex, timingSafeEqual } from '../core/encoding.ts';

const encoder = new TextEncoder();

export async function hmacSha256(secret: string, message: Uint8Array | string): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey(
    'raw',
    encoder.encode(secret) as BufferSource,
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  const data = typeof message === 'string' ? encoder.encode(message) : message;
  return new Uint8Array(await crypto.subtle.sign('HMAC', key, data as BufferSource));
}

export function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** True when `signature` is the base64 HMAC-SHA256 of `body` under `secret` (Shopify, WooCommerce). */
export async function verifyBase64Hmac(
  secret: string,
  body: Uint8Array,
  signature: string | null | undefined,
): Promise<boolean> {
  if (!signature || body.length === 0 || !secret) return false;
  return timingSafeEqual(bytesToBase64(await hmacSha256(secret, body)), signature.trim());
}

/** True when `signature` (optionally prefixed, e.g. `sha256=`) is the hex HMAC-SHA256 of `body`. */
export async function verifyHexHmac(
  secret: string,
  body: Uint8Array,
  signature: string | null | undefined,
  prefix = '',
): Promise<boolean> {
  if (!signature || !secret || !signature.startsWith(prefix)) return false;
  const expected = bytesToHex(await hmacSha256(secret, body));
  return timingSafeEqual(expected, signature.slice(prefix.length).trim().toLowerCase());
}
