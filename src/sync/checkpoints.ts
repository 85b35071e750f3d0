/**
 * The checkpoint per (connection, stream): the run that wrote it, where to resume, and the watermark
 * for the next incremental run. Written in the same transaction as the batch it follows, so a worker
 * killed at any moment resumes exactly after the last batch that landed.
 */
import { and, eq } from 'drizzle-orm';
import type { Orm } from '../../db/database.ts';
import { syncCheckpoints } from '../../db/schema/index.ts';
import type { Stream } from './records.ts';

export interface Checkpoint {
  runId: string | null;
  position: string | null;
  /** ISO instant: the next incremental run asks for records changed since then. */
  watermark: string | null;
  done: boolean;
}

const empty: Checkpoint = { runId: null, position: null, watermark: null, done: true };

export async function readCheckpoint(
  executor: Orm,
  connectionId: string,
  stream: Stream,
): Promise<Checkpoint> {
  const [row] = await executor
    .select({ cursor: syncCheckpoints.cursor })
    .from(syncCheckpoints)
    .where(and(eq(syncCheckpoints.connectionId, connectionId), eq(syncCheckpoints.stream, stream)));
  return { ...empty, ...((row?.cursor as Partial<Checkpoint> | null) ?? {}) };
}

export async function writeCheckpoint(
  executor: Orm,
  tenantId: string,
  connectionId: string,
  stream: Stream,
  checkpoint: Checkpoint,
): Promise<void> {
  await executor
    .insert(syncCheckpoints)
    .values({ tenantId, connectionId, stream, cursor: checkpoint })
    .onConflictDoUpdate({
      target: [syncCheckpoints.connectionId, syncCheckpoints.stream],
      set: { cursor: checkpoint, updatedAt: new Date() },
    });
}
