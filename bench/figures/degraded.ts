/**
 * F5, degraded service: after warming with short cache lifetimes, the upstream answers every
 * call with 429 (rate limited until a reset 15 minutes away) or 503, for the whole run. Warm page
 * loads then go on; the figure is the share answered (fresh or marked stale, no UNKNOWN), and the
 * upstream calls that arrive for an endpoint after its limiter (rate-limit budget or circuit
 * breaker) has opened, which should be none until its reset.
 */
import type { Fault, Sandbox } from '../../src/sandbox/index.js';
import { parseAccountId } from '../../src/upstream/account-id.js';
import type { Endpoint } from '../../src/upstream/types.js';
import { ask, assertAnswer } from '../ask.js';
import type { BenchContext } from '../bench-context.js';
import { benchAccountIds } from '../bench-personas.js';
import { accountsOf, checkAnswer } from '../check-answer.js';
import { startService, type ServiceUnderTest } from '../harness.js';
import {
  ADS_ENDPOINTS,
  adsCalls,
  describeCalls,
  needsOwnerRule,
  totalCalls,
  type CallCounts,
} from '../lower-bound.js';
import type { ResultRow } from '../report.js';
import { SHAPES, workload, type Workload } from '../workloads.js';

type FaultKind = '429' | '503';

const DEGRADED_N = 10;
const TTL_SECONDS = 1;
const SHORT_TTLS = {
  CACHE_TTL_ACCOUNTS_SECONDS: String(TTL_SECONDS),
  CACHE_TTL_ACCESS_SECONDS: String(TTL_SECONDS),
  CACHE_TTL_PROMOTABLE_USERS_SECONDS: String(TTL_SECONDS),
  CACHE_TTL_FEATURES_SECONDS: String(TTL_SECONDS),
};
const RESET_IN_MS = 15 * 60_000;

function faultFor(kind: FaultKind): Fault {
  return kind === '429'
    ? { endpoint: '*', rateLimited: { resetAt: new Date(Date.now() + RESET_IN_MS) } }
    : { endpoint: '*', status: 503 };
}

/** Measures F5 for both faults and both shapes at N = 10. */
export async function measureDegraded(context: BenchContext): Promise<ResultRow[]> {
  const rows: ResultRow[] = [];
  for (const kind of ['429', '503'] as const) {
    for (const shape of SHAPES) {
      const target = workload(DEGRADED_N, shape, 'stale');
      context.progress(`F5 ${kind} ${target.label}`);
      rows.push(await degradedRow(context, kind, target));
    }
  }
  return rows;
}

async function degradedRow(context: BenchContext, kind: FaultKind, target: Workload) {
  const sut = await startService(context.sandbox, SHORT_TTLS);
  try {
    assertAnswer(await ask(sut.app, target), target);
    const removeFault = context.sandbox.faults.add(faultFor(kind));
    try {
      await sleep(TTL_SECONDS * 1000 + 200);
      return toRow(kind, target, await pageLoads(context, sut, target));
    } finally {
      removeFault();
    }
  } finally {
    await sut.close();
  }
}

interface DegradedRun {
  readonly loads: number;
  readonly answered: number;
  readonly cells: number;
  readonly staleCells: number;
  /** Per endpoint: the page load after which its limiter was first seen open. */
  readonly openedAfterLoad: Partial<Record<Endpoint, number>>;
  readonly callsBeforeOpen: CallCounts;
  readonly callsAfterOpen: CallCounts;
}

async function pageLoads(
  context: BenchContext,
  sut: ServiceUnderTest,
  target: Workload,
): Promise<DegradedRun> {
  context.sandbox.calls.reset();
  const atOpen: Partial<Record<Endpoint, number>> = {};
  const openedAfterLoad: Partial<Record<Endpoint, number>> = {};
  const tally = { answered: 0, cells: 0, staleCells: 0 };
  const loads = context.settings.degradedPageLoads;
  for (let load = 1; load <= loads; load++) {
    countAnswer(await ask(sut.app, target), target, tally);
    await settle(context.sandbox);
    const counts = adsCalls(context.sandbox.calls.snapshot());
    for (const endpoint of ADS_ENDPOINTS) {
      if (atOpen[endpoint] !== undefined || !limiterOpen(context, sut, target, endpoint)) continue;
      atOpen[endpoint] = counts[endpoint];
      openedAfterLoad[endpoint] = load;
    }
  }
  const final = adsCalls(context.sandbox.calls.snapshot());
  return { loads, ...tally, openedAfterLoad, ...splitAtOpen(final, atOpen) };
}

function splitAtOpen(final: CallCounts, atOpen: Partial<Record<Endpoint, number>>) {
  const before = { ...final };
  const after = { ...final };
  for (const endpoint of ADS_ENDPOINTS) {
    const opened = atOpen[endpoint];
    before[endpoint] = opened ?? final[endpoint];
    after[endpoint] = opened === undefined ? 0 : final[endpoint] - opened;
  }
  return { callsBeforeOpen: before, callsAfterOpen: after };
}

function countAnswer(
  body: unknown,
  target: Workload,
  tally: { answered: number; cells: number; staleCells: number },
): void {
  if (checkAnswer(body, { n: target.n, shape: target.shape }) === null) tally.answered += 1;
  const accounts = accountsOf(body, target.shape);
  if (typeof accounts === 'string') return;
  for (const cell of accounts.flatMap((account) => account.capabilities)) {
    tally.cells += 1;
    if (cell.stale === true) tally.staleCells += 1;
  }
}

/**
 * True when the service will not call `endpoint` for this user: its circuit is open, or the
 * rate-limit budget is spent for every key of the workload on that endpoint.
 */
function limiterOpen(
  context: BenchContext,
  sut: ServiceUnderTest,
  target: Workload,
  endpoint: Endpoint,
): boolean {
  const { breaker, budget } = sut.services.upstream;
  if (breaker.state(endpoint) === 'open') return true;
  const token = context.sandbox.persona(target.persona).token;
  const accountIds = endpoint === 'accounts' ? [null] : keyedIds(target.n, endpoint);
  if (accountIds.length === 0) return false;
  return accountIds.every(
    (accountId) => budget.state({ token, endpoint, accountId }).kind === 'spent',
  );
}

function keyedIds(n: number, endpoint: Endpoint) {
  const ids = benchAccountIds(n).filter(
    (_, i) => endpoint !== 'promotable_users' || needsOwnerRule(i),
  );
  return endpoint === 'account' || endpoint === 'features' ? [] : ids.map(parseAccountId);
}

/** Waits until the sandbox has received no request for a while (retries and refreshes done). */
async function settle(sandbox: Sandbox, quietMs = 500, maxMs = 10_000): Promise<void> {
  const start = Date.now();
  let last = sandbox.calls.count();
  let since = Date.now();
  while (Date.now() - since < quietMs && Date.now() - start < maxMs) {
    await sleep(50);
    const now = sandbox.calls.count();
    if (now !== last) {
      last = now;
      since = Date.now();
    }
  }
}

function toRow(kind: FaultKind, target: Workload, run: DegradedRun): ResultRow {
  const after = totalCalls(run.callsAfterOpen);
  const share = (100 * run.answered) / run.loads;
  const stale = run.cells === 0 ? 0 : (100 * run.staleCells) / run.cells;
  const opened = Object.entries(run.openedAfterLoad)
    .map(([endpoint, load]) => `${endpoint} after load ${load}`)
    .join(', ');
  const notOpened = ADS_ENDPOINTS.filter(
    (endpoint) => run.openedAfterLoad[endpoint] === undefined && run.callsBeforeOpen[endpoint] > 0,
  ).map((endpoint) => `${endpoint} (${run.callsBeforeOpen[endpoint]} calls)`);
  return {
    figure: 'F5',
    workload: `${kind} ${target.label}`,
    value: `${share.toFixed(0)}% answered (${run.answered}/${run.loads}), ${stale.toFixed(0)}% cells stale; ${after} calls after open`,
    target: '100%; 0 calls after open',
    pass: run.answered === run.loads && after === 0,
    baseline: `before open: ${describeCalls(run.callsBeforeOpen)}; opened: ${opened || 'none'}; not opened: ${notOpened.join(', ') || 'none'}`,
    data: { ...run },
  };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
