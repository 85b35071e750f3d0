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
import { benchDeps } from './who-owes-me.ts';

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

interface GeneratedRow {
  /** The line as written in the file. */
  line: string;
  /** The row a perfect import would store, or null for a duplicate or a bad row. */
  clean: unknown[] | null;
}

/** The benchmark file's rows, the same for a seed every time (so the baseline can regenerate them). */
function* generateRows(rows: number): Generator<GeneratedRow> {
  const random = createRandom(99);
  const seen: string[] = [];
  for (let index = 0; index < rows; index++) {
    if (index > 0 && random.chance(0.1)) {
      yield { line: seen[random.int(0, seen.length - 1)] as string, clean: null }; // a duplicate of an earlier row
    } else if (random.chance(0.005)) {
      yield { line: `Bad Row ${index},not a phone,not-an-email,`, clean: null };
    } else {
      const name = `${random.pick(firstNames)} ${random.pick(lastNames)} ${index}`;
      const phone = localPhone(random);
      const email = random.chance(0.4) ? `c${index}@example.com` : '';
      const line = `${name},"${phone}",${email},Dar es Salaam`;
      if (seen.length < 50_000) seen.push(line);
      yield { line, clean: [name, toE164(phone, 'TZ'), email || null, 'Dar es Salaam'] };
    }
  }
}

async function writeCsv(path: string, rows: number): Promise<void> {
  const out = createWriteStream(path);
  out.write('Customer Name,Phone,Email,City\n');
  for (const row of generateRows(rows)) {
    if (!out.write(`${row.line}\n`)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
  }
  await new Promise<void>((resolve) => out.end(() => resolve()));
}

export async function benchImportCustomers(db: Database, label: string, rows: number): Promise<void> {
  const folder = mkdtempSync(join(tmpdir(), 'kiungo-bench-'));
  const path = join(folder, 'customers.csv');
  await writeCsv(path, rows);
  const megabytes = statSync(path).size / 1024 / 1024;

  const target = await createTenant(db, { slug: `import-${label}-${Date.now() % 100000}` });
  await addMember(db, target.tenant.id, { name: 'Bench', role: 'admin' });
  const deps = await benchDeps(db);
  const context = { tenant: target.tenant, member: target.owner, channel: 'cli' as const };
  const source = streamSource('customers.csv', () => createReadStream(path, { highWaterMark: 1024 * 1024 }));
  let peak = process.memoryUsage().rss;
  let peakHeap = process.memoryUsage().heapUsed;
  const sampler = setInterval(() => {
    const usage = process.memoryUsage();
    peak = Math.max(peak, usage.rss);
    peakHeap = Math.max(peakHeap, usage.heapUsed);
  }, 50);
  const previewStarted = performance.now();
  const preview = await previewImport(deps, context, source, { entity: 'customers' });
  const previewSeconds = (performance.now() - previewStarted) / 1000;
  const commitStarted = performance.now();
  const report = await commitImport(deps, context, preview.importId, source);
  const commitSeconds = (performance.now() - commitStarted) / 1000;
  clearInterval(sampler);
  rmSync(folder, { recursive: true, force: true });

  // Baseline, after the import so it does not weigh on its memory: the same rows already clean,
  // regenerated and copied straight into the same table for another business.
  const baseline = await createTenant(db, { slug: `copy-${label}-${Date.now() % 100000}` });
  let cleanRows = 0;
  async function* batches() {
    let batch: unknown[][] = [];
    for (const row of generateRows(rows)) {
      if (!row.clean) continue;
      batch.push([baseline.tenant.id, ...row.clean, 'import']);
      if (batch.length === 10_000) {
        cleanRows += batch.length;
        yield batch;
        batch = [];
      }
    }
    cleanRows += batch.length;
    yield batch;
  }
  const copyStarted = performance.now();
  await db.copyRows(
    'customers',
    ['tenant_id', 'full_name', 'phone', 'email', 'city', 'source_kind'],
    batches(),
  );
  const copySeconds = (performance.now() - copyStarted) / 1000;

  const pipelineRate = rows / commitSeconds;
  const copyRate = cleanRows / copySeconds;
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
