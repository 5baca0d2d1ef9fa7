/**
 * Sign in with X from a browser (3-legged OAuth 1.0a):
 * `GET /auth/x/login?returnTo=/path` → X's consent page → `GET /auth/x/callback`.
 * The request token is bound to the browser that started the flow by a random value in the
 * short-lived `xaa_oauth` cookie (only its hash is stored), so a callback carrying someone else's
 * token, a replay or a late callback is refused before any access-token call.
 */
import { stringifySetCookie } from 'cookie';
import { UpstreamError } from '../upstream/errors.js';
import type { TakeRefusal } from '../store/store.js';
import { SIGN_IN_WINDOW_MS, type AuthDeps } from './auth-deps.js';
import { completeSignIn } from './complete-sign-in.js';
import { randomToken, RANDOM_TOKEN_PATTERN } from './random-token.js';
import { htmlPage, redirect } from './responses.js';
import { parseReturnTo } from './return-to.js';
import { isSecureSite, readCookie, SESSION_COOKIE, sessionCookie } from './session.js';

/** The cookie binding a started sign-in to this browser: httpOnly, 10 minutes, /auth/x/ only. */
export const BINDING_COOKIE = 'xaa_oauth';
const BINDING_PATH = '/auth/x/';

const REFUSALS: Record<TakeRefusal, string> = {
  unknown: 'This sign-in was not started in this browser, or it was cancelled; please start again.',
  mismatch:
    'The sign-in that came back from X is not the one this browser started; please start again.',
  used: 'This sign-in link was already used; please start again.',
  expired: 'This sign-in took longer than 10 minutes and expired; please start again.',
};

/** `GET /auth/x/login`: 400 for an off-site returnTo, 502 when X refuses to start, else 302. */
export async function startWebSignIn(request: Request, deps: AuthDeps): Promise<Response> {
  const returnTo = parseReturnTo(new URL(request.url).searchParams.get('returnTo'));
  if (returnTo === null) {
    const message = 'The returnTo address must be a path on this site, such as /dashboard.';
    return htmlPage({ status: 400, title: 'Cannot sign in', message });
  }

  let requestToken;
  try {
    requestToken = await deps.oauth.requestToken(`${deps.config.publicUrl}/auth/x/callback`);
  } catch (error) {
    if (!(error instanceof UpstreamError)) throw error;
    deps.logger.warn(
      { flow: 'web', error: error.name, reason: error.message },
      'Request token failed.',
    );
    const message = 'X did not start the sign-in; please try again in a moment.';
    return htmlPage({
      status: 502,
      title: 'Sign-in unavailable',
      message,
      link: loginLink(deps, returnTo),
    });
  }

  const binding = randomToken();
  const now = (deps.now ?? Date.now)();
  const expiresAt = new Date(now + SIGN_IN_WINDOW_MS);
  await deps.store.saveRequestToken({
    token: requestToken,
    binding,
    returnTo,
    kind: 'web',
    expiresAt,
  });

  const headers = new Headers();
  headers.append('set-cookie', bindingCookie(deps, binding, SIGN_IN_WINDOW_MS / 1000));
  return redirect(deps.oauth.authorizeUrl(requestToken.token), headers);
}

/**
 * `GET /auth/x/callback`: `denied` → a "Sign-in cancelled" page, nothing stored; a token not
 * bound to this browser, used, or expired → 400 without an access-token call; else the token is
 * stored, a new session replaces any presented one, and the browser goes to returnTo (302).
 */
export async function finishWebSignIn(request: Request, deps: AuthDeps): Promise<Response> {
  const params = new URL(request.url).searchParams;
  const binding = readCookie(request, BINDING_COOKIE);
  const headers = new Headers();
  headers.append('set-cookie', bindingCookie(deps, '', 0));

  const denied = params.get('denied');
  if (denied !== null) return cancelled(deps, binding, denied, headers);

  const token = params.get('oauth_token');
  const verifier = params.get('oauth_verifier');
  if (!token || !verifier) {
    const message =
      'The answer from X is missing oauth_token or oauth_verifier; please start again.';
    return refusedPage(deps, message, headers);
  }
  if (!binding || !RANDOM_TOKEN_PATTERN.test(binding))
    return refusedPage(deps, REFUSALS.unknown, headers);

  const taken = await deps.store.takeRequestToken({ binding, kind: 'web', token });
  if (taken.kind === 'refused') {
    deps.logger.warn({ flow: 'web', reason: taken.reason }, 'Sign-in callback refused.');
    return refusedPage(deps, REFUSALS[taken.reason], headers);
  }

  const outcome = await completeSignIn(deps, taken.request.token, verifier, 'web');
  if (outcome.kind === 'failed') {
    const link = loginLink(deps, taken.request.returnTo);
    return htmlPage({
      status: outcome.status,
      title: 'Sign-in failed',
      message: outcome.message,
      link,
      headers,
    });
  }

  await endPresentedSession(request, deps);
  headers.append('set-cookie', sessionCookie(deps.config, outcome.sessionId));
  return redirect(taken.request.returnTo, headers);
}

/** Consumes the cancelled request token when it is this browser's; stores nothing. */
async function cancelled(
  deps: AuthDeps,
  binding: string | null,
  denied: string,
  headers: Headers,
): Promise<Response> {
  let returnTo = '/';
  if (binding && RANDOM_TOKEN_PATTERN.test(binding)) {
    const taken = await deps.store.takeRequestToken({ binding, kind: 'web', token: denied });
    if (taken.kind === 'taken') returnTo = taken.request.returnTo;
  }
  deps.logger.info({ flow: 'web' }, 'Sign-in cancelled on X.');
  return htmlPage({
    status: 200,
    title: 'Sign-in cancelled',
    message: 'You cancelled signing in with X, so nothing was saved.',
    link: { href: loginHref(deps, returnTo), text: 'Try again' },
    headers,
  });
}

/** A session id presented before sign-in never survives it (session fixation). */
async function endPresentedSession(request: Request, deps: AuthDeps): Promise<void> {
  const previous = readCookie(request, SESSION_COOKIE);
  if (previous && RANDOM_TOKEN_PATTERN.test(previous)) await deps.store.deleteSession(previous);
}

function refusedPage(deps: AuthDeps, message: string, headers: Headers): Response {
  return htmlPage({
    status: 400,
    title: 'Sign-in refused',
    message,
    link: loginLink(deps, '/'),
    headers,
  });
}

function loginLink(deps: AuthDeps, returnTo: string) {
  return { href: loginHref(deps, returnTo), text: 'Sign in with X again' };
}

function loginHref(deps: AuthDeps, returnTo: string): string {
  const query = returnTo === '/' ? '' : `?${new URLSearchParams({ returnTo }).toString()}`;
  return `${deps.config.publicUrl}/auth/x/login${query}`;
}

function bindingCookie(deps: AuthDeps, value: string, maxAgeSeconds: number): string {
  return stringifySetCookie(BINDING_COOKIE, value, {
    httpOnly: true,
    sameSite: 'lax',
    path: BINDING_PATH,
    maxAge: maxAgeSeconds,
    secure: isSecureSite(deps.config),
  });
}
