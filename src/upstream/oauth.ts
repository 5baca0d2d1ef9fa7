/**
 * The OAuth 1.0a sign-in calls to X: request token, authorize URL, access token, and token
 * invalidation. Form-encoded answers, one attempt each (POSTs are never retried), failures as the
 * upstream error classes with endpoint `oauth`. Tokens, secrets and verifiers never reach a
 * message.
 */
import { USER_AGENT } from './user-agent.js';
import { asUserId, DecodeError } from './decode.js';
import { errorForStatus } from './error-for-status.js';
import { UpstreamBadResponseError } from './errors.js';
import { fetchWithTimeout, type RawAnswer } from './fetch-with-timeout.js';
import { decodeParams, encodeParams } from './percent-encode.js';
import { buildRequestUrl } from './request-url.js';
import { readResponseMeta } from './response-meta.js';
import { createSigner } from './sign-request.js';
import type { UserId, UserToken } from './types.js';

export interface OAuthClientOptions {
  /** Base of the OAuth endpoints, e.g. `https://api.x.com` or a sandbox URL. */
  readonly apiUrl: string;
  readonly consumerKey: string;
  readonly consumerSecret: string;
  /** Per-call limit covering headers and body; default 5000 ms. */
  readonly timeoutMs?: number;
  /** default `globalThis.fetch` */
  readonly fetch?: typeof globalThis.fetch;
}

/** The access token X grants at the end of sign-in, with the user it belongs to. */
export interface AccessTokenGrant extends UserToken {
  readonly userId: UserId;
  readonly screenName: string;
}

export interface OAuthClient {
  /**
   * `POST oauth/request_token` with `oauth_callback` (a URL or `oob`). Resolves with the request
   * token and its secret. Rejects with UpstreamBadResponseError when the answer lacks
   * `oauth_callback_confirmed=true` or a token, and as every call below otherwise.
   */
  requestToken(callback: string): Promise<UserToken>;
  /** Returns `{apiUrl}/oauth/authorize?oauth_token=…`, where the user is sent to consent. */
  authorizeUrl(requestToken: string): string;
  /**
   * `POST oauth/access_token`, signed with the request token and `oauth_verifier`. Resolves with
   * the new access token, its secret, `user_id` and `screen_name`.
   */
  accessToken(requestToken: UserToken, verifier: string): Promise<AccessTokenGrant>;
  /** `POST 1.1/oauth/invalidate_token`, signed with the token to revoke. */
  invalidateToken(token: UserToken): Promise<void>;
}

interface PostInput {
  readonly path: readonly string[];
  readonly token: UserToken | null;
  readonly oauthParams?: Readonly<Record<string, string>>;
}

function labelOf(path: readonly string[]): string {
  return `POST ${path.join('/')}`;
}

function badResponse(label: string, problem: string, cause?: unknown): UpstreamBadResponseError {
  return new UpstreamBadResponseError(`${label} answered ${problem}.`, 'oauth', { cause });
}

/** Decodes a form-encoded answer into a map; throws UpstreamBadResponseError when it is not. */
function readForm(answer: RawAnswer, label: string): Map<string, string> {
  if (/\btext\/html\b/i.test(answer.headers.get('content-type') ?? '')) {
    throw badResponse(label, 'with an HTML page instead of a form-encoded body');
  }
  try {
    return new Map(decodeParams(answer.text.trim()));
  } catch (error) {
    throw badResponse(label, 'with a body that is not form-encoded', error);
  }
}

function required(form: Map<string, string>, key: string, label: string): string {
  const value = form.get(key);
  if (value === undefined || value === '') throw badResponse(label, `without ${key}`);
  return value;
}

function userIdOf(form: Map<string, string>, label: string): UserId {
  try {
    return asUserId(required(form, 'user_id', label), 'user_id');
  } catch (error) {
    if (error instanceof DecodeError)
      throw badResponse(label, 'with a user_id that is not a number', error);
    throw error;
  }
}

/** Creates the OAuth client for one app. Throws a TypeError when `apiUrl` is not http(s). */
export function createOAuthClient(options: OAuthClientOptions): OAuthClient {
  if (!/^https?:\/\//i.test(options.apiUrl) || !URL.canParse(options.apiUrl)) {
    throw new TypeError(`OAuth apiUrl must be an http(s) URL, got "${options.apiUrl}".`);
  }
  const signer = createSigner({
    consumerKey: options.consumerKey,
    consumerSecret: options.consumerSecret,
  });
  const fetch = options.fetch ?? globalThis.fetch;
  const timeoutMs = options.timeoutMs ?? 5000;

  async function post(input: PostInput): Promise<RawAnswer> {
    const url = buildRequestUrl(options.apiUrl, input.path);
    const label = labelOf(input.path);
    const authorization = signer.authorization({ method: 'POST', url, ...input });
    const answer = await fetchWithTimeout({
      fetch,
      url,
      method: 'POST',
      headers: {
        authorization,
        'content-type': 'application/x-www-form-urlencoded',
        'user-agent': USER_AGENT,
      },
      body: '',
      timeoutMs,
      endpoint: 'oauth',
      label,
    });
    if (answer.status >= 200 && answer.status < 300) return answer;
    const meta = readResponseMeta(answer.status, answer.headers, answer.receivedAt);
    throw errorForStatus(answer, meta, 'oauth', label);
  }

  async function requestToken(callback: string): Promise<UserToken> {
    const path = ['oauth', 'request_token'];
    const label = labelOf(path);
    const answer = await post({ path, token: null, oauthParams: { oauth_callback: callback } });
    const form = readForm(answer, label);
    if (form.get('oauth_callback_confirmed') !== 'true') {
      throw badResponse(label, 'without oauth_callback_confirmed=true');
    }
    return {
      token: required(form, 'oauth_token', label),
      secret: required(form, 'oauth_token_secret', label),
    };
  }

  async function accessToken(request: UserToken, verifier: string): Promise<AccessTokenGrant> {
    const path = ['oauth', 'access_token'];
    const label = labelOf(path);
    const oauthParams = { oauth_verifier: verifier };
    const form = readForm(await post({ path, token: request, oauthParams }), label);
    return {
      token: required(form, 'oauth_token', label),
      secret: required(form, 'oauth_token_secret', label),
      userId: userIdOf(form, label),
      screenName: required(form, 'screen_name', label),
    };
  }

  async function invalidateToken(token: UserToken): Promise<void> {
    await post({ path: ['1.1', 'oauth', 'invalidate_token'], token });
  }

  function authorizeUrl(token: string): string {
    const base = buildRequestUrl(options.apiUrl, ['oauth', 'authorize']);
    return `${base}?${encodeParams([['oauth_token', token]])}`;
  }

  return { requestToken, authorizeUrl, accessToken, invalidateToken };
}
