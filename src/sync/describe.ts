/** Sync runs in plain words, for chat notes, the CLI and the logs. */
import type { PipelineCounts } from './pipeline/scope.ts';

const number = (value: number) => value.toLocaleString('en-US');

export function describeCounts(counts: PipelineCounts): string {
  const parts = [
    counts.created ? `${number(counts.created)} new` : '',
    counts.updated ? `${number(counts.updated)} updated` : '',
    counts.unchanged ? `${number(counts.unchanged)} unchanged` : '',
    counts.deleted ? `${number(counts.deleted)} deleted there` : '',
    counts.reviews ? `${number(counts.reviews)} waiting for your review` : '',
    counts.failed ? `${number(counts.failed)} not saved` : '',
  ].filter(Boolean);
  return parts.length > 0 ? parts.join(', ') : 'nothing new';
}

export function describeProgress(
  system: string,
  stream: string,
  counts: PipelineCounts & { total?: number },
): string {
  const done = number(counts.seen);
  return counts.total
    ? `${system}: ${done} of ${number(counts.total)} ${stream} so far…`
    : `${system}: ${done} records so far (now ${stream})…`;
}

export function describeRun(system: string, status: string, counts: PipelineCounts): string {
  if (status === 'failed') return `The ${system} sync stopped after ${number(counts.seen)} records.`;
  return `The ${system} sync finished: ${describeCounts(counts)}.`;
}
