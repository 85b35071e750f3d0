import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { chunked, makeZip, minimalXlsx, rowsOf } from '../../../tests/fixtures/imports/read/helpers.ts';
import { listSheets, readTable } from './index.ts';
import { partLimits } from './workbook.ts';

async function bytesOf(workbook: ExcelJS.Workbook): Promise<Uint8Array> {
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

let values: Uint8Array;
let manySheets: Uint8Array;
let mergedTitleAndHeader: Uint8Array;
let twoRowHeader: Uint8Array;
let twentyRows: Uint8Array;

beforeAll(async () => {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Customers');
  sheet.addRow(['ID', 'Name', 'Phone', 'Joined', 'Last visit', 'Opens', 'Balance', 'Ratio', 'Big', 'Active']);
  sheet.addRow([
    1,
    '  Asha  ',
    712345678,
    new Date(Date.UTC(2024, 0, 5)),
    new Date(Date.UTC(2024, 0, 5, 10, 30, 15)),
    0.5,
    1200.5,
    0.1 + 0.2,
    1e21,
    true,
  ]);
  sheet.getCell('C2').numFmt = '0000000000';
  sheet.getCell('F2').numFmt = 'hh:mm:ss';
  sheet.addRow([
    2,
    { richText: [{ text: 'Ka' }, { text: 'riakoo', font: { bold: true } }] },
    { text: 'Call us', hyperlink: 'https://example.co.tz' },
    { formula: 'D2+1', result: new Date(Date.UTC(2024, 0, 6)) },
    { formula: 'G2*2', result: 2401 },
    { error: '#N/A' },
    -0.5,
    1e-7,
    '00123',
    false,
  ]);
  sheet.getCell('D3').numFmt = 'yyyy-mm-dd';
  values = await bytesOf(book);

  const sheets = new ExcelJS.Workbook();
  sheets.addWorksheet('Empty');
  sheets.addWorksheet('Secret', { state: 'hidden' }).addRows([['Key'], ['hidden']]);
  sheets.addWorksheet('Sales').addRows([
    ['Item', 'Qty'],
    ['Soap', 3],
  ]);
  sheets.addWorksheet('Stock').addRows([
    ['Item', 'On hand'],
    ['Rice', 40],
  ]);
  manySheets = await bytesOf(sheets);

  const merged = new ExcelJS.Workbook();
  const contacts = merged.addWorksheet('Contacts');
  contacts.getCell('A1').value = 'Kariakoo Electronics';
  contacts.mergeCells('A1:D1');
  contacts.getRow(3).values = ['Name', 'Phone', null, 'Email'];
  contacts.mergeCells('B3:C3');
  contacts.getRow(4).values = ['Asha', '0712345678', '0755000111', 'asha@example.co.tz'];
  mergedTitleAndHeader = await bytesOf(merged);

  const twoRows = new ExcelJS.Workbook();
  const sales = twoRows.addWorksheet('Sales');
  sales.getRow(1).values = ['Customer', 'Sales 2024', null, 'Notes'];
  sales.getRow(2).values = [null, 'Qty', 'Amount', null];
  sales.mergeCells('A1:A2');
  sales.mergeCells('B1:C1');
  sales.mergeCells('D1:D2');
  sales.getRow(3).values = ['Asha', 3, 4500, 'paid'];
  twoRowHeader = await bytesOf(twoRows);

  const many = new ExcelJS.Workbook();
  const list = many.addWorksheet('List');
  list.addRow(['Name', 'Phone']);
  for (let index = 1; index <= 20; index++) list.addRow([`Customer ${index}`, `07000000${index}`]);
  twentyRows = await bytesOf(many);
});

describe('readTable on XLSX', () => {
  it('turns every kind of cell into the text a person sees', async () => {
    const table = await readTable(values);
    expect(table).toMatchObject({ format: 'xlsx', sheet: 'Customers', sheets: ['Customers'], headerRow: 1 });
    expect(table.headers).toHaveLength(10);
    expect(await rowsOf(table)).toEqual([
      {
        line: 2,
        cells: [
          '1',
          'Asha',
          '0712345678',
          '2024-01-05',
          '2024-01-05T10:30:15',
          '12:00:00',
          '1200.5',
          '0.3',
          '1000000000000000000000',
          'TRUE',
        ],
      },
      {
        line: 3,
        cells: [
          '2',
          'Kariakoo',
          'Call us',
          '2024-01-06',
          '2401',
          '#N/A',
          '-0.5',
          '0.0000001',
          '00123',
          'FALSE',
        ],
      },
    ]);
  });

  it('reads a workbook named .csv, and one arriving as a stream of chunks', async () => {
    const named = await readTable(values, { fileName: 'export.csv' });
    expect(named.format).toBe('xlsx');
    const streamed = await readTable(chunked(values, 1000));
    expect((await rowsOf(streamed))[0]?.cells[2]).toBe('0712345678');
  });

  it('chooses the sheet: first visible one with data, or by name or position', async () => {
    const first = await readTable(manySheets);
    expect(first).toMatchObject({ sheet: 'Sales', sheets: ['Empty', 'Secret', 'Sales', 'Stock'] });
    expect((await rowsOf(first))[0]?.cells).toEqual(['Soap', '3']);
    expect((await readTable(manySheets, { sheet: ' stock ' })).sheet).toBe('Stock');
    expect((await readTable(manySheets, { sheet: '2' })).headers).toEqual(['Key']);
    await expect(readTable(manySheets, { sheet: 'Nope' })).rejects.toMatchObject({
      code: 'unprocessable',
      message: /no sheet "Nope".*"Empty", "Secret", "Sales", "Stock"/,
    });
    await expect(readTable(manySheets, { sheet: 'Empty' })).rejects.toThrow(/the file is empty/i);
  });

  it('lists the sheets of a workbook', async () => {
    expect(await listSheets(manySheets)).toEqual(['Empty', 'Secret', 'Sales', 'Stock']);
    await expect(listSheets(new TextEncoder().encode('Name,Phone\n'))).rejects.toThrow(
      /not an Excel workbook/,
    );
  });

  it('skips a merged title and numbers the columns under a merged header cell', async () => {
    const table = await readTable(mergedTitleAndHeader);
    expect(table.headerRow).toBe(3);
    expect(table.headers).toEqual(['Name', 'Phone', 'Phone (2)', 'Email']);
    expect(await rowsOf(table)).toEqual([
      { line: 4, cells: ['Asha', '0712345678', '0755000111', 'asha@example.co.tz'] },
    ]);
  });

  it('combines a two-row header whose first row is merged across', async () => {
    const table = await readTable(twoRowHeader);
    expect(table.headerRow).toBe(1);
    expect(table.headers).toEqual(['Customer', 'Sales 2024 Qty', 'Sales 2024 Amount', 'Notes']);
    expect(await rowsOf(table)).toEqual([{ line: 3, cells: ['Asha', '3', '4500', 'paid'] }]);
  });

  it('reads inline strings in a workbook without shared strings or styles', async () => {
    const sheetData =
      '<row r="1"><c r="A1" t="inlineStr"><is><t>Name</t></is></c><c r="B1" t="inlineStr"><is><t>Phone</t></is></c></row>' +
      '<row r="3"><c r="A3" t="inlineStr"><is><t>Asha</t></is></c><c r="B3" t="inlineStr"><is><t>0712</t></is></c></row>';
    const table = await readTable(minimalXlsx(sheetData));
    expect(table.headers).toEqual(['Name', 'Phone']);
    expect(await rowsOf(table)).toEqual([{ line: 3, cells: ['Asha', '0712'] }]);
  });

  it('refuses ZIP files that are not workbooks, and damaged ones', async () => {
    await expect(readTable(makeZip({ 'readme.txt': 'hello' }))).rejects.toThrow(/not an Excel workbook/);
    const ods = makeZip({
      mimetype: 'application/vnd.oasis.opendocument.spreadsheet',
      'content.xml': '<x/>',
    });
    await expect(readTable(ods)).rejects.toThrow(/OpenDocument/);
    await expect(readTable(values.slice(0, values.length - 100))).rejects.toThrow(/damaged/);
  });
});

describe('readTable XLSX limits', () => {
  it('refuses a workbook over maxBytes, compressed', async () => {
    await expect(readTable(values, { maxBytes: 1000 })).rejects.toMatchObject({ code: 'payload_too_large' });
    await expect(readTable(chunked(values, 500), { maxBytes: 1000 })).rejects.toMatchObject({
      code: 'payload_too_large',
    });
  });

  it('refuses more rows than maxRows', async () => {
    const table = await readTable(twentyRows, { maxRows: 5 });
    await expect(rowsOf(table)).rejects.toMatchObject({
      code: 'payload_too_large',
      message: /more than 5 rows/,
    });
    expect(await rowsOf(await readTable(twentyRows, { maxRows: 20 }))).toHaveLength(20);
  });

  it('refuses a sheet with data past column 500', async () => {
    const sheetData =
      '<row r="1"><c r="A1" t="inlineStr"><is><t>Name</t></is></c><c r="SG1" t="inlineStr"><is><t>x</t></is></c></row>';
    await expect(readTable(minimalXlsx(sheetData))).rejects.toMatchObject({
      code: 'payload_too_large',
      message: /beyond column 500/,
    });
  });

  it('refuses shared strings that unpack far beyond their limit (a ZIP bomb)', async () => {
    const original = partLimits.sharedStrings;
    partLimits.sharedStrings = 1024 * 1024;
    try {
      const huge = `<sst><si><t>${' '.repeat(3 * 1024 * 1024)}</t></si></sst>`;
      const bomb = minimalXlsx('<row r="1"><c r="A1" t="s"><v>0</v></c></row>', huge);
      expect(bomb.length).toBeLessThan(20_000);
      await expect(readTable(bomb)).rejects.toMatchObject({ code: 'payload_too_large', message: /unpacks/ });
    } finally {
      partLimits.sharedStrings = original;
    }
  });
});
