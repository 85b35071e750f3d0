/** The Workers entry bundles for workerd and pulls in no Node-only module of ours or of the embedded database. */
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

describe('Workers bundle', () => {
  it('contains only runtime-neutral code', async () => {
    const result = await build({
      entryPoints: ['src/runtime/worker/index.ts'],
      bundle: true,
      write: false,
      metafile: true,
      format: 'esm',
      platform: 'browser',
      conditions: ['workerd', 'worker', 'browser'],
      mainFields: ['browser', 'module', 'main'],
      // workerd's own modules and the node: built-ins nodejs_compat provides; which of them are
      // loaded eagerly is checked below.
      external: ['cloudflare:*', 'node:*'],
      logLevel: 'silent',
    });
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs.some((input) => input.includes('src/tools/catalogue.ts'))).toBe(true);
    const nodeOnly = inputs.filter((input) =>
      /src\/runtime\/(node|cli)\/|\.node\.ts$|@electric-sql\/pglite|@hono\/node-server/.test(input),
    );
    expect(nodeOnly).toEqual([]);
    // Dependencies may reach for the file system or processes lazily (the model SDK does, for
    // optional local tools); nothing may import them eagerly.
    const eager = Object.values(result.metafile.outputs).flatMap((output) =>
      output.imports.filter((entry) => entry.kind !== 'dynamic-import').map((entry) => entry.path),
    );
    const forbidden = /^(node:)?(fs|fs\/promises|path|child_process|net|tls|os|worker_threads|readline)$/;
    expect(eager.filter((path) => forbidden.test(path))).toEqual([]);
  });
});
