/**
 * The run's knobs, read once from the environment: `BENCH_QUICK=1` for a reduced run that checks
 * the harness in under a minute, `BENCH_LATENCY_MS` for the sandbox's injected round trip.
 */

export interface BenchSettings {
  readonly quick: boolean;
  /** Injected upstream latency: base ± jitter, uniform. */
  readonly latency: { readonly baseMs: number; readonly jitterMs: number };
  /** Account counts for the call-count figures (F1, F1c, F1w) and F4. */
  readonly sizes: readonly number[];
  /** Account counts for the critical path (F2): the target is stated for N ≤ 200. */
  readonly criticalPathSizes: readonly number[];
  /** Account counts for warm throughput under load (F3). */
  readonly throughputSizes: readonly number[];
  /** Interleaved A/B rounds behind the in-process timing figures (F2, F4). */
  readonly rounds: number;
  /** Interleaved A/B rounds of autocannon runs (F3). */
  readonly loadRounds: number;
  /** Cold queries (and B1 calls) per side per round in F2. */
  readonly coldSamples: number;
  /** In-process requests per side per round in F4, by N (fewer for big answers). */
  readonly latencySamples: (n: number) => number;
  /** Seconds of each autocannon run by N (longer for big answers, so enough of them finish). */
  readonly loadSeconds: (n: number) => number;
  /** Seconds of the unmeasured autocannon run on each side before F3's rounds. */
  readonly warmupSeconds: number;
  /** Concurrent connections of each autocannon run. */
  readonly loadConnections: number;
  /** Warm page loads while the upstream fails (F5). */
  readonly degradedPageLoads: number;
  /** Users filled into the cache for F6 (20 accounts each). */
  readonly memoryUsers: number;
}

export const ALL_SIZES = [1, 10, 50, 200, 1000] as const;
const QUICK_SIZES = [1, 10] as const;

/** Returns the settings for `env`; throws a RangeError naming a bad BENCH_LATENCY_MS. */
export function readSettings(env: NodeJS.ProcessEnv): BenchSettings {
  const quick = env['BENCH_QUICK'] === '1';
  const baseMs = latencyMs(env['BENCH_LATENCY_MS']);
  const sizes = quick ? QUICK_SIZES : ALL_SIZES;
  return {
    quick,
    latency: { baseMs, jitterMs: Math.round(baseMs / 10) },
    sizes,
    criticalPathSizes: sizes.filter((n) => n <= 200),
    throughputSizes: sizes,
    rounds: quick ? 2 : 5,
    loadRounds: quick ? 1 : 3,
    coldSamples: quick ? 2 : 3,
    latencySamples: (n) => (quick ? 5 : n >= 1000 ? 6 : n >= 200 ? 12 : 30),
    loadSeconds: (n) => (quick ? 1 : n >= 1000 ? 5 : 2),
    warmupSeconds: quick ? 0.5 : 1,
    loadConnections: 4,
    degradedPageLoads: quick ? 4 : 10,
    memoryUsers: quick ? 1000 : 10_000,
  };
}

function latencyMs(raw: string | undefined): number {
  if (raw === undefined || raw.trim() === '') return 50;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0 || value > 10_000) {
    throw new RangeError(
      `BENCH_LATENCY_MS must be a whole number of ms from 0 to 10000, got "${raw}".`,
    );
  }
  return value;
}
