import { describe, expect, it } from 'vitest';
import { normaliseInteger, normaliseNumber } from './number.ts';

describe('normaliseNumber', () => {
  it.each([
    ['12', 12],
    ['1,200', 1200],
    ['1.200', 1200],
    ['1.5', 1.5],
    ['1,5', 1.5],
    ['1.200,5', 1200.5],
    ['1 200', 1200],
    ['2,400,000', 2_400_000],
    ['-3', -3],
    ['(4)', -4],
    ['0.1', 0.1],
    ['2k', 2000],
    ['2.5k', 2500],
    ['1.2E+3', 1200],
    ['-0', 0],
  ])('%s is %d', (text, value) => {
    expect(normaliseNumber(text)).toEqual({ ok: true, value });
  });

  it.each([
    ['12 pcs', 12, 'pcs'],
    ['3 vipande', 3, 'vipande'],
    ['5 kg', 5, 'kg'],
    ['2kg', 2, 'kg'],
    ['1,200 units', 1200, 'units'],
    ['15%', 15, '%'],
  ])('%s is %d, leaving out the unit', (text, value, unit) => {
    expect(normaliseNumber(text)).toEqual({ ok: true, value, note: `unit "${unit}" left out` });
  });

  it.each(['abc', '12 34', '(4', '1,2,3', 'pcs 12', '--5'])('%s is an error', (text) => {
    expect(normaliseNumber(text)).toEqual({ ok: false, error: `"${text}" is not a number` });
  });

  it('returns null for an empty cell', () => {
    expect(normaliseNumber(' ')).toEqual({ ok: true, value: null });
  });
});

describe('normaliseInteger', () => {
  it.each([
    ['12', 12],
    ['1,200', 1200],
    ['12.0', 12],
    ['-3', -3],
    ['2k', 2000],
  ])('%s is %d', (text, value) => {
    expect(normaliseInteger(text)).toEqual({ ok: true, value });
  });

  it.each([
    ['1.5', '1.5 is not a whole number'],
    ['1,25', '1,25 is not a whole number'],
    ['99999999999999999', '99999999999999999 is too large a number'],
    ['abc', '"abc" is not a number'],
  ])('%s is an error', (text, error) => {
    expect(normaliseInteger(text)).toEqual({ ok: false, error });
  });

  it('keeps the unit note', () => {
    expect(normaliseInteger('12 pcs')).toEqual({ ok: true, value: 12, note: 'unit "pcs" left out' });
  });
});
