/**
 * The Ads API side of the sandbox: authenticate, spend the rate limit, run the route. Every
 * answer to an authenticated token carries `x-access-level` and the rate-limit headers.
 */
import type { Endpoint } from '../upstream/types.js';
import { authenticatedUserAccess, features, promotableUsers } from './account-detail-routes.js';
import { getAccount, listAccounts } from './accounts-routes.js';
import type { AdsRoute } from './ads-route-context.js';
import type { Answer } from './answer.js';
import { ParameterError, unauthorized, withHeaders, xError } from './answer.js';
import { authenticateAccessToken } from './authenticate.js';
import { QueryParams } from './query-params.js';
import type { SandboxRequest } from './sandbox-request.js';
import type { SandboxState } from './sandbox-state.js';
import type { Persona } from './types.js';

const ROUTES: Readonly<Record<Endpoint, AdsRoute>> = {
  accounts: listAccounts,
  account: getAccount,
  authenticated_user_access: authenticatedUserAccess,
  promotable_users: promotableUsers,
  features,
};

/** Answers a GET to an Ads API endpoint: 401, 429, 400, 404 or the route's 200. */
export function answerAdsApi(
  state: SandboxState,
  request: SandboxRequest,
  endpoint: Endpoint,
): Answer {
  const caller = authenticateAccessToken(state, request);
  if (!caller) return unauthorized();

  const { accountId } = request.route;
  const limit = state.rateLimits.take(caller.token, endpoint, accountId, state.now());
  const headers = { 'x-access-level': caller.accessLevel, ...limit.headers };
  if (!limit.allowed) return withHeaders(tooManyRequests(), headers);

  return withHeaders(runRoute(state, request, ROUTES[endpoint], caller.persona), headers);
}

/** 429 TOO_MANY_REQUESTS (X's exact message is UNVERIFIED). */
export function tooManyRequests(): Answer {
  return xError(429, { code: 'TOO_MANY_REQUESTS', message: 'Rate limit exceeded' });
}

function runRoute(
  state: SandboxState,
  request: SandboxRequest,
  route: AdsRoute,
  persona: Persona,
): Answer {
  const { accountId } = request.route;
  const pathParams: Record<string, string> = accountId === null ? {} : { account_id: accountId };
  let params: QueryParams | undefined;
  try {
    params = new QueryParams(request.query, pathParams);
    return route({ world: state.world, persona, accountId, params });
  } catch (error) {
    if (error instanceof ParameterError) return error.toAnswer(params?.echo ?? pathParams);
    throw error;
  }
}
