import { describe, expect, it } from 'vitest';
import { rowsOf } from '../../../tests/fixtures/imports/read/helpers.ts';
import { readPastedTable } from './index.ts';

describe('readPastedTable', () => {
  it('reads tab-separated text copied from Excel, with a quoted multi-line cell', async () => {
    const pasted = 'Name\tPhone\tAddress\nAsha\t0712345678\t"Plot 12\nKariakoo"\nJuma\t0713000222\tArusha\n';
    const table = await readPastedTable(pasted);
    expect(table).toMatchObject({
      format: 'paste',
      delimiter: '\t',
      headerRow: 1,
      headers: ['Name', 'Phone', 'Address'],
    });
    expect(table.encoding).toBeUndefined();
    expect(await rowsOf(table)).toEqual([
      { line: 2, cells: ['Asha', '0712345678', 'Plot 12\nKariakoo'] },
      { line: 3, cells: ['Juma', '0713000222', 'Arusha'] },
    ]);
  });

  it('prefers tabs even when cells contain commas', async () => {
    const table = await readPastedTable('Name\tAmount\nAsha\t1,200\nJuma\t3,400\n');
    expect(table.delimiter).toBe('\t');
    expect((await rowsOf(table)).map((row) => row.cells)).toEqual([
      ['Asha', '1,200'],
      ['Juma', '3,400'],
    ]);
  });

  it('accepts comma or semicolon text too', async () => {
    const table = await readPastedTable('Name;Phone\r\nAsha;0712\r\n');
    expect(table.delimiter).toBe(';');
    expect((await rowsOf(table))[0]?.cells).toEqual(['Asha', '0712']);
  });

  it('refuses an empty paste and a paste over maxBytes', async () => {
    await expect(readPastedTable('  \n\t\n')).rejects.toMatchObject({
      code: 'unprocessable',
      message: /empty/,
    });
    await expect(readPastedTable(`Name\n${'Asha\n'.repeat(100)}`, { maxBytes: 100 })).rejects.toMatchObject({
      code: 'payload_too_large',
    });
  });
});
