import { once } from 'node:events';
import { createReadStream, createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../../tests/fixtures/imports/read/helpers.ts';
import { readTable } from './index.ts';

const rowCount = 200_000;
const directory = mkdtempSync(join(tmpdir(), 'kiungo-read-'));
const file = join(directory, 'customers.csv');

/** A garbage collector to call, so the test measures what is retained rather than what is not yet collected. */
function collector(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

beforeAll(async () => {
  const out = createWriteStream(file);
  const cities = ['Dar es Salaam', 'Arusha', 'Mwanza', 'Nairobi', 'Mombasa'];
  out.write('Kariakoo Electronics\nCustomer list\n\nCustomer ID,Name,Phone,Email,City,Address,Balance\n');
  let buffer = '';
  for (let index = 1; index <= rowCount; index++) {
    const address = index % 7 === 0 ? `"Plot ${index}, Kariakoo"` : `Plot ${index} Street`;
    const phone = `07${String(index).padStart(8, '0')}`;
    buffer += `${String(index).padStart(8, '0')},Customer ${index},${phone},c${index}@example.co.tz,${cities[index % 5]},${address},${index % 9999}.50\n`;
    if (buffer.length > 65_536) {
      if (!out.write(buffer)) await once(out, 'drain');
      buffer = '';
    }
  }
  out.end(buffer);
  await once(out, 'finish');
});

afterAll(() => rmSync(directory, { recursive: true, force: true }));

describe('readTable streaming', () => {
  it(`streams ${rowCount.toLocaleString('en')} rows from a file with bounded memory`, async () => {
    const gc = collector();
    gc();
    const baseline = process.memoryUsage().heapUsed;
    let retained = 0;
    const started = performance.now();
    const table = await readTable(createReadStream(file));
    expect(table.headerRow).toBe(4);
    let count = 0;
    let last = 0;
    for await (const row of table.rows) {
      count++;
      last = row.line;
      if (count % 50_000 === 0) {
        gc();
        retained = Math.max(retained, process.memoryUsage().heapUsed - baseline);
      }
    }
    const seconds = (performance.now() - started) / 1000;
    const megabytes = statSync(file).size / 1e6;
    console.info(
      `retained ${(retained / 1e6).toFixed(2)} MB; read ${megabytes.toFixed(1)} MB in ${seconds.toFixed(2)} s: ${(megabytes / seconds).toFixed(0)} MB/s`,
    );
    expect(count).toBe(rowCount);
    expect(last).toBe(rowCount + 4);
    expect(table.skipped).toEqual([]);
    // The file is about 16 MB; holding it, or its rows, would retain far more than this.
    expect(retained).toBeLessThan(8 * 1024 * 1024);
  });

  it('finds an unclosed quote deep in a streamed file, and gives up early on a runaway one', async () => {
    const head = `Name,Note\n${'Asha,fine\n'.repeat(100_000)}`;
    const late = new TextEncoder().encode(`${head}Juma,"never closed\n${'Neema,x\n'.repeat(1000)}`);
    const table = await readTable(late);
    await expect(rowsOf(table)).rejects.toMatchObject({ message: /Row 100,002 opens a quote/ });
    const runaway = new TextEncoder().encode(`${head}Juma,"never closed\n${'Neema,x\n'.repeat(700_000)}`);
    await expect(rowsOf(await readTable(runaway))).rejects.toMatchObject({
      message: /Row 100,002 opens a quote/,
    });
  });
});
