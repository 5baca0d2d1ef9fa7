/**
 * F4, warm latency: the in-process p50 of the warm query through `app.fetch` (body read to the
 * end) ÷ the p50 of the same query on B3. Interleaved rounds; median [min–max] of the ratios.
 */
import { assertAnswer } from '../ask.js';
import type { BaselineServer, BenchContext } from '../bench-context.js';
import { interleave } from '../interleave.js';
import type { ResultRow } from '../report.js';
import { formatMs, formatSpread, median, spread, timed } from '../stats.js';
import { graphqlRequest, type Workload } from '../workloads.js';

const TARGET = 1.25;

/** Measures F4 for `target`; the user's cache must be warm and B3 prepared. */
export async function measureWarmLatency(
  context: BenchContext,
  target: Workload,
): Promise<ResultRow> {
  const samples = context.settings.latencySamples(target.n);
  const service = context.sut;
  await p50(service, target, 2);
  await p50(context.memory, target, 2);
  const pairs = await interleave(
    context.settings.rounds,
    () => p50(service, target, samples),
    () => p50(context.memory, target, samples),
  );
  const ratios = spread(pairs.map(({ a, b }) => a / b));
  const serviceMs = median(pairs.map(({ a }) => a));
  const b3Ms = median(pairs.map(({ b }) => b));
  return {
    figure: 'F4',
    workload: target.label,
    value: formatSpread(ratios),
    target: `≤ ${TARGET}`,
    pass: ratios.median <= TARGET,
    baseline: `warm p50 ${formatMs(serviceMs)}; B3 p50 ${formatMs(b3Ms)}`,
    data: { ratios, serviceP50Ms: serviceMs, b3P50Ms: b3Ms, samplesPerRound: samples },
  };
}

/** The p50 of `count` sequential in-process requests; the last answer is checked. */
export async function p50(
  server: Pick<BaselineServer, 'app'>,
  target: Workload,
  count: number,
): Promise<number> {
  const times: number[] = [];
  let text = '';
  for (let i = 0; i < count; i++) {
    times.push(
      await timed(async () => {
        const response = await server.app.fetch(graphqlRequest(target));
        text = await response.text();
      }),
    );
  }
  assertAnswer(JSON.parse(text), target);
  return median(times);
}
