/**
 * The `kiungo` command as a user runs it: a real process on a temporary data folder, with and
 * without `kiungo serve` owning that folder. Against Postgres when DATABASE_URL is set.
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateVaultKey } from '../../src/core/vault.ts';
import { createTestDatabase } from '../support/database.ts';

const run = promisify(execFile);
const bin = join(import.meta.dirname, '../../bin/kiungo.js');
let dataDir: string;
let env: NodeJS.ProcessEnv;
let dropDatabase: (() => Promise<void>) | undefined;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'kiungo-cli-'));
  env = { ...process.env, KIUNGO_DATA_DIR: dataDir, KIUNGO_LOG_LEVEL: 'error' };
  delete env.DATABASE_URL;
  if (process.env.DATABASE_URL) {
    const database = await createTestDatabase();
    await database.db.close();
    env.DATABASE_URL = database.url;
    // With Postgres the vault key comes from the environment (embedded mode generates one).
    env.KIUNGO_MASTER_KEY = generateVaultKey();
    dropDatabase = database.drop;
  }
  await kiungo('demo');
});

afterAll(async () => {
  rmSync(dataDir, { recursive: true, force: true });
  await dropDatabase?.();
});

async function kiungo(...args: string[]): Promise<{ stdout: string; stderr: string; code: number }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [bin, ...args], { env, timeout: 60_000 });
    return { stdout, stderr, code: 0 };
  } catch (error) {
    const failed = error as { stdout: string; stderr: string; code: number };
    return { stdout: failed.stdout, stderr: failed.stderr, code: failed.code };
  }
}

describe('kiungo CLI', () => {
  it('answers who_owes_me with JSON only on stdout', async () => {
    const result = await kiungo('tools', 'call', 'who_owes_me', '--json');
    expect(result.code).toBe(0);
    const data = JSON.parse(result.stdout) as {
      customers: {
        name: string;
        balance: { display: string };
        days_overdue: number;
        ageing_bucket: string;
      }[];
      totals: { currency: string }[];
    };
    expect(data.customers.length).toBeGreaterThan(0);
    expect(data.customers[0]?.balance.display).toMatch(/^TSh /);
    expect(data.totals[0]?.currency).toBe('TZS');
  });

  it('is idempotent about the demo and lists the tools', async () => {
    expect((await kiungo('demo')).stdout).toMatch(/already loaded/);
    const tools = JSON.parse((await kiungo('--json', 'tools', 'list')).stdout) as {
      tools: { name: string }[];
    };
    expect(tools.tools.map((tool) => tool.name)).toEqual(
      expect.arrayContaining(['who_owes_me', 'find_records', 'customer_profile', 'record_payment']),
    );
  });

  it('fails clearly on bad input, with a non-zero exit and JSON errors under --json', async () => {
    const badJson = await kiungo('tools', 'call', 'who_owes_me', '--input', '{nope');
    expect(badJson.code).toBe(1);
    expect(badJson.stderr).toMatch(/not valid JSON/);
    const badTenant = await kiungo('--json', '--tenant', 'nobody', 'tools', 'call', 'who_owes_me');
    expect(badTenant.code).toBe(1);
    expect(JSON.parse(badTenant.stdout)).toMatchObject({ status: 'error', error: { code: 'not_found' } });
    const created = await kiungo('tenants', 'create', 'Bad Slug!');
    expect(created.code).toBe(1);
  });

  it('creates businesses and keys, printing the key once', async () => {
    const tenant = JSON.parse(
      (
        await kiungo(
          '--json',
          'tenants',
          'create',
          'duka-nairobi',
          '--region',
          'KE',
          '--currency',
          'KES',
          '--timezone',
          'Africa/Nairobi',
        )
      ).stdout,
    ) as { tenant: { currency: string } };
    expect(tenant.tenant.currency).toBe('KES');
    const key = JSON.parse(
      (await kiungo('--json', '--tenant', 'duka-nairobi', 'keys', 'create', '--scope', 'read')).stdout,
    ) as { key: string };
    expect(key.key).toMatch(/^kio_/);
  });

  it('imports a spreadsheet: --dry-run --json prints the preview contract, then the import runs', async () => {
    const file = join(dataDir, 'wateja.csv');
    writeFileSync(
      file,
      'Jina,Simu,Barua pepe\nAsha Juma,0713 000 111,asha@example.com\nJohn Mrema,+255 754 000 222,john@\n',
    );
    const dry = await kiungo('--json', 'import', 'customers', file, '--dry-run');
    expect(dry.code).toBe(0);
    const contract = JSON.parse(dry.stdout) as {
      entity: string;
      rows: number;
      mapping: { column: string; field: string | null; confidence: number }[];
      issues: { line: number }[];
      duplicates: number;
    };
    expect(contract.entity).toBe('customers');
    expect(contract.rows).toBe(2);
    expect(contract.mapping).toEqual(
      expect.arrayContaining([expect.objectContaining({ column: 'Simu', field: 'phone' })]),
    );
    expect(contract.issues.some((issue) => issue.line === 3)).toBe(true);
    expect(typeof contract.duplicates).toBe('number');
    const done = await kiungo('import', 'customers', file);
    expect(done.code).toBe(0);
    expect(done.stdout).toMatch(/Imported customers: 2 created/);
    const bad = await kiungo('import', 'customers', join(dataDir, 'missing.csv'));
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/No file at/);
  });

  it('connects a system from credentials, prints its webhook address, and reads the sync logs', async () => {
    const connected = await kiungo('--json', 'connect', 'custom_webhook', '--config', '{}');
    expect(connected.code).toBe(0);
    const result = JSON.parse(connected.stdout) as {
      id: string;
      webhook_url: string;
      generated: { signingSecret: string };
    };
    expect(result.webhook_url).toBe(`http://localhost:8787/webhooks/custom_webhook/${result.id}`);
    expect(result.generated.signingSecret).toMatch(/^whsec_/);
    const sync = await kiungo('sync', 'custom');
    expect(sync.code).toBe(1);
    expect(sync.stderr).toMatch(/sends its data to Kiungo by itself/);
    const logs = await kiungo('logs');
    expect(logs.code).toBe(0);
    expect(logs.stdout).toMatch(/No syncs have run yet/);
    const bad = await kiungo('connect', 'shopify', '--config', '{"shop":"not a shop"}', '--no-check');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/Please check/);
  });

  it('while `kiungo serve` runs, commands go through it and print the same', async () => {
    const direct = await kiungo('tools', 'call', 'who_owes_me', '--json');
    const server: ChildProcess = spawn(process.execPath, [bin, 'serve', '--port', '0'], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let output = '';
        server.stdout?.on('data', (chunk: Buffer) => {
          output += chunk.toString();
          const match = output.match(/http:\/\/127\.0\.0\.1:\d+/);
          if (match) resolve(match[0]);
        });
        server.once('exit', (code) => reject(new Error(`serve exited with ${code}`)));
      });
      expect((await fetch(`${url}/healthz`)).status).toBe(200);
      if (!env.DATABASE_URL)
        expect(JSON.parse(readFileSync(join(dataDir, 'server.json'), 'utf8')).url).toBe(url);
      const through = await kiungo('tools', 'call', 'who_owes_me', '--json');
      expect(through.code).toBe(0);
      expect(JSON.parse(through.stdout)).toEqual(JSON.parse(direct.stdout));
      const error = await kiungo('tools', 'call', 'nope');
      expect(error.code).toBe(1);
      expect(error.stderr).toMatch(/no tool named nope/);
    } finally {
      server.kill('SIGTERM');
      await new Promise((resolve) => server.once('exit', resolve));
    }
  });
});
