/**
 * The warm figures, per N: warm the cache and prepare B3, then F4 and F3 for both shapes, B0
 * beside the smallest workload, and the upstream calls the whole warm section made (F1w under
 * load: none, since every fact is fresh).
 */
import type { BenchContext } from '../bench-context.js';
import { adsCalls, describeCalls, totalCalls } from '../lower-bound.js';
import type { ResultRow } from '../report.js';
import { SHAPES, workload } from '../workloads.js';
import { measureHello } from './hello-baseline.js';
import { measureWarmLatency } from './warm-latency.js';
import { prepareWarm } from './warm-setup.js';
import { measureWarmThroughput } from './warm-throughput.js';

/** Measures F3 and F4 for every throughput size, both shapes, and B0. */
export async function measureWarm(context: BenchContext): Promise<ResultRow[]> {
  const rows: ResultRow[] = [];
  const sizes = context.settings.throughputSizes;
  for (const n of sizes) {
    await prepareWarm(context, n);
    context.sandbox.calls.reset();
    for (const shape of SHAPES) {
      const target = workload(n, shape);
      context.progress(`F4/F3 ${target.label}`);
      rows.push(await measureWarmLatency(context, target));
      rows.push(await measureWarmThroughput(context, target));
    }
    if (n === sizes[0]) rows.push(await measureHello(context, workload(n, 'ids')));
    rows.push(warmCallsRow(context, n));
  }
  return rows;
}

function warmCallsRow(context: BenchContext, n: number): ResultRow {
  const calls = adsCalls(context.sandbox.calls.snapshot());
  return {
    figure: 'F1w',
    workload: `N=${n}, during F3/F4`,
    value: `${totalCalls(calls)} calls`,
    target: '0',
    pass: totalCalls(calls) === 0,
    baseline: `calls ${describeCalls(calls)}`,
    data: { calls },
  };
}
