/**
 * `POST /auth/logout`: ends the presented session (cookie or bearer). When it was the user's last
 * session, their stored token is deleted and invalidated at X (best effort: a failure is logged
 * and does not change the answer). The session cookie is always cleared.
 */
import { UpstreamError } from '../upstream/errors.js';
import type { AuthDeps } from './auth-deps.js';
import { RANDOM_TOKEN_PATTERN } from './random-token.js';
import { htmlPage, redirect } from './responses.js';
import { bearerCredential, clearedSessionCookie, readCookie, SESSION_COOKIE } from './session.js';

/** 204 (or 302 to `/` for an HTML form post); 403 for a post from another site. */
export async function logout(request: Request, deps: AuthDeps): Promise<Response> {
  if (isCrossSite(request, deps)) {
    const message = 'Signing out is only accepted from this site.';
    return htmlPage({ status: 403, title: 'Sign-out refused', message });
  }

  for (const id of presentedIds(request)) await endSession(id, deps);

  const headers = new Headers();
  headers.append('set-cookie', clearedSessionCookie(deps.config));
  if (isFormPost(request)) return redirect('/', headers);
  return new Response(null, { status: 204, headers });
}

async function endSession(id: string, deps: AuthDeps): Promise<void> {
  const session = await deps.store.deleteSession(id);
  if (!session) return;
  const { userId } = session;
  const deleted = await deps.store.deleteUserTokenIfUnused(userId);
  deps.logger.info({ userId, tokenDeleted: deleted !== null }, 'Signed out.');
  if (!deleted || deleted.revokedAt) return;

  try {
    await deps.oauth.invalidateToken(deleted.token);
  } catch (error) {
    if (!(error instanceof UpstreamError)) throw error;
    deps.logger.warn(
      { userId, error: error.name, reason: error.message },
      'Token invalidation failed.',
    );
  }
}

/** Every well-formed session id the request carries (bearer and cookie), without duplicates. */
function presentedIds(request: Request): string[] {
  const ids = [bearerCredential(request), readCookie(request, SESSION_COOKIE)];
  const valid = ids.filter((id): id is string => id !== null && RANDOM_TOKEN_PATTERN.test(id));
  return [...new Set(valid)];
}

/**
 * A cookie-carrying post from another origin could sign a user out against their will: refuse
 * an `Origin` other than the public URL's or an allowed CORS origin, and, without `Origin`, a
 * browser-declared cross-site request.
 */
function isCrossSite(request: Request, deps: AuthDeps): boolean {
  const origin = request.headers.get('origin');
  if (origin === null) return request.headers.get('sec-fetch-site') === 'cross-site';
  const allowed = [new URL(deps.config.publicUrl).origin, ...deps.config.corsOrigins];
  return !allowed.includes(origin);
}

function isFormPost(request: Request): boolean {
  const type = request.headers.get('content-type') ?? '';
  return /^(application\/x-www-form-urlencoded|multipart\/form-data)\b/i.test(type);
}
