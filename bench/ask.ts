/**
 * Sending a workload's query and reading the answer: in-process through `app.fetch`, or over
 * loopback HTTP, and the cold variant that forgets the user's cached facts first and counts the
 * upstream calls the query made.
 */
import type { BenchContext } from './bench-context.js';
import { checkAnswer } from './check-answer.js';
import { adsCalls, type CallCounts } from './lower-bound.js';
import { timed } from './stats.js';
import { graphqlRequest, type Workload } from './workloads.js';

type Fetcher = { fetch(request: Request): Promise<Response> | Response };

/** Sends `target` to `app` in process; resolves to the parsed body. */
export async function ask(app: Fetcher, target: Workload): Promise<unknown> {
  const response = await app.fetch(graphqlRequest(target));
  return response.json();
}

/** Sends `target` over HTTP to `origin`; resolves to the parsed body. */
export async function askOverHttp(origin: string, target: Workload): Promise<unknown> {
  const response = await fetch(`${origin}/graphql`, {
    method: 'POST',
    headers: target.headers,
    body: target.body,
  });
  return response.json();
}

/** Throws when `body` is not a correct answer to `target`, naming the problem. */
export function assertAnswer(body: unknown, target: Workload): void {
  const problem = checkAnswer(body, { n: target.n, shape: target.shape });
  if (problem) throw new Error(`Wrong answer to ${target.label}: ${problem}.`);
}

export interface ColdAnswer {
  readonly body: unknown;
  /** null for a correct answer, else what is wrong with it (see checkAnswer). */
  readonly problem: string | null;
  readonly calls: CallCounts;
  readonly ms: number;
}

/** Forgets the user's facts, resets the sandbox counters, asks once in process and counts. */
export async function askCold(context: BenchContext, target: Workload): Promise<ColdAnswer> {
  context.sut.purge(target.persona);
  context.sandbox.calls.reset();
  let body: unknown;
  const ms = await timed(async () => {
    body = await ask(context.sut.app, target);
  });
  const problem = checkAnswer(body, { n: target.n, shape: target.shape });
  return { body, problem, calls: adsCalls(context.sandbox.calls.snapshot()), ms };
}
