/**
 * The load generator's process: runs autocannon (closed loop) on request from `load.ts` over
 * IPC, checking every response body, so that generating load does not share the event loop of
 * the server it measures.
 */
import autocannon from 'autocannon';
import { checkHello } from './baselines.js';
import { checkAnswer } from './check-answer.js';
import type { LoadReply, LoadRequest, LoadResult } from './load.js';

function verifierFor(request: LoadRequest): (body: string | Buffer | undefined) => boolean {
  const { check } = request;
  return (body) => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(String(body));
    } catch {
      return false;
    }
    return check.kind === 'hello'
      ? checkHello(parsed) === null
      : checkAnswer(parsed, { n: check.n, shape: check.shape }) === null;
  };
}

async function run(request: LoadRequest): Promise<LoadResult> {
  const result = await autocannon({
    url: request.url,
    method: 'POST',
    body: request.body,
    headers: request.headers,
    connections: request.connections,
    duration: request.seconds,
    verifyBody: verifierFor(request),
  });
  const verified = result['2xx'] - result.mismatches;
  return {
    responses: result['2xx'] + result.non2xx,
    verified,
    perSecond: verified / result.duration,
    seconds: result.duration,
    non2xx: result.non2xx,
    mismatches: result.mismatches,
    errors: result.errors,
    timeouts: result.timeouts,
    p50Ms: result.latency.p50,
  };
}

process.on('message', (message: LoadRequest) => {
  run(message).then(
    (result) => reply({ id: message.id, result }),
    (error: unknown) => reply({ id: message.id, error: String(error) }),
  );
});

function reply(message: LoadReply): void {
  process.send?.(message);
}

process.on('disconnect', () => process.exit(0));
