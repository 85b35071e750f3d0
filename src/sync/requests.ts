/** What a sync run was asked to do, as stored on the run. */
import { z } from 'zod';
import { streams } from './records.ts';

export const runRequestSchema = z.object({
  streams: z.array(z.enum(streams)).min(1),
  mode: z.enum(['incremental', 'full', 'range', 'records']).default('incremental'),
  since: z.iso.datetime({ offset: true }).optional(),
  until: z.iso.datetime({ offset: true }).optional(),
  ids: z.array(z.string().min(1).max(200)).max(250).optional(),
});

export type RunRequest = z.infer<typeof runRequestSchema>;
