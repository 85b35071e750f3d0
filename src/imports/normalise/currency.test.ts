import { describe, expect, it } from 'vitest';
import { normaliseCountry } from './country.ts';
import { normaliseCurrency } from './currency.ts';

describe('normaliseCurrency', () => {
  it.each([
    ['TSh', 'TZS'],
    ['Tshs', 'TZS'],
    ['Tsh.', 'TZS'],
    ['TZS', 'TZS'],
    ['tzs', 'TZS'],
    ['KSh', 'KES'],
    ['Kshs', 'KES'],
    ['KES', 'KES'],
    ['USh', 'UGX'],
    ['UGX', 'UGX'],
    ['RWF', 'RWF'],
    ['FRw', 'RWF'],
    ['$', 'USD'],
    ['US$', 'USD'],
    ['USD', 'USD'],
    ['US Dollars', 'USD'],
    ['€', 'EUR'],
    ['£', 'GBP'],
    ['Kenya Shillings', 'KES'],
    ['Tanzanian shilling', 'TZS'],
    ['ZAR', 'ZAR'],
  ])('%s is %s', (text, code) => {
    expect(normaliseCurrency(text)).toEqual({ ok: true, value: code });
  });

  it.each([
    ['Sh', '"Sh" could be any shilling: write TSh, KSh or USh'],
    ['shillings', '"shillings" could be any shilling: write TSh, KSh or USh'],
    ['pcs', '"pcs" is not a currency'],
    ['ABC', '"ABC" is not a currency'],
    ['money', '"money" is not a currency'],
  ])('%s is an error', (text, error) => {
    expect(normaliseCurrency(text)).toEqual({ ok: false, error });
  });

  it('returns null for an empty cell', () => {
    expect(normaliseCurrency('')).toEqual({ ok: true, value: null });
  });
});

describe('normaliseCountry', () => {
  it.each([
    ['Tanzania', 'TZ'],
    ['TZ', 'TZ'],
    ['tz', 'TZ'],
    ['TZA', 'TZ'],
    ['United Republic of Tanzania', 'TZ'],
    ['Tanzania, United Republic of', 'TZ'],
    ['Zanzibar', 'TZ'],
    ['Kenya', 'KE'],
    ['KE', 'KE'],
    ['Uganda', 'UG'],
    ['Rwanda', 'RW'],
    ['Burundi', 'BI'],
    ['DRC', 'CD'],
    ['DR Congo', 'CD'],
    ['South Sudan', 'SS'],
    ['Ethiopia', 'ET'],
    ['Somalia', 'SO'],
    ['Marekani', 'US'],
    ['Afrika Kusini', 'ZA'],
    ['USA', 'US'],
    ['U.S.A.', 'US'],
    ['United States', 'US'],
    ['UK', 'GB'],
    ['United Kingdom', 'GB'],
    ['China', 'CN'],
    ['India', 'IN'],
    ['UAE', 'AE'],
    ["Côte d'Ivoire", 'CI'],
    ['The Netherlands', 'NL'],
  ])('%s is %s', (text, code) => {
    expect(normaliseCountry(text)).toEqual({ ok: true, value: code });
  });

  it.each(['Narnia', 'Dar es Salaam', 'TZN', '12'])('%s is an error', (text) => {
    expect(normaliseCountry(text)).toEqual({ ok: false, error: `"${text}" is not a country` });
  });

  it('returns null for an empty cell', () => {
    expect(normaliseCountry(' ')).toEqual({ ok: true, value: null });
  });
});
