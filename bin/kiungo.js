#!/usr/bin/env node
// The `kiungo` command. Node 22.18+ runs the TypeScript sources directly (type stripping).
import { main } from '../src/runtime/cli/main.ts';

const result = await main(process.argv.slice(2));
if (result !== 'serving') {
  process.exitCode = result;
  // Flush what was written, then leave even if a driver keeps a handle open.
  process.stdout.write('', () => process.exit(result));
}
