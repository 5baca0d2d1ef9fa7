/**
 * F1, F1c, F1w and the rate-limit budget: upstream calls counted by the sandbox, exact.
 * - F1: one cold query ÷ the lower bound (per endpoint, then in total);
 * - F1c: 50 identical cold queries at once ÷ one query's lower bound;
 * - F1w: the same query again while the facts are fresh: no call;
 * - page loads per 15-minute budget: 2000 ÷ calls per cold page load (N = 10 and 50, ids given).
 */
import { ask, askCold } from '../ask.js';
import type { BenchContext } from '../bench-context.js';
import { benchPermissions } from '../bench-personas.js';
import { accountsOf, checkAnswer } from '../check-answer.js';
import {
  ADS_ENDPOINTS,
  adsCalls,
  describeCalls,
  lowerBound,
  totalCalls,
  type CallCounts,
} from '../lower-bound.js';
import { startService, type ServiceUnderTest } from '../harness.js';
import type { ResultRow } from '../report.js';
import type { Endpoint } from '../../src/upstream/types.js';
import { workloads, type Workload } from '../workloads.js';

/** Identical queries sent at once for F1c. */
const CONCURRENT_QUERIES = 50;
/** X's allowance for account reads: calls per 15-minute window. */
const BUDGET_CALLS = 2000;
const BUDGET_SIZES = [10, 50];

/** Measures F1, F1w and F1c for every size and shape, then the budget rows. */
export async function measureUpstreamCalls(context: BenchContext): Promise<ResultRow[]> {
  const rows: ResultRow[] = [];
  const budget: ResultRow[] = [];
  for (const target of workloads(context.settings.sizes)) {
    context.progress(`F1 ${target.label}`);
    const cold = await coldRow(context, target);
    rows.push(cold.row, await warmRow(context, target), await concurrentRow(context, target));
    if (target.shape === 'ids' && BUDGET_SIZES.includes(target.n)) {
      budget.push(budgetRow(target, cold.calls));
    }
  }
  return [...rows, ...budget];
}

async function coldRow(context: BenchContext, target: Workload) {
  const { body, problem, calls } = await askCold(context, target);
  if (problem === null) checkPermissions(body, target);
  const bound = lowerBound(target.n, target.shape);
  const row: ResultRow = {
    figure: 'F1',
    workload: target.label,
    value: ratio(totalCalls(calls), totalCalls(bound)),
    target: '= 1.00',
    pass: problem === null && sameCounts(calls, bound),
    baseline: `calls ${describeCalls(calls)}; bound ${describeCalls(bound)}${wrong(problem)}`,
    data: { calls, bound, problem },
  };
  return { row, calls };
}

async function warmRow(context: BenchContext, target: Workload): Promise<ResultRow> {
  context.sandbox.calls.reset();
  const problem = checkAnswer(await ask(context.sut.app, target), target);
  const calls = adsCalls(context.sandbox.calls.snapshot());
  return {
    figure: 'F1w',
    workload: target.label,
    value: `${totalCalls(calls)} calls`,
    target: '0',
    pass: problem === null && totalCalls(calls) === 0,
    baseline: `calls ${describeCalls(calls)}${wrong(problem)}`,
    data: { calls, problem },
  };
}

/**
 * F1c runs on a service of its own: under this much load, failed reads can open the shared
 * circuit breaker, and that must not leak into the figures measured after it. The breaker's
 * state after the run is part of the row.
 */
async function concurrentRow(context: BenchContext, target: Workload): Promise<ResultRow> {
  const sut = await startService(context.sandbox);
  try {
    context.sandbox.calls.reset();
    const bodies = await Promise.all(
      Array.from({ length: CONCURRENT_QUERIES }, () => ask(sut.app, target)),
    );
    const problems = bodies.flatMap((body) => checkAnswer(body, target) ?? []);
    const calls = adsCalls(context.sandbox.calls.snapshot());
    return concurrentResult(target, calls, problems, openCircuits(sut));
  } finally {
    await sut.close();
  }
}

function concurrentResult(
  target: Workload,
  calls: CallCounts,
  problems: readonly string[],
  open: readonly Endpoint[],
): ResultRow {
  const bound = lowerBound(target.n, target.shape);
  const bad =
    problems.length > 0
      ? `; ${problems.length} of ${CONCURRENT_QUERIES} answers wrong, first: ${problems[0] ?? ''}`
      : '';
  const circuits = open.length > 0 ? `; circuit open after: ${open.join(', ')}` : '';
  return {
    figure: 'F1c',
    workload: target.label,
    value: ratio(totalCalls(calls), totalCalls(bound)),
    target: '= 1.00',
    pass: problems.length === 0 && sameCounts(calls, bound),
    baseline: `${CONCURRENT_QUERIES} queries: calls ${describeCalls(calls)}${bad}${circuits}`,
    data: { queries: CONCURRENT_QUERIES, calls, bound, wrongAnswers: problems.length, open },
  };
}

function openCircuits(sut: ServiceUnderTest): Endpoint[] {
  return ADS_ENDPOINTS.filter(
    (endpoint) => sut.services.upstream.breaker.state(endpoint) !== 'closed',
  );
}

/** "; wrong answer: …" when there is a problem, else nothing. */
function wrong(problem: string | null): string {
  return problem === null ? '' : `; wrong answer: ${problem}`;
}

function budgetRow(target: Workload, calls: CallCounts): ResultRow {
  const perLoad = totalCalls(calls);
  const atBound = totalCalls(lowerBound(target.n, target.shape));
  return {
    figure: 'budget',
    workload: target.label,
    value: `${Math.floor(BUDGET_CALLS / perLoad)} page loads`,
    target: '—',
    pass: null,
    baseline: `${BUDGET_CALLS} ÷ ${perLoad} calls per cold page load (at the bound: ${Math.floor(BUDGET_CALLS / atBound)}); warm loads cost 0`,
    data: { budgetCalls: BUDGET_CALLS, callsPerColdLoad: perLoad, boundPerColdLoad: atBound },
  };
}

/**
 * Throws when the permissions in the answer differ from the bench personas' rule: the lower
 * bound is computed from that rule, so a difference would make F1 meaningless.
 */
function checkPermissions(body: unknown, target: Workload): void {
  const accounts = accountsOf(body, target.shape);
  if (typeof accounts === 'string') throw new Error(`${target.label}: ${accounts}.`);
  for (const account of accounts) {
    const index = Number(account.id.slice(-4));
    const expected = benchPermissions(index).join(',');
    const actual = account.access?.permissions.join(',');
    if (actual !== expected) {
      throw new Error(
        `${target.label}: account ${account.id} has permissions ${actual}, the bench rule says ${expected}.`,
      );
    }
  }
}

function sameCounts(a: CallCounts, b: CallCounts): boolean {
  return (Object.keys(a) as Array<keyof CallCounts>).every(
    (endpoint) => a[endpoint] === b[endpoint],
  );
}

function ratio(calls: number, bound: number): string {
  return bound === 0 ? `${calls} / 0` : (calls / bound).toFixed(2);
}
