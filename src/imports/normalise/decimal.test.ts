import { describe, expect, it } from 'vitest';
import { canonicalDecimal, scientificToPlain } from './decimal.ts';

describe('canonicalDecimal', () => {
  it.each([
    ['1200', '1200'],
    ['1,200', '1200'],
    ['1.200', '1200'],
    ['1,20', '1.20'],
    ['1.2', '1.2'],
    ['0,500', '0.500'],
    ['1234,567', '1234.567'],
    ['1,200.50', '1200.50'],
    ['1.200,50', '1200.50'],
    ['1 200,50', '1200.50'],
    ['1 200,500', '1200.500'],
    ["1'200.50", '1200.50'],
    ['2,400,000', '2400000'],
    ['2.400.000', '2400000'],
    ['1,00,000', '100000'],
    ['.5', '0.5'],
  ])('%s is %s', (text, canonical) => {
    expect(canonicalDecimal(text)).toBe(canonical);
  });

  it.each(['', '1,2,3', '1.200.50', '12,34,5', '1,200.', 'abc', '1 2', '1,200,50.5.5'])(
    '%s is rejected',
    (text) => {
      expect(canonicalDecimal(text)).toBeNull();
    },
  );
});

describe('scientificToPlain', () => {
  it.each([
    ['2.4E+6', '2400000'],
    ['2.55712345678E+11', '255712345678'],
    ['1.5e3', '1500'],
    ['1.2345E+2', '123.45'],
    ['5E-3', '0.005'],
    ['12', null],
  ])('%s is %s', (text, plain) => {
    expect(scientificToPlain(text)).toBe(plain);
  });
});
