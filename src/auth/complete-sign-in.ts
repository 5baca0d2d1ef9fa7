/**
 * The end of both sign-in flows: trade the request token and verifier (or PIN) for the user's
 * access token, store it sealed, and open a new session.
 */
import { UpstreamError, UpstreamHttpError, UpstreamRateLimitedError } from '../upstream/errors.js';
import type { UserId, UserToken } from '../upstream/types.js';
import type { FlowKind } from '../store/store.js';
import type { AuthDeps } from './auth-deps.js';
import { startSession } from './session.js';

export type SignInOutcome =
  | {
      readonly kind: 'signed-in';
      readonly userId: UserId;
      readonly screenName: string;
      readonly sessionId: string;
      readonly expiresAt: Date;
    }
  | { readonly kind: 'failed'; readonly status: 400 | 502; readonly message: string };

/**
 * Exchanges `requestToken` + `verifier` upstream, saves the token and starts a session.
 * Resolves `failed` (400 when X refused the verifier, 502 when X could not answer) for upstream
 * failures; rejects only on store failures or programming errors.
 */
export async function completeSignIn(
  deps: AuthDeps,
  requestToken: UserToken,
  verifier: string,
  flow: FlowKind,
): Promise<SignInOutcome> {
  let grant;
  try {
    grant = await deps.oauth.accessToken(requestToken, verifier);
  } catch (error) {
    if (!(error instanceof UpstreamError)) throw error;
    deps.logger.warn({ flow, error: error.name, reason: error.message }, 'Access token refused.');
    return failure(error, flow);
  }

  const { userId, screenName } = grant;
  await deps.store.saveUserToken({ userId, screenName, token: grant });
  const session = await startSession(deps.store, userId, (deps.now ?? Date.now)());
  deps.logger.info({ flow, userId, screenName }, 'Signed in with X.');
  return {
    kind: 'signed-in',
    userId,
    screenName,
    sessionId: session.id,
    expiresAt: session.expiresAt,
  };
}

function failure(error: UpstreamError, flow: FlowKind): SignInOutcome {
  const refused =
    error instanceof UpstreamHttpError &&
    error.status >= 400 &&
    error.status < 500 &&
    !(error instanceof UpstreamRateLimitedError);
  if (!refused) {
    const message = 'X could not be reached to finish signing in; try again in a moment.';
    return { kind: 'failed', status: 502, message };
  }
  const message =
    flow === 'pin'
      ? 'X did not accept this PIN; start a new sign-in and enter the PIN X shows.'
      : 'X did not accept this sign-in; please sign in again.';
  return { kind: 'failed', status: 400, message };
}
