/**
 * The whole HTTP surface as one fetch handler, testable in-process with `app.fetch` (no port):
 * `/graphql` (yoga), `/auth/*` (sign-in), `/health`, `/ready`, and a small home page. Every
 * request gets a request id and one log line (`http/request-log.ts`); cookie-bearing requests to
 * `/graphql` and POSTs to `/auth/*` pass the cross-site check (`http/csrf.ts`) first.
 */
import { createServerAdapter } from '@whatwg-node/server';
import type { Config } from './config.js';
import type { Services } from './services.js';
import { makeYoga, GRAPHQL_PATH } from './yoga.js';
import { homePage } from './home-page.js';
import {
  authCrossSiteResponse,
  crossSiteRefusal,
  graphqlCrossSiteResponse,
  trustedOrigins,
} from './http/csrf.js';
import { withRequestLog, type RequestLogEntry } from './http/request-log.js';

export type AuthRoutes = (request: Request) => Promise<Response | null>;

export interface AppOptions {
  /** Sign-in routes; absent in single-user mode. */
  readonly auth?: AuthRoutes;
  /** Answers whether the upstream is reachable, for `/ready`. */
  readonly upstreamReady: () => Promise<boolean>;
}

export function createApp(services: Services, options: AppOptions) {
  const { config } = services;
  const yoga = makeYoga(services, yogaOptions(config));
  const allowedOrigins = trustedOrigins(config);

  async function graphql(request: Request, entry: RequestLogEntry): Promise<Response> {
    const refusal = crossSiteRefusal(request, { allowedOrigins, requirePreflight: true });
    if (refusal) return graphqlCrossSiteResponse(refusal);
    const response = await yoga.fetch(request, { requestLog: entry });
    // CORS headers depend on the caller's origin.
    response.headers.append('vary', 'Origin');
    return response;
  }

  async function auth(request: Request, routes: AuthRoutes): Promise<Response | null> {
    const refusal =
      request.method === 'POST'
        ? crossSiteRefusal(request, { allowedOrigins, requirePreflight: false })
        : null;
    return refusal ? authCrossSiteResponse(refusal) : routes(request);
  }

  async function handle(request: Request, entry: RequestLogEntry): Promise<Response> {
    const { pathname } = new URL(request.url);
    if (pathname === GRAPHQL_PATH) return graphql(request, entry);
    if (pathname === '/health') return json(200, { status: 'ok' });
    if (pathname === '/ready') return ready(services, options);
    if (pathname === '/' && request.method === 'GET') return html(homePage(config.mode));
    const answered =
      options.auth && isAuthPath(pathname) ? await auth(request, options.auth) : null;
    return answered ?? json(404, { error: `No route for ${request.method} ${pathname}.` });
  }

  return createServerAdapter(withRequestLog(handle, services.logger));
}

function yogaOptions(config: Config) {
  return {
    graphiql: config.introspection,
    sandbox: config.mode === 'sandbox',
    introspection: config.introspection,
    suggestions: !config.production,
    limits: config.queryLimits,
    corsOrigins: config.corsOrigins,
    secrets: [config.consumer?.secret ?? '', config.staticToken?.secret ?? ''],
  };
}

function isAuthPath(pathname: string): boolean {
  return pathname === '/auth' || pathname.startsWith('/auth/');
}

async function ready(services: Services, options: AppOptions): Promise<Response> {
  const [store, upstream] = await Promise.all([
    services.store.ping().then(
      () => true,
      () => false,
    ),
    options.upstreamReady().catch(() => false),
  ]);
  const body = { status: store && upstream ? 'ready' : 'not ready', store, upstream };
  return json(store && upstream ? 200 : 503, body);
}

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8' },
  });
}

function html(body: string): Response {
  return new Response(body, { headers: { 'content-type': 'text/html; charset=utf-8' } });
}
