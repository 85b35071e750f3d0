import { describe, expect, it } from 'vitest';
import { chunked, fixture, rowsOf } from '../../../tests/fixtures/imports/read/helpers.ts';
import { readTable } from './index.ts';

const text = (value: string): Uint8Array => new TextEncoder().encode(value);
/** Reading a small file fails in readTable (the header sample holds it all); a big one fails in rows. */
const readAll = async (...args: Parameters<typeof readTable>) => rowsOf(await readTable(...args));

describe('readTable on CSV', () => {
  it('finds the header under QuickBooks title lines and skips blank and total rows', async () => {
    const table = await readTable(fixture('quickbooks-customers.csv'), { fileName: 'customers.csv' });
    expect(table).toMatchObject({ format: 'csv', encoding: 'utf-8', delimiter: ',', headerRow: 5 });
    expect(table.headers).toEqual(['Customer', 'Phone', 'Phone (2)', 'Column 4', 'Email']);
    expect(await rowsOf(table)).toEqual([
      { line: 6, cells: ['Asha Mwita', '0712345678', '0755000111', 'VIP', 'asha@example.co.tz'] },
      { line: 7, cells: ['Juma & Sons, Ltd', '0713000222', '', '', 'juma@example.co.tz'] },
      { line: 9, cells: ['Neema Shop', '+255 754 111 222', '', '', ''] },
    ]);
    expect(table.skipped).toEqual([
      { line: 8, reason: 'blank' },
      { line: 10, reason: 'total' },
    ]);
  });

  it('picks the detailed table of an M-Pesa statement, not its account details', async () => {
    const table = await readTable(fixture('mpesa-statement.csv'));
    expect(table.headerRow).toBe(14);
    expect(table.headers).toEqual([
      'Receipt No.',
      'Completion Time',
      'Details',
      'Transaction Status',
      'Paid In',
      'Withdrawn',
      'Balance',
    ]);
    const rows = await rowsOf(table);
    expect(rows.map((row) => row.line)).toEqual([15, 16]);
    expect(rows[0]?.cells[5]).toBe('-1000.00');
  });

  it('sniffs semicolons, tabs and pipes', async () => {
    const semicolon = await readTable(fixture('european-semicolon.csv'));
    expect(semicolon).toMatchObject({ format: 'csv', delimiter: ';', headers: ['Name', 'Price', 'Stock'] });
    expect((await rowsOf(semicolon))[0]?.cells).toEqual(['Mchele 5kg', '12,50', '040']);

    const tab = await readTable(fixture('tab-separated.tsv'));
    expect(tab).toMatchObject({ format: 'tsv', delimiter: '\t', headers: ['Name', 'Phone', 'City'] });
    expect((await rowsOf(tab))[1]?.cells).toEqual(['Juma', '0713000222', 'Arusha']);

    const pipe = await readTable(fixture('pipe-delimited.txt'));
    expect(pipe).toMatchObject({ format: 'csv', delimiter: '|' });
    expect((await rowsOf(pipe))[0]?.cells).toEqual(['Asha', '0712345678', 'Dar es Salaam']);
  });

  it('keeps every value as written: leading zeros, long ids, Shopify apostrophes, quotes and newlines', async () => {
    const table = await readTable(fixture('shopify-customers.csv'));
    expect(table.headers).toEqual(['Customer ID', 'First Name', 'Phone', 'Zip', 'Note', 'Tags']);
    expect(await rowsOf(table)).toEqual([
      {
        line: 2,
        cells: [
          '7712345678901234567',
          'Asha',
          '0712345678',
          '00123',
          'Prefers "Kariakoo" branch\ncall after 5pm',
          'vip',
        ],
      },
      { line: 3, cells: ['7712345678901234568', 'Juma', '+255713000222', '02150', 'Plain note', "'Mama'"] },
    ]);
  });

  it('pads short rows and keeps the filled extra cells of long rows', async () => {
    const table = await readTable(fixture('ragged.csv'));
    expect(await rowsOf(table)).toEqual([
      { line: 2, cells: ['Asha', '0712345678', ''] },
      { line: 3, cells: ['Juma', '0713000222', 'Arusha', 'extra note'] },
      { line: 4, cells: ['Neema', '0754111222', 'Mwanza'] },
    ]);
  });

  it('reports an unclosed quote with the row where it starts', async () => {
    await expect(readAll(fixture('unclosed-quote.csv'))).rejects.toMatchObject({
      code: 'unprocessable',
      message: /Row 3 opens a quote/,
    });
  });

  it('says the file is empty, and reads a header-only file as zero rows', async () => {
    await expect(readTable(fixture('empty.csv'))).rejects.toMatchObject({
      code: 'unprocessable',
      message: /the file is empty/i,
    });
    await expect(readTable(text('\n \n,,\n'))).rejects.toThrow(/the file is empty/i);
    const table = await readTable(fixture('header-only.csv'));
    expect(table.headers).toEqual(['Name', 'Phone', 'Email']);
    expect(await rowsOf(table)).toEqual([]);
  });

  it('gives the same rows whatever the chunk boundaries, with CRLF and quoted line breaks', async () => {
    const csv = 'Name,Note,Phone\r\n"Asha","two\r\nlines",0712\r\n\r\nJuma,"a ""quoted"" word",0713\r\n';
    for (const size of [1, 2, 3, 7, 64]) {
      const table = await readTable(chunked(text(csv), size));
      expect(table.headers).toEqual(['Name', 'Note', 'Phone']);
      expect(await rowsOf(table)).toEqual([
        { line: 2, cells: ['Asha', 'two\r\nlines', '0712'] },
        { line: 4, cells: ['Juma', 'a "quoted" word', '0713'] },
      ]);
      expect(table.skipped).toEqual([{ line: 3, reason: 'blank' }]);
    }
  });

  it('reads old Mac files that end lines with a carriage return only', async () => {
    const table = await readTable(text('Name,Phone\rAsha,0712\rJuma,0713\r'));
    expect((await rowsOf(table)).map((row) => row.cells)).toEqual([
      ['Asha', '0712'],
      ['Juma', '0713'],
    ]);
  });

  it('keeps a file of one column', async () => {
    const table = await readTable(text('Phone\n0712345678\n0713000222\n'));
    expect(table.headers).toEqual(['Phone']);
    expect((await rowsOf(table)).map((row) => row.cells[0])).toEqual(['0712345678', '0713000222']);
  });

  it('stops with payload_too_large past maxBytes and maxRows', async () => {
    const big = text(`Name,Phone\n${'Asha,0712345678\n'.repeat(1000)}`);
    await expect(readTable(big, { maxBytes: 1000 })).rejects.toMatchObject({ code: 'payload_too_large' });
    await expect(readAll(chunked(big, 256), { maxBytes: 1000 })).rejects.toMatchObject({
      code: 'payload_too_large',
      message: /larger than/,
    });
    const rows = await readTable(big, { maxRows: 10 });
    await expect(rowsOf(rows)).rejects.toMatchObject({
      code: 'payload_too_large',
      message: /more than 10 rows/,
    });
    expect(await rowsOf(await readTable(big, { maxRows: 1000 }))).toHaveLength(1000);
  });

  it('streams rows once, and releases the input when the reader stops early', async () => {
    let released = false;
    async function* source(): AsyncGenerator<Uint8Array> {
      try {
        yield text('Name,Phone\n');
        for (let index = 0; index < 10_000; index++) yield text(`Customer ${index},0712${index}\n`);
      } finally {
        released = true;
      }
    }
    const table = await readTable(source());
    for await (const row of table.rows) if (row.line > 100) break;
    expect(released).toBe(true);
    expect(() => table.rows[Symbol.asyncIterator]()).toThrow(/only once/);
  });

  it('treats ZIP bytes as a workbook even when the file is named .csv', async () => {
    const zip = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5, 6]);
    await expect(readTable(zip, { fileName: 'customers.csv' })).rejects.toMatchObject({
      code: 'unprocessable',
      details: { fileName: 'customers.csv' },
    });
  });
});
