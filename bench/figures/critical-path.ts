/**
 * F2, the critical path: the p50 latency of one cold query (over loopback HTTP, the user's cache
 * purged before each) ÷ the p50 of B1, one direct signed call to the sandbox. Interleaved rounds
 * of a few samples each; the figure is the median [min–max] of the per-round ratios.
 */
import { askOverHttp, assertAnswer } from '../ask.js';
import { createDirectCall, timeDirectCall } from '../baselines.js';
import type { BenchContext } from '../bench-context.js';
import { benchAccountId, personaKey } from '../bench-personas.js';
import { interleave } from '../interleave.js';
import type { ResultRow } from '../report.js';
import { formatMs, formatSpread, median, spread, timed } from '../stats.js';
import { SHAPES, workload, type Shape, type Workload } from '../workloads.js';

/** Targets from benchmark.md: about 1 R when ids are given, about 2 R when listing first. */
const TARGETS: Readonly<Record<Shape, number>> = { ids: 1.2, list: 2.2 };

/** Measures F2 for every size ≤ 200 and both shapes, then a B1 row with all its samples. */
export async function measureCriticalPath(context: BenchContext): Promise<ResultRow[]> {
  const direct = createDirectCall(context.sandbox, personaKey(1), benchAccountId(1, 0));
  await timeDirectCall(direct);
  const rows: ResultRow[] = [];
  const b1Medians: number[] = [];
  for (const n of context.settings.criticalPathSizes) {
    for (const shape of SHAPES) {
      const target = workload(n, shape);
      context.progress(`F2 ${target.label}`);
      const measured = await criticalPathRow(context, target, direct);
      rows.push(measured.row);
      b1Medians.push(...measured.b1);
    }
  }
  return [...rows, b1Row(b1Medians)];
}

async function criticalPathRow(
  context: BenchContext,
  target: Workload,
  direct: () => Promise<void>,
): Promise<{ row: ResultRow; b1: number[] }> {
  const { rounds, coldSamples } = context.settings;
  await coldQuery(context, target);
  const pairs = await interleave(
    rounds,
    async () => median(await repeat(coldSamples, () => coldQuery(context, target))),
    async () => median(await repeat(coldSamples, () => timeDirectCall(direct))),
  );
  const ratios = spread(pairs.map(({ a, b }) => a / b));
  const service = median(pairs.map(({ a }) => a));
  const b1 = median(pairs.map(({ b }) => b));
  const limit = TARGETS[target.shape];
  const row: ResultRow = {
    figure: 'F2',
    workload: target.label,
    value: formatSpread(ratios),
    target: `≤ ${limit}`,
    pass: ratios.median <= limit,
    baseline: `cold p50 ${formatMs(service)}; B1 p50 ${formatMs(b1)}`,
    data: { ratios, serviceP50Ms: service, b1P50Ms: b1 },
  };
  return { row, b1: pairs.map(({ b }) => b) };
}

/** One cold query over HTTP: purge, time the round trip, check the answer. */
async function coldQuery(context: BenchContext, target: Workload): Promise<number> {
  context.sut.purge(target.persona);
  let body: unknown;
  const ms = await timed(async () => {
    body = await askOverHttp(context.sut.origin, target);
  });
  assertAnswer(body, target);
  return ms;
}

async function repeat(times: number, sample: () => Promise<number>): Promise<number[]> {
  const values: number[] = [];
  for (let i = 0; i < times; i++) values.push(await sample());
  return values;
}

function b1Row(perRound: readonly number[]): ResultRow {
  const all = spread(perRound);
  return {
    figure: 'B1',
    workload: 'one signed call',
    value: `${formatSpread(all, 1)} ms`,
    target: '—',
    pass: null,
    baseline: 'p50 per round, over every F2 round',
    data: { p50PerRoundMs: all },
  };
}
