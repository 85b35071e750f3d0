import { describe, expect, it } from 'vitest';
import { normaliseHeader } from './index.ts';
import { editDistance, keySimilarity } from './normalise.ts';

describe('normaliseHeader', () => {
  it('lowercases, strips accents and punctuation, and collapses spaces', () => {
    expect(normaliseHeader('  Barua  Pepe ')).toBe('barua pepe');
    expect(normaliseHeader('Jína_la_Mtéja')).toBe('jina la mteja');
    expect(normaliseHeader('Receipt No.')).toBe('receipt no');
    expect(normaliseHeader('A/C No.')).toBe('a c no');
    expect(normaliseHeader('Body (HTML)')).toBe('body html');
    expect(normaliseHeader('\uFEFFE-mail 1 - Value')).toBe('e mail 1 value');
  });

  it('splits camelCase and letters from digits, and reads "#" as "no"', () => {
    expect(normaliseHeader('POAddressLine1')).toBe('po address line 1');
    expect(normaliseHeader('*ContactName')).toBe('contact name');
    expect(normaliseHeader('EmailID')).toBe('email id');
    expect(normaliseHeader('Invoice #')).toBe('invoice no');
    expect(normaliseHeader('SKU')).toBe('sku');
  });
});

describe('string measures', () => {
  it('counts edits', () => {
    expect(editDistance('phone', 'phne')).toBe(1);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('simu', 'simu')).toBe(0);
  });

  it('scores misspellings and headers ending in a phrase, not headers that merely contain it', () => {
    expect(keySimilarity('phne number', 'phone number')).toBeGreaterThan(0.85);
    expect(keySimilarity('default address city', 'city')).toBeCloseTo(0.7, 5);
    expect(keySimilarity('default address phone', 'address')).toBeLessThan(0.6);
    expect(keySimilarity('accepts email marketing', 'email')).toBeLessThan(0.6);
  });
});
