/**
 * The credential vault: AES-256-GCM over Web Crypto. Every sealed value names the key it was sealed
 * with (`v1.<key id>.<iv>.<ciphertext>`), so keys can rotate: new values use the current key, old ones
 * open with any key still listed.
 *
 * @example
 *   const vault = await createVault([masterKeyBase64]);
 *   const sealed = await vault.seal(JSON.stringify({ accessToken }));
 *   const plain = await vault.open(sealed);
 */
import { base64ToBytes, bytesToBase64Url, bytesToHex, randomBytes } from './encoding.ts';
import { AppError } from './errors.ts';

export interface Vault {
  readonly keyId: string;
  seal(plaintext: string, associatedData?: string): Promise<string>;
  open(sealed: string, associatedData?: string): Promise<string>;
  sealJson(value: unknown, associatedData?: string): Promise<string>;
  openJson<T>(sealed: string, associatedData?: string): Promise<T>;
}

interface VaultKey {
  id: string;
  key: CryptoKey;
}

async function importKey(base64: string): Promise<VaultKey> {
  const raw = base64ToBytes(base64.trim());
  if (raw.length !== 32) throw new AppError('bad_request', 'The vault key must be 32 bytes, base64-encoded');
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', raw as BufferSource));
  const key = await crypto.subtle.importKey('raw', raw as BufferSource, 'AES-GCM', false, [
    'encrypt',
    'decrypt',
  ]);
  return { id: bytesToHex(digest.slice(0, 4)), key };
}

/** Generates a new base64 vault key (32 random bytes). */
export function generateVaultKey(): string {
  return btoa(String.fromCharCode(...randomBytes(32)));
}

/** The first key seals; every key listed can open. */
export async function createVault(keysBase64: readonly string[]): Promise<Vault> {
  if (keysBase64.length === 0) throw new AppError('bad_request', 'The vault needs at least one key');
  const keys = await Promise.all(keysBase64.map(importKey));
  const current = keys[0] as VaultKey;
  const byId = new Map(keys.map((entry) => [entry.id, entry]));
  const encoder = new TextEncoder();

  const vault: Vault = {
    keyId: current.id,
    async seal(plaintext, associatedData = '') {
      const iv = randomBytes(12);
      const ciphertext = await crypto.subtle.encrypt(
        { name: 'AES-GCM', iv: iv as BufferSource, additionalData: encoder.encode(associatedData) },
        current.key,
        encoder.encode(plaintext),
      );
      return `v1.${current.id}.${bytesToBase64Url(iv)}.${bytesToBase64Url(new Uint8Array(ciphertext))}`;
    },
    async open(sealed, associatedData = '') {
      const [version, keyId, iv, ciphertext] = sealed.split('.');
      if (version !== 'v1' || !keyId || !iv || !ciphertext) {
        throw new AppError('internal', 'A sealed credential is malformed');
      }
      const entry = byId.get(keyId);
      if (!entry) throw new AppError('internal', `No vault key with id ${keyId} is configured`);
      try {
        const plain = await crypto.subtle.decrypt(
          {
            name: 'AES-GCM',
            iv: base64ToBytes(iv) as BufferSource,
            additionalData: encoder.encode(associatedData),
          },
          entry.key,
          base64ToBytes(ciphertext) as BufferSource,
        );
        return new TextDecoder().decode(plain);
      } catch (cause) {
        throw new AppError('internal', 'A sealed credential could not be opened (wrong key or tampered)', {
          cause,
        });
      }
    },
    async sealJson(value, associatedData) {
      return vault.seal(JSON.stringify(value), associatedData);
    },
    async openJson<T>(sealed: string, associatedData?: string) {
      return JSON.parse(await vault.open(sealed, associatedData)) as T;
    },
  };
  return vault;
}
