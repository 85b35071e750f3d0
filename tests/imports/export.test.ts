import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customers } from '../../db/schema/index.ts';
import type { TenantContext } from '../../src/core/context.ts';
import { exportCsv, safeCell } from '../../src/imports/export.ts';
import { exportXlsx } from '../../src/imports/export-xlsx.node.ts';
import { readTable } from '../../src/imports/read/index.ts';
import { createHarness, type Harness } from '../support/harness.ts';

let harness: Harness;
let owner: TenantContext;

beforeAll(async () => {
  harness = await createHarness({ demo: true });
  owner = await harness.context();
  await harness.db.orm.insert(customers).values({
    tenantId: owner.tenant.id,
    fullName: '=HYPERLINK("http://evil","click")',
    phone: '+255700000009',
    notes: '@SUM(A1:A9)',
  });
});
afterAll(() => harness.close());

async function csvText(entity: 'customers' | 'invoices'): Promise<string> {
  let text = '';
  for await (const chunk of exportCsv(harness.deps, owner, entity)) text += new TextDecoder().decode(chunk);
  return text;
}

describe('exports', () => {
  it('neutralises formulas in text cells', () => {
    expect(['=1+1', '+255', '-x', '@SUM(A1)', 'Mama Joyce'].map(safeCell)).toEqual([
      "'=1+1",
      "'+255",
      "'-x",
      "'@SUM(A1)",
      'Mama Joyce',
    ]);
  });

  it('exports customers as CSV that reads back with every row, and no live formula', async () => {
    const text = await csvText('customers');
    expect(text.startsWith('full_name,first_name')).toBe(true);
    const first = await exportCsv(harness.deps, owner, 'customers').next();
    expect([...(first.value ?? [])]).toEqual([0xef, 0xbb, 0xbf]); // a BOM, so Excel reads UTF-8
    expect(text).toContain(`"'=HYPERLINK(""http://evil"",""click"")"`);
    expect(text).toContain("'@SUM(A1:A9)");
    const table = await readTable(new TextEncoder().encode(text), { fileName: 'customers.csv' });
    let rows = 0;
    for await (const _row of table.rows) rows++;
    const total = (await harness.db.orm.select().from(customers)).filter(
      (row) => row.tenantId === owner.tenant.id && !row.mergedInto,
    ).length;
    expect(rows).toBe(total);
  });

  it('exports money as exact decimals', async () => {
    const text = await csvText('invoices');
    expect(text.split('\r\n')[0]).toBe(
      'number,customer,issue_date,due_date,total,amount_paid,balance,currency,status',
    );
    expect(text.split('\r\n')[1]).toMatch(/,\d+\.\d{2},\d+\.\d{2},\d+\.\d{2},TZS,/);
  });

  it('exports XLSX with text cells', async () => {
    const chunks: Buffer[] = [];
    const output = new (await import('node:stream')).PassThrough();
    output.on('data', (chunk: Buffer) => chunks.push(chunk));
    const rows = await exportXlsx(harness.deps, owner, 'customers', output);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.read(Readable.from([Buffer.concat(chunks)]));
    const sheet = workbook.getWorksheet('customers');
    expect(sheet?.rowCount).toBe(rows + 1);
    expect(String(sheet?.getRow(1).getCell(1).value)).toBe('full_name');
  });
});
