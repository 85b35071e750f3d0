import { describe, expect, it } from 'vitest';
import { cellText, formatDate, isDateFormat, plainNumber, serialToDate } from './xlsx-values.ts';

describe('xlsx values', () => {
  it.each([
    [0.1 + 0.2, '0.3'],
    [1200.5, '1200.5'],
    [42, '42'],
    [-0, '0'],
    [1e21, '1000000000000000000000'],
    [1.5e-7, '0.00000015'],
    [-1234.5678, '-1234.5678'],
    [12345678901234568, '12345678901234600'],
    [Number.NaN, ''],
  ])('writes %d as %s', (value, text) => {
    expect(plainNumber(value)).toBe(text);
  });

  it('recognises date formats', () => {
    for (const format of ['yyyy-mm-dd', 'mm-dd-yy', 'd/m/yyyy h:mm', '[h]:mm:ss', 'hh:mm AM/PM']) {
      expect(isDateFormat(format), format).toBe(true);
    }
    for (const format of [
      undefined,
      'General',
      '0.00',
      '#,##0 "days"',
      '[$KES] #,##0.00',
      '0000000000',
      '@',
    ]) {
      expect(isDateFormat(format), format).toBe(false);
    }
  });

  it('formats dates, datetimes and times, rounding to the second', () => {
    expect(formatDate(new Date(Date.UTC(2024, 0, 5)))).toBe('2024-01-05');
    expect(formatDate(new Date(Date.UTC(2024, 0, 5, 23, 59, 59, 600)))).toBe('2024-01-06');
    expect(formatDate(serialToDate(45296.4375, false))).toBe('2024-01-05T10:30:00');
    expect(formatDate(serialToDate(0.75, false))).toBe('18:00:00');
    expect(formatDate(serialToDate(43834, true))).toBe('2024-01-05');
  });

  it('reads formula results, rich text, hyperlinks, errors and padded numbers', () => {
    expect(cellText({ formula: 'A1', result: 45296 }, 'dd/mm/yyyy', false)).toBe('2024-01-05');
    expect(cellText({ sharedFormula: 'A1', result: 'ok' }, undefined, false)).toBe('ok');
    expect(cellText({ formula: 'A1' }, undefined, false)).toBe('');
    expect(cellText({ richText: [{ text: 'Dar ' }, { text: 'es Salaam' }] }, undefined, false)).toBe(
      'Dar es Salaam',
    );
    expect(cellText({ text: 'site', hyperlink: 'https://x.tz' }, undefined, false)).toBe('site');
    expect(cellText({ error: '#DIV/0!' }, undefined, false)).toBe('#DIV/0!');
    expect(cellText(712345678, '0000000000', false)).toBe('0712345678');
    expect(cellText(true, undefined, false)).toBe('TRUE');
    expect(cellText(null, undefined, false)).toBe('');
  });
});
