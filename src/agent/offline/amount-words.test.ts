import { describe, expect, it } from 'vitest';
import { findAmount, locateAmount, locateAmounts, maskPhoneNumbers } from './amount-words.ts';

describe('findAmount', () => {
  it.each([
    ['50,000', '50000'],
    ['50000', '50000'],
    ['50k', '50000'],
    ['50K', '50000'],
    ['2.4M', '2400000'],
    ['2.4m', '2400000'],
    ['1,200.50', '1200.50'],
    ['1200.5', '1200.5'],
    ['2.45k', '2450'],
    ['0.5M', '500000'],
    ['TSh 15,000', '15000'],
    ['tsh 15000', '15000'],
    ['TSh15,000', '15000'],
    ['KES 1200', '1200'],
    ['KES1,200', '1200'],
    ['sh. 20,000', '20000'],
    ['Ksh 3,500', '3500'],
    ['20,000/=', '20000'],
    ['3000 bob', '3000'],
    ['2.5 million', '2500000'],
    ['$50', '50'],
  ])('digits: %s → %s', (text, amount) => {
    expect(findAmount(text)).toBe(amount);
  });

  it.each([
    ['shilingi elfu hamsini', '50000'],
    ['elfu hamsini', '50000'],
    ['elfu kumi', '10000'],
    ['laki mbili', '200000'],
    ['milioni moja', '1000000'],
    ['milioni mbili na laki tano', '2500000'],
    ['elfu ishirini na tano', '25000'],
    ['elfu mbili mia tano', '2500'],
    ['mia tano', '500'],
    ['mia moja na hamsini', '150'],
    ['elfu kumi na tano', '15000'],
    ['elfu mia tatu', '300000'],
    ['laki moja na elfu ishirini', '120000'],
    ['elfu moja na nusu', '1500'],
    ['elfu 50', '50000'],
    ['laki 2', '200000'],
    ['milioni 1.5', '1500000'],
    ['50 elfu', '50000'],
    ['Elfu Themanini', '80000'],
    ['elfu tisini na tisa mia tisa', '99900'],
  ])('Swahili words: %s → %s', (text, amount) => {
    expect(findAmount(text)).toBe(amount);
  });

  it.each([
    ['Mama Joyce amelipa elfu hamsini kwa M-Pesa', '50000'],
    ['record 50,000 from Hassan by M-Pesa', '50000'],
    ['received KES 1,200.50 from Wanjiru via card ref QK41XYZ9AB', '1200.50'],
    ['rekodi malipo ya elfu kumi kutoka Baraka kwa cash', '10000'],
    ['Hassan 0712 345 678 paid 20000', '20000'],
    ['+255712345678 amelipa 5000', '5000'],
    ['INV-000123 paid 45,000', '45000'],
    ['QK41XYZ9AB confirmed, 3,000 received', '3000'],
    ['on 12/03 Hassan paid 7,500', '7500'],
    ['in 2026 Hassan paid 15k', '15000'],
    ['order 4521 for 30,000', '30000'],
    ['ankara 1045 kiasi 12000', '12000'],
    ['sent 20k on 12/03/2026 to 0755 123 456', '20000'],
    ['Hassan paid 20000 for 3 bags', '20000'],
  ])('prefers the money in: %s', (text, amount) => {
    expect(findAmount(text)).toBe(amount);
  });

  it.each([
    'call 0712 345 678',
    'his number is +255712345678',
    '0712345678',
    '254712345678',
    'INV-000123',
    'QK41XYZ9AB',
    'in 2026',
    '12/03',
    '2026-11-23',
    'at 10:30',
    'more than 30 days',
    'ref 123456',
    'till 123456',
    '50kg of sugar',
    'mwezi wa tatu',
    'mara moja',
    'show me Mia',
    'no amount here',
    '',
  ])('finds no amount in: %s', (text) => {
    expect(findAmount(text)).toBeNull();
  });
});

describe('locateAmount', () => {
  it('gives where the amount was written', () => {
    expect(locateAmount('record TSh 15,000 from Hassan')).toEqual({ value: '15000', index: 7, length: 10 });
    expect(locateAmount('amelipa elfu ishirini na tano leo')).toEqual({
      value: '25000',
      index: 8,
      length: 21,
    });
  });

  it('lists every amount and marks the clear ones', () => {
    expect(
      locateAmounts('30k from Hassan, 20k from Juma, 3 bags').map(({ value, clear }) => [value, clear]),
    ).toEqual([
      ['30000', true],
      ['20000', true],
      ['3', false],
    ]);
  });
});

describe('maskPhoneNumbers', () => {
  it('keeps positions', () => {
    const text = 'Hassan 0712 345 678 paid';
    const masked = maskPhoneNumbers(text);
    expect(masked).toHaveLength(text.length);
    expect(masked).toBe('Hassan ############ paid');
  });
});
