import { describe, expect, it } from 'vitest';
import { KeyIndex } from './key-index.ts';

describe('KeyIndex', () => {
  it('remembers the first line of each key across growth', () => {
    const index = new KeyIndex(4);
    for (let key = 0; key < 10_000; key++)
      expect(index.firstOrRemember(key * 7919 + 2 ** 40, key + 1)).toBeUndefined();
    expect(index.size).toBe(10_000);
    for (let key = 0; key < 10_000; key += 97)
      expect(index.firstOrRemember(key * 7919 + 2 ** 40, 999_999)).toBe(key + 1);
    expect(index.size).toBe(10_000);
  });
});
