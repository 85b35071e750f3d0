import { describe, expect, it } from 'vitest';
import { formatMoney, minorDigits, parseAmount, toDecimalString } from './money.ts';

describe('money', () => {
  it('knows ISO 4217 minor digits', () => {
    expect(minorDigits('TZS')).toBe(2);
    expect(minorDigits('kes')).toBe(2);
    expect(minorDigits('UGX')).toBe(0);
    expect(() => minorDigits('XYZQ')).toThrow(/Unknown currency/);
  });

  it.each([
    ['2,400,000', 'TZS', 240_000_000],
    ['1200.5', 'KES', 120_050],
    ['1,200.50', 'KES', 120_050],
    ['50k', 'TZS', 5_000_000],
    ['2.4M', 'TZS', 240_000_000],
    ['2.45k', 'KES', 245_000],
    ['TSh 15,000', 'TZS', 1_500_000],
    ['0.1', 'KES', 10],
    ['0.005', 'KES', 1],
    ['1500', 'UGX', 1500],
  ])('parses %s %s exactly', (text, currency, minor) => {
    expect(parseAmount(text, currency)).toBe(minor);
  });

  it('parses numbers without float drift', () => {
    expect(parseAmount(0.1 + 0.2, 'KES')).toBe(30);
    expect(parseAmount(1200.5, 'KES')).toBe(120_050);
  });

  it('rejects what is not an amount', () => {
    expect(() => parseAmount('abc', 'TZS')).toThrow(/not an amount/);
    expect(() => parseAmount('', 'TZS')).toThrow(/not an amount/);
    expect(() => parseAmount('1e400', 'TZS')).toThrow();
  });

  it('formats for people', () => {
    expect(formatMoney(240_000_000, 'TZS')).toBe('TSh 2,400,000');
    expect(formatMoney(120_050, 'KES')).toBe('KES 1,200.50');
    expect(formatMoney(-5_000, 'KES')).toBe('-KES 50');
    expect(formatMoney(1500, 'UGX')).toBe('UGX 1,500');
    expect(toDecimalString(120_005, 'KES')).toBe('1200.05');
  });
});
