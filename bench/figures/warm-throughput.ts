/**
 * F3, warm throughput: verified requests per second of the warm query over loopback HTTP under
 * autocannon (closed loop, a few connections) ÷ the same on B3. Every response is checked for
 * shape and for the absence of errors; a run with any bad response fails the row.
 */
import type { BaselineServer, BenchContext } from '../bench-context.js';
import { interleave } from '../interleave.js';
import type { LoadCheck, LoadResult } from '../load.js';
import type { ResultRow } from '../report.js';
import { formatRate, formatSpread, median, spread } from '../stats.js';
import type { Workload } from '../workloads.js';

const TARGET = 0.85;

/** Measures F3 for `target`; the user's cache must be warm and B3 prepared. */
export async function measureWarmThroughput(
  context: BenchContext,
  target: Workload,
): Promise<ResultRow> {
  const check: LoadCheck = { kind: 'matrix', n: target.n, shape: target.shape };
  const seconds = context.settings.loadSeconds(target.n);
  const run = (server: BaselineServer) => loadRun(context, server.origin, target, check, seconds);
  const service: BaselineServer = { app: context.sut.app, origin: context.sut.origin };
  // Unmeasured first runs: JIT, sockets and the load child settle before the rounds.
  await loadRun(context, service.origin, target, check, context.settings.warmupSeconds);
  await loadRun(context, context.memory.origin, target, check, context.settings.warmupSeconds);
  const pairs = await interleave(
    context.settings.loadRounds,
    () => run(service),
    () => run(context.memory),
  );
  const ratios = spread(pairs.map(({ a, b }) => a.perSecond / b.perSecond));
  const runs = pairs.flatMap(({ a, b }) => [a, b]);
  const bad = runs.reduce((sum, r) => sum + (r.responses - r.verified) + r.errors, 0);
  const checked = runs.reduce((sum, r) => sum + r.responses, 0);
  const serviceRate = median(pairs.map(({ a }) => a.perSecond));
  const b3Rate = median(pairs.map(({ b }) => b.perSecond));
  return {
    figure: 'F3',
    workload: target.label,
    value: formatSpread(ratios),
    target: `≥ ${TARGET}`,
    pass: ratios.median >= TARGET && bad === 0,
    baseline: `warm ${formatRate(serviceRate)}; B3 ${formatRate(b3Rate)}; ${checked} responses checked, ${bad} bad`,
    data: { ratios, serviceRate, b3Rate, checked, bad, runs },
  };
}

/** One autocannon run against `origin` with the workload's request, `seconds` long. */
export function loadRun(
  context: BenchContext,
  origin: string,
  target: Pick<Workload, 'body' | 'headers'>,
  check: LoadCheck,
  seconds: number,
): Promise<LoadResult> {
  return context.load.run({
    url: `${origin}/graphql`,
    body: target.body,
    headers: target.headers,
    seconds,
    connections: context.settings.loadConnections,
    check,
  });
}
