/** Every stored vendor export previews cleanly through the whole pipeline and commits. */
import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commitImport } from '../../src/imports/commit.ts';
import { previewImport } from '../../src/imports/preview.ts';
import { bytesSource } from '../../src/imports/source.ts';
import { createHarness, type Harness } from '../support/harness.ts';

const folder = new URL('../fixtures/imports/exports/', import.meta.url);
const files = readdirSync(folder).filter((name) => name.endsWith('.csv'));

let harness: Harness;

beforeAll(async () => {
  harness = await createHarness({ demo: true });
});
afterAll(() => harness.close());

describe('real exports', () => {
  it.each(files)('%s imports', async (file) => {
    const context = await harness.context('demo', 'admin', 'cli');
    const source = bytesSource(file, new Uint8Array(readFileSync(new URL(file, folder))));
    const preview = await previewImport(harness.deps, context, source, {});
    expect(preview.source.system, 'recognised').not.toBeNull();
    const blocking = preview.issues.filter((issue) => issue.message.startsWith('missing'));
    expect(blocking, JSON.stringify(blocking)).toEqual([]);
    expect(preview.willCreate + preview.willUpdate).toBeGreaterThan(0);
    const report = await commitImport(harness.deps, context, preview.importId, source);
    expect(report.created).toBe(preview.willCreate);
    // A match with an existing record only fills its empty fields: there may be nothing to fill.
    expect(report.updated).toBeLessThanOrEqual(preview.willUpdate);
  });
});
