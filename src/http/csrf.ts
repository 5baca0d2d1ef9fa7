/**
 * Cross-site request forgery defence for requests that carry the session cookie: the only
 * credential a browser attaches on its own. A bearer token or the sandbox persona header has to be
 * set by the calling script, which a cross-site form cannot do, so those requests are not checked
 * (nor, in sandbox mode, those with no credential: they speak for a simulated persona).
 *
 * A cookie-bearing request that runs something (not a preflight, not a GET without `query`) is
 * refused when
 * - its `Origin` is neither the public URL's nor one of `CORS_ORIGINS`;
 * - it has no `Origin` and the browser marks it `Sec-Fetch-Site: cross-site`;
 * - (GraphQL only) it is one a browser sends without a CORS preflight (a GET with a `query`, or a
 *   POST with a form or `text/plain` body, or none) and lacks the `x-graphql-yoga-csrf` header:
 *   the rule of yoga's CSRF-prevention plugin, applied here to cookie-bearing requests only.
 */
import type { Config } from '../config.js';
import { readCookie, SESSION_COOKIE } from '../auth/session.js';

/** The header a cookie-authenticated GET or form POST to /graphql must carry. */
export const CSRF_HEADER = 'x-graphql-yoga-csrf';

const NON_PREFLIGHTED_TYPES = [
  'application/x-www-form-urlencoded',
  'multipart/form-data',
  'text/plain',
];

export interface CrossSitePolicy {
  /** Origins trusted to send the session cookie: the public URL's and `CORS_ORIGINS`. */
  readonly allowedOrigins: ReadonlySet<string>;
  /** Also require `CSRF_HEADER` on requests a browser sends without a preflight. */
  readonly requirePreflight: boolean;
}

/** The origins trusted with the session cookie under `config`. */
export function trustedOrigins(config: Pick<Config, 'publicUrl' | 'corsOrigins'>): Set<string> {
  return new Set([new URL(config.publicUrl).origin, ...config.corsOrigins]);
}

/**
 * Why `request` must be refused as a possible cross-site forgery, as a sentence for the client;
 * null when it may proceed (always null without the session cookie).
 */
export function crossSiteRefusal(request: Request, policy: CrossSitePolicy): string | null {
  if (!actsForTheUser(request) || readCookie(request, SESSION_COOKIE) === null) return null;

  const origin = request.headers.get('origin');
  if (origin !== null && !policy.allowedOrigins.has(origin)) {
    return `Requests with the session cookie are not accepted from origin ${JSON.stringify(origin.slice(0, 100))}.`;
  }
  if (origin === null && request.headers.get('sec-fetch-site') === 'cross-site') {
    return 'Requests with the session cookie are not accepted from another site.';
  }
  const unguarded = !preflighted(request) && !request.headers.has(CSRF_HEADER);
  if (policy.requirePreflight && unguarded) {
    return `A ${request.method} with the session cookie and no JSON body needs the ${CSRF_HEADER} header.`;
  }
  return null;
}

/**
 * False for a preflight and for a GET without a `query` parameter (such as opening the GraphiQL
 * page from a link): they run nothing for the user, whatever site they come from.
 */
function actsForTheUser(request: Request): boolean {
  if (request.method === 'OPTIONS') return false;
  if (request.method !== 'GET' && request.method !== 'HEAD') return true;
  return new URL(request.url).searchParams.has('query');
}

/** True when a browser would have sent a CORS preflight before this request. */
function preflighted(request: Request): boolean {
  if (request.method === 'GET' || request.method === 'HEAD') return false;
  const type = request.headers.get('content-type')?.toLowerCase();
  if (!type) return false;
  return !NON_PREFLIGHTED_TYPES.some((simple) => type.startsWith(simple));
}

/** The 403 answer of /graphql: `{ errors: [{ message, extensions: { code: 'FORBIDDEN' } }] }`. */
export function graphqlCrossSiteResponse(message: string): Response {
  return forbidden({ errors: [{ message, extensions: { code: 'FORBIDDEN' } }] });
}

/** The 403 answer of the sign-in routes, shaped like their other JSON errors: `{ error }`. */
export function authCrossSiteResponse(message: string): Response {
  return forbidden({ error: message });
}

function forbidden(body: unknown): Response {
  return new Response(JSON.stringify(body), {
    status: 403,
    headers: { 'content-type': 'application/json; charset=utf-8' },
  });
}
