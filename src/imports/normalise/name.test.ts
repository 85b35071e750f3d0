import { describe, expect, it } from 'vitest';
import { joinName, normaliseName, splitName } from './name.ts';

describe('normaliseName', () => {
  it.each([
    ['JOYCE MUSHI', 'Joyce Mushi'],
    ['mama joyce', 'Mama Joyce'],
    ['  Joyce   Mushi ', 'Joyce Mushi'],
    ['Joyce\u00a0Mushi', 'Joyce Mushi'],
    ['McDonald', 'McDonald'],
    ['DeSouza', 'DeSouza'],
    ['Mama joyce', 'Mama joyce'],
    ['ALI BIN HASSAN', 'Ali bin Hassan'],
    ['mwanaisha binti juma', 'Mwanaisha binti Juma'],
    ['MAMA WA JOYCE', 'Mama wa Joyce'],
    ['jan van der berg', 'Jan van der Berg'],
    ['de souza', 'De Souza'],
    ["MARY-ANNE O'BRIEN", "Mary-Anne O'Brien"],
    ['JOHN MCDONALD', 'John McDonald'],
    ['ÉMILE ZOLA', 'Émile Zola'],
    ['j. k. mushi', 'J. K. Mushi'],
    ['DUKA LA MAMA JOYCE', 'Duka la Mama Joyce'],
    ['hoteli ya bahari', 'Hoteli ya Bahari'],
  ])('%s is %s', (text, name) => {
    expect(normaliseName(text)).toEqual({ ok: true, value: name });
  });

  it.each([
    ['n/a', '"n/a" is not a name'],
    ['-', '"-" is not a name'],
    ['123', '"123" is not a name'],
    ['???', '"???" is not a name'],
  ])('%s is an error', (text, error) => {
    expect(normaliseName(text)).toEqual({ ok: false, error });
  });

  it('returns null for an empty cell', () => {
    expect(normaliseName('  ')).toEqual({ ok: true, value: null });
  });
});

describe('splitName', () => {
  it.each([
    ['Joyce Mushi', 'Joyce', 'Mushi'],
    ['Joyce', 'Joyce', ''],
    ['Joyce Anna Mushi', 'Joyce Anna', 'Mushi'],
    ['Ali bin Hassan', 'Ali', 'bin Hassan'],
    ['Jan van der Berg', 'Jan', 'van der Berg'],
    ['Mushi, Joyce', 'Joyce', 'Mushi'],
    ['Mama Joyce', 'Mama Joyce', ''],
    ['Mzee Juma', 'Mzee Juma', ''],
    ['Dr. Juma', 'Dr. Juma', ''],
    ['  Joyce   Mushi  ', 'Joyce', 'Mushi'],
    ['', '', ''],
  ])('%s is %s + %s', (full, first, last) => {
    expect(splitName(full)).toEqual({ first, last });
  });
});

describe('joinName', () => {
  it.each([
    ['Joyce', 'Mushi', 'Joyce Mushi'],
    [' Joyce ', ' Mushi ', 'Joyce Mushi'],
    ['Joyce', '', 'Joyce'],
    ['', 'Mushi', 'Mushi'],
    [null, 'Mushi', 'Mushi'],
    ['Ali', 'bin Hassan', 'Ali bin Hassan'],
    [undefined, undefined, ''],
  ])('%s + %s is %s', (first, last, full) => {
    expect(joinName(first, last)).toBe(full);
  });

  it('round-trips with splitName', () => {
    for (const full of ['Joyce Anna Mushi', 'Ali bin Hassan', 'Mama Joyce']) {
      const { first, last } = splitName(full);
      expect(joinName(first, last)).toBe(full);
    }
  });
});
