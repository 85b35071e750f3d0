import { describe, expect, it } from 'vitest';
import { createVault, generateVaultKey } from './vault.ts';

describe('vault', () => {
  it('seals and opens, never leaving the plaintext in the sealed value', async () => {
    const vault = await createVault([generateVaultKey()]);
    const sealed = await vault.sealJson({ accessToken: 'shpat_secret_value' }, 'connection:1');
    expect(sealed).toMatch(/^v1\.[0-9a-f]{8}\./);
    expect(sealed).not.toContain('shpat_secret_value');
    expect(await vault.openJson(sealed, 'connection:1')).toEqual({ accessToken: 'shpat_secret_value' });
  });

  it('uses a fresh IV each time', async () => {
    const vault = await createVault([generateVaultKey()]);
    expect(await vault.seal('same')).not.toBe(await vault.seal('same'));
  });

  it('refuses tampered values and values bound to another record', async () => {
    const vault = await createVault([generateVaultKey()]);
    const sealed = await vault.seal('secret', 'connection:1');
    await expect(vault.open(sealed, 'connection:2')).rejects.toThrow(/could not be opened/);
    const parts = sealed.split('.');
    const last = parts[3] as string;
    parts[3] = `${last.slice(0, -2)}${last.endsWith('A') ? 'B' : 'A'}${last.slice(-1)}`;
    await expect(vault.open(parts.join('.'), 'connection:1')).rejects.toThrow(/could not be opened/);
  });

  it('rotates keys: old values open with the previous key listed', async () => {
    const oldKey = generateVaultKey();
    const newKey = generateVaultKey();
    const sealedWithOld = await (await createVault([oldKey])).seal('token');
    const rotated = await createVault([newKey, oldKey]);
    expect(await rotated.open(sealedWithOld)).toBe('token');
    const sealedWithNew = await rotated.seal('token');
    expect(sealedWithNew.split('.')[1]).toBe(rotated.keyId);
    await expect((await createVault([newKey])).open(sealedWithOld)).rejects.toThrow(/No vault key/);
  });

  it('rejects keys of the wrong size', async () => {
    await expect(createVault([btoa('short')])).rejects.toThrow(/32 bytes/);
  });
});
