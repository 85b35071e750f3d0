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
      platform: 'neutral',
      conditions: ['workerd', 'worker', 'browser'],
      mainFields: ['module', 'main'],
      // What workerd provides with nodejs_compat, and its own modules.
      external: [
        'cloudflare:*',
        'node:buffer',
        'node:stream',
        'node:events',
        'node:async_hooks',
        'node:crypto',
      ],
      logLevel: 'silent',
    });
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs.some((input) => input.includes('src/tools/catalogue.ts'))).toBe(true);
    const nodeOnly = inputs.filter((input) =>
      /src\/runtime\/(node|cli)\/|\.node\.ts$|@electric-sql\/pglite|@hono\/node-server/.test(input),
    );
    expect(nodeOnly).toEqual([]);
    const imports = Object.values(result.metafile.outputs).flatMap((output) =>
      output.imports.map((entry) => entry.path),
    );
    expect(imports.filter((path) => /^(node:)?(fs|path|child_process|net|tls|os)$/.test(path))).toEqual([]);
  });
});
