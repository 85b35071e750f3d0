import { describe, expect, it } from 'vitest';
import { looksLikePhone, toE164 } from './phone.ts';

describe('phone numbers', () => {
  it.each([
    ['0712 345 678', 'TZ', '+255712345678'],
    ['0712 345 678', 'KE', '+254712345678'],
    ['+255 754-123-456', 'TZ', '+255754123456'],
    ['255754123456', 'TZ', '+255754123456'],
    ['754123456', 'TZ', '+255754123456'],
    ['00255754123456', 'KE', '+255754123456'],
    ['254712345678', 'TZ', '+254712345678'],
  ])('%s in %s is %s', (text, region, e164) => {
    expect(toE164(text, region)).toBe(e164);
  });

  it('returns null for what is not a phone number', () => {
    expect(toE164('12', 'TZ')).toBeNull();
    expect(toE164('', 'TZ')).toBeNull();
    expect(toE164(null, 'TZ')).toBeNull();
    expect(toE164('mama joyce', 'TZ')).toBeNull();
  });

  it('tells phone-like text from names and invoice numbers', () => {
    expect(looksLikePhone('0712 345 678')).toBe(true);
    expect(looksLikePhone('Hassan')).toBe(false);
    expect(looksLikePhone('INV-000123')).toBe(false);
  });
});
