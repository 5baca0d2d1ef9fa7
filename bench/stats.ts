/**
 * Small statistics for noisy timings: percentiles of samples, and the median [min–max] of a
 * figure over repeated interleaved rounds.
 */

export interface Spread {
  readonly median: number;
  readonly min: number;
  readonly max: number;
  readonly samples: readonly number[];
}

/** The p-th percentile (0–100) of `values` by linear interpolation; throws on an empty list. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) throw new RangeError('percentile of no samples');
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (p / 100) * (sorted.length - 1);
  const low = Math.floor(rank);
  const high = Math.ceil(rank);
  const lowValue = sorted[low] ?? 0;
  const highValue = sorted[high] ?? lowValue;
  return lowValue + (highValue - lowValue) * (rank - low);
}

export function median(values: readonly number[]): number {
  return percentile(values, 50);
}

/** Median, min and max of `values`; throws on an empty list. */
export function spread(values: readonly number[]): Spread {
  return {
    median: median(values),
    min: Math.min(...values),
    max: Math.max(...values),
    samples: [...values],
  };
}

/** "1.02 [0.98–1.10]" with `digits` decimals. */
export function formatSpread(value: Spread, digits = 2): string {
  const f = (x: number) => x.toFixed(digits);
  return `${f(value.median)} [${f(value.min)}–${f(value.max)}]`;
}

/** Milliseconds with a precision that suits their size: 0.42, 5.3, 51. */
export function formatMs(ms: number): string {
  if (ms < 1) return `${ms.toFixed(2)} ms`;
  if (ms < 10) return `${ms.toFixed(1)} ms`;
  return `${Math.round(ms)} ms`;
}

/** Requests per second, rounded to what the noise allows. */
export function formatRate(perSecond: number): string {
  return perSecond >= 100 ? `${Math.round(perSecond)} req/s` : `${perSecond.toFixed(1)} req/s`;
}

/** Runs `fn` and returns how long it took, in milliseconds. */
export async function timed(fn: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}
