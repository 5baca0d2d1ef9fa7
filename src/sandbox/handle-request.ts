/**
 * The sandbox's request listener: read → count → fault → route → latency → write. Any request,
 * whatever its outcome, is counted under its endpoint before anything else happens.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { answerAdsApi } from './ads-api-routes.js';
import type { Answer } from './answer.js';
import { defaultErrorAnswer, withHeaders, xError } from './answer.js';
import { claimedToken } from './authorization-header.js';
import { forcedAnswer } from './fault-answers.js';
import { answerOAuth } from './oauth-routes.js';
import { isAdsEndpoint } from './routes.js';
import type { SandboxRequest } from './sandbox-request.js';
import { BodyTooLargeError, readSandboxRequest } from './sandbox-request.js';
import type { SandboxState } from './sandbox-state.js';
import type { Fault } from './types.js';
import { pause, writeAnswer } from './write-answer.js';

/** Returns the listener for `http.createServer`. It never throws or rejects. */
export function createRequestHandler(state: SandboxState) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    handle(state, req, res).catch(() => {
      // A failure here is the sandbox's own bug; answer 500 without details if still possible.
      if (!res.headersSent && !res.destroyed) {
        const answer = defaultErrorAnswer(500);
        res.writeHead(answer.status, answer.headers).end(answer.body);
      } else {
        res.destroy();
      }
    });
  };
}

async function handle(state: SandboxState, req: IncomingMessage, res: ServerResponse) {
  let request: SandboxRequest;
  try {
    request = await readSandboxRequest(req, state.version);
  } catch (error) {
    if (!(error instanceof BodyTooLargeError)) throw error;
    const tooLarge = xError(413, { code: 'REQUEST_ENTITY_TOO_LARGE', message: error.message });
    return writeAnswer(res, withHeaders(tooLarge, { connection: 'close' }), {
      closing: state.closing,
    });
  }

  const { endpoint, accountId } = request.route;
  state.calls.record(endpoint, accountId);
  const token =
    claimedToken(request.authorization) ??
    (state.checkSignatures ? null : state.world.defaultPersona.token);
  const fault = state.faults.take({ endpoint, accountId, token });
  if (fault?.reset) return void req.socket.resetAndDestroy();
  // A hanging request is ended by the client going away or by close(), which drops every socket.
  if (fault?.hang) return;

  const answer = withHeaders(routeWithFault(state, request, fault, token), fault?.headers ?? {});
  const delayMs = latencyMs(state) + (fault?.delayMs ?? 0);
  if (!(await pause(delayMs, state.closing))) {
    res.destroy();
    return;
  }
  await writeAnswer(res, answer, { slowBody: fault?.slowBody, closing: state.closing });
}

function routeWithFault(
  state: SandboxState,
  request: SandboxRequest,
  fault: Fault | undefined,
  token: string | null,
) {
  const forced = forcedAnswer(state, request, fault, token);
  if (forced) return forced;
  const answer = route(state, request);
  return fault?.status === undefined ? answer : { ...answer, status: fault.status };
}

function route(state: SandboxState, request: SandboxRequest): Answer {
  const { endpoint, methods } = request.route;
  if (endpoint === 'unknown') {
    return xError(404, {
      code: 'ROUTE_NOT_FOUND',
      message: 'The requested resource could not be found',
    });
  }
  if (!methods.includes(request.method)) {
    const answer = xError(405, {
      code: 'METHOD_NOT_ALLOWED',
      message: `${request.method} is not allowed here`,
    });
    return withHeaders(answer, { allow: methods.join(', ') });
  }
  return isAdsEndpoint(endpoint)
    ? answerAdsApi(state, request, endpoint)
    : answerOAuth(state, request, endpoint);
}

/** Base latency plus uniform jitter in [-jitterMs, +jitterMs], never below zero. */
function latencyMs(state: SandboxState): number {
  const { baseMs, jitterMs } = state.latency;
  if (baseMs <= 0 && jitterMs <= 0) return 0;
  return Math.max(0, baseMs + (Math.random() * 2 - 1) * jitterMs);
}
