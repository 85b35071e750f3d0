import { describe, expect, it } from 'vitest';
import { normaliseAmount } from './amount.ts';

describe('normaliseAmount', () => {
  it.each([
    ['TSh 2,400,000', 'TZS', 240_000_000, 'TZS'],
    ['TZS 2400000', 'TZS', 240_000_000, 'TZS'],
    ['KES 1,200.50', 'TZS', 120_050, 'KES'],
    ['Ksh 1,200.50', 'TZS', 120_050, 'KES'],
    ['Ksh.1,200.50', 'TZS', 120_050, 'KES'],
    ['1.200,50', 'TZS', 120_050, 'TZS'],
    ['1 200,50', 'KES', 120_050, 'KES'],
    ['1\u202f200,50', 'KES', 120_050, 'KES'],
    ['(500)', 'TZS', -50_000, 'TZS'],
    ['-500', 'TZS', -50_000, 'TZS'],
    ['\u2212500', 'TZS', -50_000, 'TZS'],
    ['500-', 'TZS', -50_000, 'TZS'],
    ['TSh (1,500)', 'TZS', -150_000, 'TZS'],
    ['-TSh 1,500', 'TZS', -150_000, 'TZS'],
    ['2,400,000.00', 'TZS', 240_000_000, 'TZS'],
    ['USD 12.5', 'TZS', 1250, 'USD'],
    ['12.5 $', 'TZS', 1250, 'USD'],
    ['$12.50', 'KES', 1250, 'USD'],
    ['US$ 12', 'TZS', 1200, 'USD'],
    ['€1.200,50', 'TZS', 120_050, 'EUR'],
    ['50k', 'TZS', 5_000_000, 'TZS'],
    ['2.4M', 'TZS', 240_000_000, 'TZS'],
    ['TSh 2.4M', 'KES', 240_000_000, 'TZS'],
    ['2.45k', 'KES', 245_000, 'KES'],
    ['1,200', 'TZS', 120_000, 'TZS'],
    ['1.200', 'TZS', 120_000, 'TZS'],
    ['1,20', 'TZS', 120, 'TZS'],
    ['0,500', 'TZS', 50, 'TZS'],
    ['1234,56', 'USD', 123_456, 'USD'],
    ['1,00,000', 'KES', 10_000_000, 'KES'],
    ['5,000/=', 'TZS', 500_000, 'TZS'],
    ['Tshs. 15,000/=', 'KES', 1_500_000, 'TZS'],
    ['KSh 500/-', 'TZS', 50_000, 'KES'],
    ['Sh 500', 'KES', 50_000, 'KES'],
    ['USh 15,000', 'TZS', 15_000, 'UGX'],
    ['1.2E+6', 'TZS', 120_000_000, 'TZS'],
    ['0.1', 'USD', 10, 'USD'],
    ['9007199254740.99', 'USD', 900_719_925_474_099, 'USD'],
  ])('%s (default %s) is %i %s', (text, currency, minor, code) => {
    expect(normaliseAmount(text, currency)).toEqual({ ok: true, value: { minor, currency: code } });
  });

  it('notes rounding beyond the currency minor digits', () => {
    expect(normaliseAmount('USh 1,500.50', 'TZS')).toEqual({
      ok: true,
      value: { minor: 1501, currency: 'UGX' },
      note: 'rounded to 0 decimals for UGX',
    });
  });

  it('reads a lone dash as the accounting zero', () => {
    expect(normaliseAmount(' - ', 'TZS')).toEqual({
      ok: true,
      value: { minor: 0, currency: 'TZS' },
      note: 'a dash is read as zero',
    });
  });

  it.each([
    ['abc', '"abc" is not an amount'],
    ['12 pcs', '"12 pcs" is not an amount'],
    ['TSh 100 USD', 'the amount has two currencies (TZS and USD)'],
    ['1,2,3', '"1,2,3" is not an amount'],
    ['1.200.50', '"1.200.50" is not an amount'],
    ['(-500)', '"(-500)" is not an amount'],
    ['USD 500/=', 'USD is not a shilling'],
    ['99999999999999999', '"99999999999999999" is too large an amount'],
    ['TSh', '"TSh" is not an amount'],
  ])('%s is an error', (text, error) => {
    expect(normaliseAmount(text, 'TZS')).toEqual({ ok: false, error });
  });

  it('asks which shilling when the business does not use one', () => {
    expect(normaliseAmount('Sh 500', 'USD')).toEqual({
      ok: false,
      error: 'which shilling? write TSh, KSh or USh',
    });
  });

  it('returns null for an empty cell', () => {
    expect(normaliseAmount('  ', 'TZS')).toEqual({ ok: true, value: null });
  });
});
