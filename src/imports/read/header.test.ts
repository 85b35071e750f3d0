import { describe, expect, it } from 'vitest';
import type { SourceRow } from '../types.ts';
import { findHeader, uniqueNames } from './header.ts';

const rows = (...cells: string[][]): SourceRow[] =>
  cells.map((row, index) => ({ line: index + 1, cells: row }));

describe('findHeader', () => {
  it('skips report titles, even one that splits into two cells', () => {
    const found = findHeader(
      rows(
        ['Kariakoo Electronics', 'Dar es Salaam'],
        ['Customer Contact List'],
        [],
        ['Name', 'Phone', 'City', 'Balance'],
        ['Asha', '0712345678', 'Dar', '1,200'],
        ['Juma', '0713000222', '', '3,400'],
      ),
    );
    expect(found).toEqual({ index: 3, rowCount: 1, headers: ['Name', 'Phone', 'City', 'Balance'] });
  });

  it('does not take a numeric row for the header', () => {
    const found = findHeader(rows(['2024', '2025'], ['Item', 'Qty'], ['Soap', '3'], ['Rice', '4']));
    expect(found?.index).toBe(1);
  });

  it('falls back to the first row when nothing looks like a header, and gives up on blank samples', () => {
    expect(findHeader(rows(['1', '2'], ['3', '4']))?.headers).toEqual(['1', '2']);
    expect(findHeader(rows([''], []))).toBeUndefined();
  });

  it('spreads a merged header cell over its columns', () => {
    const sample = rows(['Name', 'Phone', '', 'Email'], ['Asha', '0712', '0755', 'a@b.co']);
    const found = findHeader(sample, [{ top: 1, left: 2, bottom: 1, right: 3 }]);
    expect(found?.headers).toEqual(['Name', 'Phone', 'Phone (2)', 'Email']);
    expect(found?.rowCount).toBe(1);
  });

  it('combines two header rows under a merged group cell', () => {
    const sample = rows(
      ['Customer', 'Sales', '', 'Notes'],
      ['', 'Qty', 'Amount', ''],
      ['Asha', '3', '4500', 'ok'],
    );
    const merges = [
      { top: 1, left: 2, bottom: 1, right: 3 },
      { top: 1, left: 1, bottom: 2, right: 1 },
    ];
    expect(findHeader(sample, merges)).toEqual({
      index: 0,
      rowCount: 2,
      headers: ['Customer', 'Sales Qty', 'Sales Amount', 'Notes'],
    });
  });

  it('does not take a data row under a merged header for a second header row', () => {
    const sample = rows(['Name', 'Phones', ''], ['Asha', '0712', '0755']);
    expect(findHeader(sample, [{ top: 1, left: 2, bottom: 1, right: 3 }])?.rowCount).toBe(1);
  });
});

describe('uniqueNames', () => {
  it('names empty headers by position and numbers repeats', () => {
    expect(uniqueNames(['Phone', '', 'phone', 'Phone (2)', 'Phone'])).toEqual([
      'Phone',
      'Column 2',
      'phone (3)',
      'Phone (2)',
      'Phone (4)',
    ]);
  });
});
