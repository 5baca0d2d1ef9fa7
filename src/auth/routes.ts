/**
 * The `/auth/*` routes as one fetch handler. Paths outside `/auth/` resolve null so the server
 * can try its other routes. An unexpected error is logged once and answered with a page that
 * says nothing about it.
 */
import type { AuthDeps } from './auth-deps.js';
import { logout } from './logout.js';
import { completePinSignIn, startPinSignIn } from './pin-sign-in.js';
import { htmlPage } from './responses.js';
import { finishWebSignIn, startWebSignIn } from './web-sign-in.js';

/** Resolves the route's response, or null when the path is not under `/auth/`. */
export type AuthRoutes = (request: Request) => Promise<Response | null>;

type Handler = (request: Request, deps: AuthDeps) => Promise<Response>;

const ROUTES: Record<string, { readonly method: 'GET' | 'POST'; readonly handle: Handler }> = {
  '/auth/x/login': { method: 'GET', handle: startWebSignIn },
  '/auth/x/callback': { method: 'GET', handle: finishWebSignIn },
  '/auth/pin/start': { method: 'POST', handle: (_request, deps) => startPinSignIn(deps) },
  '/auth/pin/complete': { method: 'POST', handle: completePinSignIn },
  '/auth/logout': { method: 'POST', handle: logout },
};

/**
 * Returns the handler of `/auth/*`: 404 for an unknown auth path, 405 (with `Allow`) for another
 * method, 500 for an unexpected error; null for every other path.
 */
export function createAuthRoutes(deps: AuthDeps): AuthRoutes {
  return async (request) => {
    const { pathname } = new URL(request.url);
    if (pathname !== '/auth' && !pathname.startsWith('/auth/')) return null;

    const route = Object.hasOwn(ROUTES, pathname) ? ROUTES[pathname] : undefined;
    if (!route) {
      return htmlPage({
        status: 404,
        title: 'Not found',
        message: `There is no page at ${pathname}.`,
      });
    }
    if (request.method !== route.method) {
      const message = `${pathname} accepts ${route.method} only.`;
      return htmlPage({
        status: 405,
        title: 'Method not allowed',
        message,
        headers: new Headers({ allow: route.method }),
      });
    }
    try {
      return await route.handle(request, deps);
    } catch (error) {
      // Messages of this service's own errors never carry secrets; the cause chain is not logged.
      const detail = error instanceof Error ? { error: error.name, reason: error.message } : {};
      deps.logger.error({ path: pathname, ...detail }, 'Auth route failed unexpectedly.');
      return htmlPage({ status: 500, title: 'Unexpected error', message: 'Unexpected error.' });
    }
  };
}
