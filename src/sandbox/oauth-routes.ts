/**
 * The OAuth 1.0a endpoints, so the whole sign-in runs locally:
 * `POST /oauth/request_token` → `GET /oauth/authorize|authenticate` (consent page) →
 * `POST /oauth/authorize` (redirect with a verifier, `denied=`, or a PIN page for `oob`) →
 * `POST /oauth/access_token` (a new access token each time) and
 * `POST /1.1/oauth/invalidate_token`. Token endpoints answer form-encoded bodies on success and
 * X's v1.1 JSON errors on failure (codes 32 and 89; the codes for other failures are UNVERIFIED).
 */
import type { Answer } from './answer.js';
import { formAnswer, htmlAnswer, jsonAnswer, redirectAnswer } from './answer.js';
import { verifyRequest } from './authenticate.js';
import { authorizePage, messagePage, pinPage } from './oauth-pages.js';
import type { SandboxRequest } from './sandbox-request.js';
import type { SandboxState } from './sandbox-state.js';
import type { SandboxEndpoint } from './types.js';

/** Answers a request to one of the OAuth endpoints (its method already checked). */
export function answerOAuth(
  state: SandboxState,
  request: SandboxRequest,
  endpoint: SandboxEndpoint,
): Answer {
  switch (endpoint) {
    case 'request_token':
      return requestToken(state, request);
    case 'authorize':
      return request.method === 'GET' ? consentPage(state, request) : decide(state, request);
    case 'access_token':
      return accessToken(state, request);
    case 'invalidate_token':
      return invalidateToken(state, request);
    default:
      return oauthError(404, 34, 'Sorry, that page does not exist.');
  }
}

/** Consumer-signed; `oauth_callback` (a URL or `oob`) comes from the header. */
function requestToken(state: SandboxState, request: SandboxRequest): Answer {
  const verdict = verifyRequest(state, request, { tokenSecret: () => null, tokenRequired: false });
  if (verdict.kind === 'refused') return couldNotAuthenticate();
  const callback = verdict.oauth.get('oauth_callback');
  if (callback === undefined || callback === '') {
    return oauthError(400, 215, 'Bad Authentication data: oauth_callback is required.');
  }
  if (!isAcceptableCallback(callback)) {
    return oauthError(403, 415, 'Callback URL not approved for this client application.');
  }
  const accessType = param(request, 'x_auth_access_type');
  const entry = state.requestTokens.issue(
    callback,
    accessType === 'read' ? 'read' : 'read-write',
    state.now(),
  );
  return formAnswer({
    oauth_token: entry.token,
    oauth_token_secret: entry.secret,
    oauth_callback_confirmed: 'true',
  });
}

/** `GET /oauth/authorize` and `/oauth/authenticate`: the page naming the app and the personas. */
function consentPage(state: SandboxState, request: SandboxRequest): Answer {
  const token = param(request, 'oauth_token') ?? '';
  const entry = state.requestTokens.find(token, state.now());
  if (!entry || entry.approval) return invalidLinkPage();
  return htmlAnswer(
    200,
    authorizePage({ appName: appName(state), requestToken: token, personas: state.world.personas }),
  );
}

/** `POST /oauth/authorize`: approve as a persona, or cancel. */
function decide(state: SandboxState, request: SandboxRequest): Answer {
  const token = param(request, 'oauth_token') ?? '';
  const entry = state.requestTokens.find(token, state.now());
  if (!entry || entry.approval) return invalidLinkPage();

  if (param(request, 'cancel') !== undefined) {
    state.requestTokens.consume(token);
    if (entry.callback === 'oob')
      return htmlAnswer(200, messagePage('Sign-in cancelled', 'No access was granted.'));
    return redirectAnswer(withQuery(entry.callback, { denied: token }));
  }
  const persona = state.world.personas.find((p) => p.key === param(request, 'persona'));
  if (!persona)
    return htmlAnswer(
      400,
      messagePage('Choose a user', 'Pick one of the listed users to sign in as.'),
    );
  const verifier = state.requestTokens.approve(token, persona.key, state.now());
  if (verifier === undefined) return invalidLinkPage();
  if (entry.callback === 'oob') return htmlAnswer(200, pinPage(verifier, appName(state)));
  return redirectAnswer(
    withQuery(entry.callback, { oauth_token: token, oauth_verifier: verifier }),
  );
}

/**
 * Signed with the request token and its secret plus `oauth_verifier` (header or body). Uses the
 * request token up whatever the outcome, so a verifier can be tried once.
 */
function accessToken(state: SandboxState, request: SandboxRequest): Answer {
  const verdict = verifyRequest(state, request, {
    tokenSecret: (token) => state.requestTokens.find(token, state.now())?.secret ?? null,
    tokenRequired: true,
  });
  if (verdict.kind === 'refused')
    return verdict.problem === 'token' ? invalidToken() : couldNotAuthenticate();
  const token = verdict.token ?? '';
  const entry = state.requestTokens.find(token, state.now());
  state.requestTokens.consume(token);

  const verifier = verdict.oauth.get('oauth_verifier') ?? param(request, 'oauth_verifier');
  const persona = state.world.personas.find((p) => p.key === entry?.approval?.personaKey);
  if (!entry?.approval || !persona || verifier !== entry.approval.verifier) {
    return oauthError(401, 89, 'Invalid or expired token: the oauth_verifier does not match.');
  }
  const readOnly = entry.accessLevel === 'read' || persona.accessLevel === 'read';
  const minted = state.tokens.mint(persona, readOnly ? 'read' : 'read-write');
  return formAnswer({
    oauth_token: minted.token,
    oauth_token_secret: minted.secret,
    user_id: persona.userId,
    screen_name: persona.screenName,
  });
}

/** Signed with the access token to revoke; later requests with it get 401. */
function invalidateToken(state: SandboxState, request: SandboxRequest): Answer {
  const verdict = verifyRequest(state, request, {
    tokenSecret: (token) => state.tokens.find(token)?.secret ?? null,
    tokenRequired: true,
  });
  if (verdict.kind === 'refused')
    return verdict.problem === 'token' ? invalidToken() : couldNotAuthenticate();
  const token = verdict.token ?? '';
  state.tokens.revoke(token);
  return jsonAnswer(200, { access_token: token });
}

function appName(state: SandboxState): string {
  return `the sandbox app (consumer key ${state.consumer.key})`;
}

/** `oob`, or an absolute http(s) URL. */
function isAcceptableCallback(callback: string): boolean {
  if (callback === 'oob') return true;
  try {
    const { protocol } = new URL(callback);
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}

function withQuery(url: string, values: Readonly<Record<string, string>>): string {
  const target = new URL(url);
  for (const [key, value] of Object.entries(values)) target.searchParams.set(key, value);
  return target.toString();
}

/** A form-body parameter, else a query parameter. */
function param(request: SandboxRequest, name: string): string | undefined {
  const find = (params: SandboxRequest['form']) => params.find(([key]) => key === name)?.[1];
  return find(request.form) ?? find(request.query);
}

function oauthError(status: number, code: number, message: string): Answer {
  return jsonAnswer(status, { errors: [{ code, message }] });
}

function couldNotAuthenticate(): Answer {
  return oauthError(401, 32, 'Could not authenticate you.');
}

function invalidToken(): Answer {
  return oauthError(401, 89, 'Invalid or expired token.');
}

function invalidLinkPage(): Answer {
  return htmlAnswer(
    401,
    messagePage('Invalid sign-in link', 'This sign-in request is invalid, used or has expired.'),
  );
}
