import { describe, expect, it } from 'vitest';
import { decideDateOrder, fromExcelSerial, normaliseDate } from './date.ts';

describe('normaliseDate', () => {
  it.each([
    ['12/03/2026', 'dmy', '2026-03-12'],
    ['12-03-2026', 'dmy', '2026-03-12'],
    ['12.03.2026', 'dmy', '2026-03-12'],
    ['12/3/26', 'dmy', '2026-03-12'],
    ['03/12/2026', 'mdy', '2026-03-12'],
    ['1/1/69', 'dmy', '2069-01-01'],
    ['1/1/70', 'dmy', '1970-01-01'],
    ['2026-03-12', 'dmy', '2026-03-12'],
    ['2026-03-12', 'ymd', '2026-03-12'],
    ['2026/3/12', 'mdy', '2026-03-12'],
    ['2026-03-12T14:05:00Z', 'dmy', '2026-03-12'],
    ['12/03/2026 14:05', 'dmy', '2026-03-12'],
    ['12 Mar 2026', 'mdy', '2026-03-12'],
    ['12-Mar-26', 'dmy', '2026-03-12'],
    ['12th March, 2026', 'dmy', '2026-03-12'],
    ['March 12, 2026', 'dmy', '2026-03-12'],
    ['Sept 1 2026', 'dmy', '2026-09-01'],
    ['Tue, 12 Mar 2026', 'dmy', '2026-03-12'],
    ['12 Machi 2026', 'dmy', '2026-03-12'],
    ['tarehe 5 Desemba 2025', 'dmy', '2025-12-05'],
    ['1 Ago 2026', 'dmy', '2026-08-01'],
    ['29/02/2024', 'dmy', '2024-02-29'],
  ] as const)('%s (%s) is %s', (text, order, iso) => {
    expect(normaliseDate(text, order)).toEqual({ ok: true, value: iso });
  });

  it.each([
    ['31/02/2026', 'dmy', 'date 31/02/2026 does not exist (read as day/month/year)'],
    ['29/02/2025', 'dmy', 'date 29/02/2025 does not exist (read as day/month/year)'],
    ['03/13/2026', 'dmy', 'date 03/13/2026 does not exist (read as day/month/year)'],
    ['13/03/2026', 'mdy', 'date 13/03/2026 does not exist (read as month/day/year)'],
    ['2026-02-30', 'dmy', 'date 2026-02-30 does not exist'],
    ['12/03/2026', 'ymd', '12/03/2026 is not written year-month-day like the other dates'],
    ['12 Foo 2026', 'dmy', '"Foo" is not a month'],
    ['12/03/1850', 'dmy', 'year 1850 is out of range'],
    ['12/03/2026 abc', 'dmy', '"12/03/2026 abc" is not a date'],
    ['soon', 'dmy', '"soon" is not a date'],
    ['45728', 'dmy', '"45728" is not a date (Excel date numbers are read only in all-number columns)'],
  ] as const)('%s (%s) is an error', (text, order, error) => {
    expect(normaliseDate(text, order)).toEqual({ ok: false, error });
  });

  it('reads Excel serial numbers only when the column is numeric', () => {
    expect(normaliseDate('45728', 'dmy', { excelSerials: true })).toEqual({ ok: true, value: '2025-03-12' });
    expect(normaliseDate('45728.75', 'dmy', { excelSerials: true })).toEqual({
      ok: true,
      value: '2025-03-12',
    });
    expect(normaliseDate('12345', 'dmy', { excelSerials: true }).ok).toBe(false);
  });

  it('returns null for an empty cell', () => {
    expect(normaliseDate('', 'dmy')).toEqual({ ok: true, value: null });
  });
});

describe('fromExcelSerial', () => {
  it.each([
    [45728, '2025-03-12'],
    [45728.99, '2025-03-12'],
    [1, '1900-01-01'],
    [59, '1900-02-28'],
    [61, '1900-03-01'],
    [25569, '1970-01-01'],
    [60, null],
    [0, null],
    [Number.NaN, null],
  ])('%d is %s', (serial, iso) => {
    expect(fromExcelSerial(serial)).toBe(iso);
  });
});

describe('decideDateOrder', () => {
  it.each([
    [['01/02/2026', '31/01/2026'], 'dmy', 'dmy', false],
    [['01/02/2026', '13/1/2026 09:00'], 'mdy', 'dmy', false],
    [['01/02/2026', '01/31/2026'], 'dmy', 'mdy', false],
    [['01/02/2026', '03/04/2026'], 'dmy', 'dmy', true],
    [['01/02/2026', '03/04/2026'], 'mdy', 'mdy', true],
    [['2026-03-12', '2026-04-01'], 'dmy', 'ymd', false],
    [['2026-03-12', '31/03/2026'], 'mdy', 'dmy', false],
    [['31/01/2026', '13/01/2026', '01/31/2026'], 'mdy', 'dmy', true],
    [['12 Mar 2026', 'March 13, 2026'], 'mdy', 'mdy', false],
    [['', '  '], 'dmy', 'dmy', false],
  ] as const)('%j (default %s) is %s, ambiguous %s', (samples, fallback, order, ambiguous) => {
    const decision = decideDateOrder([...samples], fallback);
    expect(decision.order).toBe(order);
    expect(decision.ambiguous).toBe(ambiguous);
  });

  it('says which value proved the order', () => {
    expect(decideDateOrder(['01/02/2026', '31/01/2026'], 'mdy').evidence).toBe(
      '31/01/2026 can only be day/month/year',
    );
    expect(decideDateOrder(['01/02/2026'], 'dmy').evidence).toMatch(/fit both orders/);
  });

  it('spots a column of Excel serial numbers', () => {
    expect(decideDateOrder(['45728', '45729', ''], 'dmy').excelSerials).toBe(true);
    expect(decideDateOrder(['45728', '12/03/2026'], 'dmy').excelSerials).toBe(false);
    expect(decideDateOrder(['12', '45728'], 'dmy').excelSerials).toBe(false);
  });
});
