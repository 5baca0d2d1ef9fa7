/**
 * Sign in with X from a headless tool (PIN, `oauth_callback=oob`):
 * `POST /auth/pin/start` → the user opens `authorizeUrl` and reads a PIN from X →
 * `POST /auth/pin/complete` with `{ flowId, pin }` → a session token for `Authorization: Bearer`.
 * The flow id is the binding secret (only its hash is stored); the request token never leaves.
 */
import { UpstreamError } from '../upstream/errors.js';
import type { TakeRefusal } from '../store/store.js';
import { SIGN_IN_WINDOW_MS, type AuthDeps } from './auth-deps.js';
import { completeSignIn } from './complete-sign-in.js';
import { RANDOM_TOKEN_PATTERN, randomToken } from './random-token.js';
import { readBoundedText } from './read-body.js';
import { jsonResponse } from './responses.js';

/** Bodies larger than this are refused before parsing. */
const MAX_BODY_BYTES = 4096;
const PIN_PATTERN = /^\d{1,16}$/;
const BODY_HINT = 'The body must be JSON like {"flowId": "…", "pin": "1234567"}.';

const REFUSALS: Record<TakeRefusal, string> = {
  unknown: 'This flowId does not match a PIN sign-in; start again with POST /auth/pin/start.',
  mismatch: 'This flowId does not match a PIN sign-in; start again with POST /auth/pin/start.',
  used: 'This PIN sign-in was already completed or failed; start again with POST /auth/pin/start.',
  expired:
    'This PIN sign-in took longer than 10 minutes and expired; start again with POST /auth/pin/start.',
};

/** `POST /auth/pin/start` → 200 `{ flowId, authorizeUrl, expiresAt }`, or 502 `{ error }`. */
export async function startPinSignIn(deps: AuthDeps): Promise<Response> {
  let requestToken;
  try {
    requestToken = await deps.oauth.requestToken('oob');
  } catch (error) {
    if (!(error instanceof UpstreamError)) throw error;
    deps.logger.warn(
      { flow: 'pin', error: error.name, reason: error.message },
      'Request token failed.',
    );
    return jsonResponse(502, {
      error: 'X did not start the sign-in; please try again in a moment.',
    });
  }

  const flowId = randomToken();
  const expiresAt = new Date((deps.now ?? Date.now)() + SIGN_IN_WINDOW_MS);
  await deps.store.saveRequestToken({
    token: requestToken,
    binding: flowId,
    returnTo: '/',
    kind: 'pin',
    expiresAt,
  });
  const authorizeUrl = deps.oauth.authorizeUrl(requestToken.token);
  return jsonResponse(200, { flowId, authorizeUrl, expiresAt: expiresAt.toISOString() });
}

/**
 * `POST /auth/pin/complete` with `{ flowId, pin }` → 200 `{ sessionToken, userId, screenName,
 * expiresAt }`; 400 `{ error }` for a bad body, an unknown/used/expired flow or a PIN X refused
 * (each flow allows one attempt); 502 when X could not answer.
 */
export async function completePinSignIn(request: Request, deps: AuthDeps): Promise<Response> {
  const input = await readPinInput(request);
  if (typeof input === 'string') return jsonResponse(400, { error: input });

  const taken = await deps.store.takeRequestToken({
    binding: input.flowId,
    kind: 'pin',
    token: null,
  });
  if (taken.kind === 'refused') {
    deps.logger.warn({ flow: 'pin', reason: taken.reason }, 'PIN completion refused.');
    return jsonResponse(400, { error: REFUSALS[taken.reason] });
  }

  const outcome = await completeSignIn(deps, taken.request.token, input.pin, 'pin');
  if (outcome.kind === 'failed') return jsonResponse(outcome.status, { error: outcome.message });
  return jsonResponse(200, {
    sessionToken: outcome.sessionId,
    userId: outcome.userId,
    screenName: outcome.screenName,
    expiresAt: outcome.expiresAt.toISOString(),
  });
}

/** The validated body, or the sentence explaining what is wrong with it. */
async function readPinInput(request: Request): Promise<{ flowId: string; pin: string } | string> {
  const text = await readBoundedText(request, MAX_BODY_BYTES);
  if (text === null) return BODY_HINT;

  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return BODY_HINT;
  }
  if (typeof body !== 'object' || body === null) return BODY_HINT;
  const { flowId, pin } = body as Record<string, unknown>;
  if (typeof flowId !== 'string' || !RANDOM_TOKEN_PATTERN.test(flowId)) {
    return 'flowId must be the value returned by POST /auth/pin/start.';
  }
  if (typeof pin !== 'string' || !PIN_PATTERN.test(pin.trim())) {
    return 'pin must be the digits X shows after you authorize the app, as a string.';
  }
  return { flowId, pin: pin.trim() };
}
