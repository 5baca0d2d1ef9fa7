/**
 * The whole HTTP surface as one fetch handler, testable in-process with `app.fetch` (no port):
 * `/graphql` (yoga), `/auth/*` (sign-in), `/health`, `/ready`, and a small home page.
 */
import { createServerAdapter } from '@whatwg-node/server';
import type { Services } from './services.js';
import { makeYoga, GRAPHQL_PATH, type Yoga } from './yoga.js';
import { homePage } from './home-page.js';

export type AuthRoutes = (request: Request) => Promise<Response | null>;

export interface AppOptions {
  /** Sign-in routes; absent in single-user mode. */
  readonly auth?: AuthRoutes;
  /** Answers whether the upstream is reachable, for `/ready`. */
  readonly upstreamReady: () => Promise<boolean>;
}

export function createApp(services: Services, options: AppOptions) {
  const { config } = services;
  const yoga: Yoga = makeYoga(services, {
    graphiql: config.introspection,
    sandbox: config.mode === 'sandbox',
  });

  async function handle(request: Request): Promise<Response> {
    const { pathname } = new URL(request.url);
    if (pathname === GRAPHQL_PATH) return yoga.fetch(request);
    if (pathname === '/health') return json(200, { status: 'ok' });
    if (pathname === '/ready') return ready(services, options);
    if (pathname === '/' && request.method === 'GET') return html(homePage(config.mode));
    const auth = options.auth ? await options.auth(request) : null;
    return auth ?? json(404, { error: `No route for ${request.method} ${pathname}.` });
  }

  return createServerAdapter(handle);
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
