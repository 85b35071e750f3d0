/**
 * A worker process that runs one sync run and prints a line after every batch that landed; the
 * kill test sends it SIGKILL in the middle. Arguments: <database: folder or postgres URL> <run id>.
 */
import { openPglite } from '../../../db/pglite.node.ts';
import { openPostgres } from '../../../db/postgres.ts';
import { createLogger } from '../../../src/core/logger.ts';
import { systemClock } from '../../../src/core/time.ts';
import { createVault } from '../../../src/core/vault.ts';
import { executeSyncRun } from '../../../src/sync/run.ts';

const [database, runId] = process.argv.slice(2);
if (!database || !runId) throw new Error('usage: sync-child <database> <run id>');
const db = database.startsWith('postgres') ? openPostgres(database) : await openPglite(database);
const deps = {
  db,
  vault: await createVault([process.env.KIUNGO_MASTER_KEY ?? '']),
  clock: systemClock,
  logger: createLogger('error', () => {}),
};
await executeSyncRun(deps, runId, {
  onProgress(counts) {
    process.stdout.write(`batch ${counts.seen}\n`);
  },
});
process.stdout.write('finished\n');
await db.close();
