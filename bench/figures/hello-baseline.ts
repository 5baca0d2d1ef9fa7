/**
 * B0, the bare graphql-yoga hello world, interleaved with the warm service on the smallest
 * workload: requests per second under the same autocannon settings, and in-process p50.
 */
import { checkHello, HELLO_BODY } from '../baselines.js';
import type { BenchContext } from '../bench-context.js';
import { interleave } from '../interleave.js';
import type { ResultRow } from '../report.js';
import { formatMs, formatRate, median, timed } from '../stats.js';
import type { Workload } from '../workloads.js';
import { p50 } from './warm-latency.js';
import { loadRun } from './warm-throughput.js';

const HELLO_HEADERS = { 'content-type': 'application/json' };

/** Measures B0 beside `target` (warm). */
export async function measureHello(context: BenchContext, target: Workload): Promise<ResultRow> {
  const samples = context.settings.latencySamples(1);
  const latency = await interleave(
    context.settings.rounds,
    () => helloP50(context, samples),
    () => p50(context.sut, target, samples),
  );
  const check = { kind: 'matrix', n: target.n, shape: target.shape } as const;
  const seconds = context.settings.loadSeconds(target.n);
  const hello = { body: HELLO_BODY, headers: HELLO_HEADERS };
  const load = await interleave(
    context.settings.loadRounds,
    () => loadRun(context, context.hello.origin, hello, { kind: 'hello' }, seconds),
    () => loadRun(context, context.sut.origin, target, check, seconds),
  );
  const helloRate = median(load.map(({ a }) => a.perSecond));
  const helloMs = median(latency.map(({ a }) => a));
  return {
    figure: 'B0',
    workload: 'yoga hello world',
    value: `${formatRate(helloRate)}; p50 ${formatMs(helloMs)}`,
    target: '—',
    pass: null,
    baseline: `warm ${target.label}: ${formatRate(median(load.map(({ b }) => b.perSecond)))}; p50 ${formatMs(median(latency.map(({ b }) => b)))}`,
    data: { helloRate, helloP50Ms: helloMs, load, latency },
  };
}

async function helloP50(context: BenchContext, count: number): Promise<number> {
  const times: number[] = [];
  let text = '';
  for (let i = 0; i < count; i++) {
    times.push(
      await timed(async () => {
        const request = new Request('http://localhost/graphql', {
          method: 'POST',
          headers: HELLO_HEADERS,
          body: HELLO_BODY,
        });
        const response = await context.hello.app.fetch(request);
        text = await response.text();
      }),
    );
  }
  const problem = checkHello(JSON.parse(text));
  if (problem) throw new Error(`B0: ${problem}.`);
  return median(times);
}
