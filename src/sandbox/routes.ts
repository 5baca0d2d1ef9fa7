/**
 * Maps a request path to the sandbox endpoint it addresses. Ads API routes live under
 * `/{version}/accounts`; OAuth routes under `/oauth` and `/1.1/oauth`.
 */
import type { Endpoint } from '../upstream/types.js';
import type { SandboxEndpoint } from './types.js';

/** The Ads API endpoints, in the order counters report them. */
export const ADS_API_ENDPOINTS = [
  'accounts',
  'account',
  'authenticated_user_access',
  'promotable_users',
  'features',
] as const satisfies readonly Endpoint[];

/** True for the Ads API endpoints (not OAuth, not unknown). */
export function isAdsEndpoint(endpoint: SandboxEndpoint): endpoint is Endpoint {
  return (ADS_API_ENDPOINTS as readonly string[]).includes(endpoint);
}

export interface Route {
  readonly endpoint: SandboxEndpoint;
  /** The `:account_id` path segment, decoded, when the route has one. */
  readonly accountId: string | null;
  /** The methods the route answers; empty for unknown routes. */
  readonly methods: readonly string[];
}

const ACCOUNT_SUBRESOURCES: Readonly<Record<string, SandboxEndpoint>> = {
  authenticated_user_access: 'authenticated_user_access',
  promotable_users: 'promotable_users',
  features: 'features',
};

const OAUTH_ROUTES: Readonly<Record<string, Route>> = {
  '/oauth/request_token': { endpoint: 'request_token', accountId: null, methods: ['POST'] },
  '/oauth/authorize': { endpoint: 'authorize', accountId: null, methods: ['GET', 'POST'] },
  '/oauth/authenticate': { endpoint: 'authorize', accountId: null, methods: ['GET'] },
  '/oauth/access_token': { endpoint: 'access_token', accountId: null, methods: ['POST'] },
  '/1.1/oauth/invalidate_token': {
    endpoint: 'invalidate_token',
    accountId: null,
    methods: ['POST'],
  },
};

const UNKNOWN: Route = { endpoint: 'unknown', accountId: null, methods: [] };

/** Returns the route for a raw path (no query); `unknown` when nothing matches. */
export function classifyRoute(path: string, version: string): Route {
  const oauth = OAUTH_ROUTES[path];
  if (oauth) return oauth;
  const [empty, first, collection, rawId, sub, ...rest] = path.split('/');
  if (empty !== '' || first !== version || collection !== 'accounts' || rest.length > 0) {
    return UNKNOWN;
  }
  if (rawId === undefined) return { endpoint: 'accounts', accountId: null, methods: ['GET'] };
  const accountId = safeDecode(rawId);
  if (accountId === null || accountId === '') return UNKNOWN;
  if (sub === undefined) return { endpoint: 'account', accountId, methods: ['GET'] };
  const endpoint = ACCOUNT_SUBRESOURCES[sub];
  return endpoint ? { endpoint, accountId, methods: ['GET'] } : UNKNOWN;
}

function safeDecode(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}
