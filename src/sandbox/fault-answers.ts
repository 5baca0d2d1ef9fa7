/**
 * The answers faults force: a 429 with reset headers, or a given status and raw body.
 */
import type { Answer } from './answer.js';
import { contentTypeOf, defaultErrorAnswer, withHeaders } from './answer.js';
import { tooManyRequests } from './ads-api-routes.js';
import { isAdsEndpoint } from './routes.js';
import type { SandboxRequest } from './sandbox-request.js';
import type { SandboxState } from './sandbox-state.js';
import type { Fault } from './types.js';

/**
 * Returns the answer the fault imposes instead of the route's, or null when the route should
 * answer (no fault, or one that only adds headers, delay, a slow body or a 2xx status).
 */
export function forcedAnswer(
  state: SandboxState,
  request: SandboxRequest,
  fault: Fault | undefined,
  token: string | null,
): Answer | null {
  if (!fault) return null;
  const identity = identityHeaders(state, token);
  if (fault.rateLimited) {
    const { endpoint, accountId } = request.route;
    const adsEndpoint = isAdsEndpoint(endpoint) ? endpoint : 'accounts';
    const headers = state.rateLimits.spentHeaders(
      adsEndpoint,
      accountId,
      fault.rateLimited.resetAt,
    );
    return withHeaders(tooManyRequests(), { ...identity, ...headers });
  }
  if (fault.status === undefined || (fault.status < 400 && fault.body === undefined)) return null;
  if (fault.body === undefined) return withHeaders(defaultErrorAnswer(fault.status), identity);
  return {
    status: fault.status,
    headers: { 'content-type': contentTypeOf(fault.body), ...identity },
    body: fault.body,
  };
}

/** `x-access-level` of the token's persona, when the token is known. */
function identityHeaders(state: SandboxState, token: string | null): Record<string, string> {
  const entry = token === null ? undefined : state.tokens.find(token);
  return entry ? { 'x-access-level': entry.accessLevel } : {};
}
