import { describe, expect, it } from 'vitest';
import { isPhoneShapedError, maskedPhoneError, normalisePhone } from './phone.ts';

describe('normalisePhone', () => {
  it.each([
    ['0712 345 678', 'TZ', '+255712345678'],
    ['0712 345 678', 'KE', '+254712345678'],
    ['+255 712-345-678', 'TZ', '+255712345678'],
    ['255712345678', 'TZ', '+255712345678'],
    ['712345678', 'TZ', '+255712345678'],
    ['0712345678', 'TZ', '+255712345678'],
    ['00255754123456', 'KE', '+255754123456'],
    ['(0712) 345 678', 'TZ', '+255712345678'],
    ['Tel: 0712 345 678', 'TZ', '+255712345678'],
    ['255712345678.0', 'TZ', '+255712345678'],
    ['255,712,345,678', 'TZ', '+255712345678'],
    ['  0712\u00a0345\u00a0678 ', 'TZ', '+255712345678'],
  ])('%s in %s is %s', (text, region, e164) => {
    expect(normalisePhone(text, region)).toEqual({ ok: true, value: e164 });
  });

  it.each([
    ['0712345678/0754111222', '+255712345678', 'also in the cell: 0754111222'],
    ['0712 345 678 or 0754 111 222', '+255712345678', 'also in the cell: 0754 111 222'],
    ['0712345678; 0754111222', '+255712345678', 'also in the cell: 0754111222'],
    ['2.55712345678E+11', '+255712345678', 'read from Excel scientific notation'],
  ])('%s keeps %s and notes the rest', (text, e164, note) => {
    expect(normalisePhone(text, 'TZ')).toEqual({ ok: true, value: e164, note });
  });

  it.each([
    ['2547******678', maskedPhoneError],
    ['0712***678', maskedPhoneError],
    ['0712XXX678', maskedPhoneError],
    ['2.55712E+11', 'Excel shortened the number to 2.55712E+11: its last digits are lost'],
    ['mama joyce', 'not a phone number'],
    ['12', 'not a phone number'],
    ['INV-000123', 'not a phone number'],
    ['call me', 'not a phone number'],
  ])('%s is an error: %s', (text, error) => {
    expect(normalisePhone(text, 'TZ')).toEqual({ ok: false, error });
  });

  it('returns null for an empty cell', () => {
    expect(normalisePhone('', 'TZ')).toEqual({ ok: true, value: null });
    expect(normalisePhone('   ', 'TZ')).toEqual({ ok: true, value: null });
  });

  it('tells errors that still prove a phone column', () => {
    expect(isPhoneShapedError(maskedPhoneError)).toBe(true);
    expect(isPhoneShapedError('Excel shortened the number to 2.5E+11: its last digits are lost')).toBe(true);
    expect(isPhoneShapedError('not a phone number')).toBe(false);
  });
});
