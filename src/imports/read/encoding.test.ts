import { describe, expect, it } from 'vitest';
import { chunked, latin1, rowsOf, utf16 } from '../../../tests/fixtures/imports/read/helpers.ts';
import { readTable } from './index.ts';

const csv = 'Jina,Simu,Mji\nZuhura Ñandú,0712345678,Dar es Salaam\nCafé Ümit,0755000111,Moshi €\n';
const expectedRows = [
  { line: 2, cells: ['Zuhura Ñandú', '0712345678', 'Dar es Salaam'] },
  { line: 3, cells: ['Café Ümit', '0755000111', 'Moshi €'] },
];

describe('readTable text encodings', () => {
  it('reads UTF-8 with a byte order mark and strips it from the first header', async () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(csv)]);
    const table = await readTable(chunked(bytes, 2));
    expect(table.encoding).toBe('utf-8');
    expect(table.headers).toEqual(['Jina', 'Simu', 'Mji']);
    expect(await rowsOf(table)).toEqual(expectedRows);
  });

  it('keeps a quoted first header after a byte order mark', async () => {
    const bytes = new Uint8Array([
      0xef,
      0xbb,
      0xbf,
      ...new TextEncoder().encode('"Name","Phone"\nAsha,0712\n'),
    ]);
    expect((await readTable(bytes)).headers).toEqual(['Name', 'Phone']);
  });

  it.each([
    ['le', true],
    ['be', true],
    ['le', false],
    ['be', false],
  ] as const)('reads UTF-16 %s (byte order mark: %s)', async (endian, bom) => {
    const table = await readTable(chunked(utf16(csv, endian, bom), 5));
    expect(table.encoding).toBe(`utf-16${endian}`);
    expect(table.headers).toEqual(['Jina', 'Simu', 'Mji']);
    expect(await rowsOf(table)).toEqual(expectedRows);
  });

  it('reads Windows-1252 when the bytes are not UTF-8, without losing a byte', async () => {
    const table = await readTable(latin1('Name;City;Note\nCaf\xe9;Moshi;\x80 5\n'));
    expect(table.encoding).toBe('windows-1252');
    expect(await rowsOf(table)).toEqual([{ line: 2, cells: ['Café', 'Moshi', '€ 5'] }]);
  });

  it('refuses invalid UTF-8 that appears after the sniffed start, with the approximate row', async () => {
    const head = `Name,Phone\n${'Asha Mwita,0712345678\n'.repeat(5000)}`;
    const bytes = new Uint8Array([...new TextEncoder().encode(head), ...latin1('Caf\xe9,0755\n')]);
    const table = await readTable(chunked(bytes, 16 * 1024));
    expect(table.encoding).toBe('utf-8');
    const failure = rowsOf(table);
    await expect(failure).rejects.toMatchObject({
      code: 'unprocessable',
      message: /not UTF-8 around row 5,002/,
    });
  });

  it('refuses binary junk even when it is named .csv', async () => {
    const withNul = new Uint8Array([0x4e, 0x61, 0x6d, 0x65, 0x00, 0x2c, 0x41, 0x0a]);
    await expect(readTable(withNul, { fileName: 'customers.csv' })).rejects.toThrow(
      /this is not a text spreadsheet file/i,
    );
    const controls = Uint8Array.from({ length: 4000 }, (_, index) =>
      index % 5 === 0 ? 0x01 : 0x41 + (index % 20),
    );
    await expect(readTable(controls)).rejects.toThrow(/not a text spreadsheet file/i);
    const random = Uint8Array.from({ length: 70_000 }, (_, index) => (index * 7919 + 13) % 251);
    await expect(readTable(random)).rejects.toThrow(/not a text spreadsheet file/i);
  });

  it('names old .xls files, PDFs and web pages', async () => {
    const xls = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]);
    await expect(readTable(xls)).rejects.toThrow(/old Excel file \(\.xls\)/);
    await expect(readTable(latin1('%PDF-1.7\n'))).rejects.toThrow(/PDF/);
    await expect(readTable(latin1('<!DOCTYPE html><html><body>Sign in</body></html>'))).rejects.toThrow(
      /web page/,
    );
  });
});
