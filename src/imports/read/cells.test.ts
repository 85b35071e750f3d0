import { describe, expect, it } from 'vitest';
import { cleanCell, isNumberLike, isTotalRow } from './cells.ts';

describe('cells', () => {
  it.each([
    ['  Asha  ', 'Asha'],
    ["'0712345678", '0712345678'],
    ["'+255713000222", '+255713000222'],
    ["'=SUM(A1)", '=SUM(A1)'],
    ["'Mama'", "'Mama'"],
    ["O'Brien", "O'Brien"],
    ["'", "'"],
    ['\ufeffName', 'Name'],
    ['00123', '00123'],
  ])('cleans %j to %j', (raw, clean) => {
    expect(cleanCell(raw)).toBe(clean);
  });

  it.each([
    [['TOTAL', '', '', ''], true],
    [['Total', '1,200,000.00'], true],
    [['Grand total', 'TZS', '(3,400.50)'], true],
    [['', 'Jumla', '45000'], true],
    [['Jumla kuu:', '45,000'], true],
    [['Subtotal', '12'], true],
    [['Total Energies Kariakoo', 'Dar es Salaam'], false],
    [['Total Energies', '0712345678'], false],
    [['TotalEnergies', '100'], false],
    [['Asha', 'Total'], false],
    [['', '', ''], false],
  ])('sees %j as a total row: %s', (cells, total) => {
    expect(isTotalRow(cells)).toBe(total);
  });

  it('tells numbers, phones and dates from words', () => {
    for (const value of [
      '12',
      '-1,200.50',
      '0712 345 678',
      '+255713000222',
      '2024-01-05',
      '05/01/2024',
      '10:30 PM',
      '15%',
      'TSh 1,000'.slice(4),
    ]) {
      expect(isNumberLike(value), value).toBe(true);
    }
    for (const value of ['Name', 'Phone 2', 'Q1 sales', '2024 Sales'])
      expect(isNumberLike(value), value).toBe(false);
  });
});
