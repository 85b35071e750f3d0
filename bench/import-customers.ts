/**
 * The import pipeline on a generated customer CSV (mixed phone formats, 10% duplicates, some bad
 * rows): parse → map → normalise → dedup → commit, against a raw COPY of the same rows already
 * clean into the same table, in the same run. Prints rows/s, the ratio, and peak RSS.
 */
import { createReadStream, createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database } from '../db/database.ts';
import { toE164 } from '../src/core/phone.ts';
import { localPhone } from '../src/demo/generate.ts';
import { createRandom } from '../src/demo/random.ts';
import { commitImport } from '../src/imports/commit.ts';
import { previewImport } from '../src/imports/preview.ts';
import { streamSource } from '../src/imports/source.ts';
import { addMember, createTenant } from '../src/tenancy/tenants.ts';
import { ms } from './stats.ts';
import { benchSetup } from './who-owes-me.ts';

const firstNames = [
  'Asha',
  'Baraka',
  'Neema',
  'Juma',
  'Rehema',
  'Salim',
  'Zawadi',
  'Daudi',
  'Upendo',
  'Hamisi',
];
const lastNames = ['Mushi', 'Mollel', 'Kimaro', 'Swai', 'Mrema', 'Ngowi', 'Temba', 'Minja'];

/** Writes the CSV and returns the clean rows a perfect import would produce (for the COPY baseline). */
async function writeCsv(path: string, rows: number): Promise<unknown[][]> {
  const random = createRandom(99);
  const out = createWriteStream(path);
  const clean: unknown[][] = [];
  const seen: string[] = [];
  out.write('Customer Name,Phone,Email,City\n');
  for (let index = 0; index < rows; index++) {
    let line: string;
    if (index > 0 && random.chance(0.1)) {
      line = seen[random.int(0, seen.length - 1)] as string; // a duplicate of an earlier row
    } else if (random.chance(0.005)) {
      line = `Bad Row ${index},not a phone,not-an-email,`; // a bad row
    } else {
      const name = `${random.pick(firstNames)} ${random.pick(lastNames)} ${index}`;
      const phone = localPhone(random);
      const email = random.chance(0.4) ? `c${index}@example.com` : '';
      line = `${name},"${phone}",${email},Dar es Salaam`;
      if (seen.length < 50_000) seen.push(line);
      clean.push([name, toE164(phone, 'TZ'), email || null, 'Dar es Salaam']);
    }
    if (!out.write(`${line}\n`)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
  }
  await new Promise<void>((resolve) => out.end(() => resolve()));
  return clean;
}

export async function benchImportCustomers(db: Database, label: string, rows: number): Promise<void> {
  const folder = mkdtempSync(join(tmpdir(), 'kiungo-bench-'));
  const path = join(folder, 'customers.csv');
  const clean = await writeCsv(path, rows);
  const megabytes = statSync(path).size / 1024 / 1024;

  // Baseline: the clean rows straight into the same table of a fresh business.
  const baseline = await createTenant(db, { slug: `copy-${label}-${Date.now() % 100000}` });
  const copyStarted = performance.now();
  const batchRows = 10_000;
  async function* batches() {
    for (let start = 0; start < clean.length; start += batchRows) {
      yield clean.slice(start, start + batchRows).map((row) => [baseline.tenant.id, ...row, 'import']);
    }
  }
  await db.copyRows(
    'customers',
    ['tenant_id', 'full_name', 'phone', 'email', 'city', 'source_kind'],
    batches(),
  );
  const copySeconds = (performance.now() - copyStarted) / 1000;

  const target = await createTenant(db, { slug: `import-${label}-${Date.now() % 100000}` });
  await addMember(db, target.tenant.id, { name: 'Bench', role: 'admin' });
  const { deps } = await benchSetup(db);
  const context = { tenant: target.tenant, member: target.owner, channel: 'cli' as const };
  const source = streamSource('customers.csv', () => createReadStream(path, { highWaterMark: 1024 * 1024 }));
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 50);
  const previewStarted = performance.now();
  const preview = await previewImport(deps, context, source, { entity: 'customers' });
  const previewSeconds = (performance.now() - previewStarted) / 1000;
  const commitStarted = performance.now();
  const report = await commitImport(deps, context, preview.importId, source);
  const commitSeconds = (performance.now() - commitStarted) / 1000;
  clearInterval(sampler);
  rmSync(folder, { recursive: true, force: true });

  const pipelineRate = rows / commitSeconds;
  const copyRate = clean.length / copySeconds;
  console.log(
    `[${label}] import file: ${rows.toLocaleString('en-US')} rows, ${megabytes.toFixed(1)} MB; created ${report.created}, skipped ${report.skipped} (duplicates ${report.duplicates}), problems ${report.issueCount}`,
  );
  console.log(
    `[${label}] raw COPY of the clean rows: ${Math.round(copyRate).toLocaleString('en-US')} rows/s (${ms(copySeconds * 1000)})`,
  );
  console.log(
    `[${label}] preview (dry run): ${Math.round(rows / previewSeconds).toLocaleString('en-US')} rows/s (${ms(previewSeconds * 1000)})`,
  );
  console.log(
    `[${label}] full pipeline commit: ${Math.round(pipelineRate).toLocaleString('en-US')} rows/s (${ms(commitSeconds * 1000)}), ${((100 * pipelineRate) / copyRate).toFixed(1)}% of raw COPY (goal on Postgres: 25%)`,
  );
  console.log(
    `[${label}] peak RSS during the import: ${Math.round(peak / 1024 / 1024)} MB (goal: under 400 MB)`,
  );
}
