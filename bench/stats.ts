/** Timing helpers for benchmarks: run a function many times, report median and p95 in milliseconds. */

export interface Timing {
  median: number;
  p95: number;
  runs: number;
}

function percentile(sorted: readonly number[], fraction: number): number {
  const index = Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1);
  return sorted[Math.max(0, index)] as number;
}

export async function time(fn: () => Promise<unknown>, runs: number, warmup = 3): Promise<Timing> {
  for (let index = 0; index < warmup; index++) await fn();
  const samples: number[] = [];
  for (let index = 0; index < runs; index++) {
    const start = performance.now();
    await fn();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  return { median: percentile(samples, 0.5), p95: percentile(samples, 0.95), runs };
}

export const ms = (value: number) => `${value.toFixed(1)} ms`;
