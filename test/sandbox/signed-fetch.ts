/**
 * Test helper: sends requests to a sandbox signed with the `oauth-1.0a` package, an
 * implementation independent of the sandbox's verifier.
 */
import { createHmac, randomBytes } from 'node:crypto';
import OAuth from 'oauth-1.0a';

export interface Credentials {
  readonly key: string;
  readonly secret: string;
}

export interface SignedRequestInit {
  readonly method?: string;
  /** Path from the sandbox root, without a query, e.g. `/12/accounts`. */
  readonly path: string;
  readonly query?: Readonly<Record<string, string>>;
  /** Sent as an `application/x-www-form-urlencoded` body. */
  readonly form?: Readonly<Record<string, string>>;
  readonly consumer: Credentials;
  /** Null for consumer-only requests (request_token). */
  readonly token: Credentials | null;
  /** Extra `oauth_*` parameters for the header (oauth_callback, oauth_verifier). */
  readonly oauthParams?: Readonly<Record<string, string>>;
  readonly timestamp?: number;
  readonly nonce?: string;
  /** Rewrites the finished header, to tamper with it. */
  readonly editHeader?: (header: string) => string;
  readonly signal?: AbortSignal;
}

/** RFC 3986 encoding for the URL actually sent, matching what was signed. */
export function rfc3986(text: string): string {
  return encodeURIComponent(text).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/** Returns the Authorization header value for the request. */
export function authorizationFor(baseUrl: string, init: SignedRequestInit): string {
  const oauth = new OAuth({
    consumer: { key: init.consumer.key, secret: init.consumer.secret },
    signature_method: 'HMAC-SHA1',
    hash_function: (base, key) => createHmac('sha1', key).update(base).digest('base64'),
  });
  oauth.getNonce = () => init.nonce ?? randomBytes(24).toString('hex');
  oauth.getTimeStamp = () => init.timestamp ?? Math.floor(Date.now() / 1000);
  const data = { ...init.query, ...init.form, ...init.oauthParams };
  const token = init.token ? { key: init.token.key, secret: init.token.secret } : undefined;
  const method = init.method ?? 'GET';
  const signed = oauth.authorize({ url: `${baseUrl}${init.path}`, method, data }, token);
  const header = oauth.toHeader({ ...signed, ...init.oauthParams }).Authorization;
  return init.editHeader ? init.editHeader(header) : header;
}

/** Sends the signed request to `baseUrl` (the sandbox's url). */
export function signedFetch(baseUrl: string, init: SignedRequestInit): Promise<Response> {
  const query = Object.entries(init.query ?? {}).map(([k, v]) => `${rfc3986(k)}=${rfc3986(v)}`);
  const url = `${baseUrl}${init.path}${query.length > 0 ? `?${query.join('&')}` : ''}`;
  const headers: Record<string, string> = { authorization: authorizationFor(baseUrl, init) };
  let body: string | undefined;
  if (init.form) {
    headers['content-type'] = 'application/x-www-form-urlencoded';
    body = Object.entries(init.form)
      .map(([k, v]) => `${rfc3986(k)}=${rfc3986(v)}`)
      .join('&');
  }
  const method = init.method ?? 'GET';
  return fetch(url, { method, headers, body, redirect: 'manual', signal: init.signal });
}

/** The subset of a Sandbox these helpers need. */
interface SandboxLike {
  readonly url: string;
  readonly consumer: Credentials;
  persona(key: string): { readonly token: string; readonly tokenSecret: string };
}

/** Sends a signed GET as the persona; `path` is relative to `/{version}/`. */
export function getAs(
  sandbox: SandboxLike,
  personaKey: string,
  path: string,
  query?: Readonly<Record<string, string>>,
  signal?: AbortSignal,
): Promise<Response> {
  const { token, tokenSecret } = sandbox.persona(personaKey);
  return signedFetch(sandbox.url, {
    path: `/12/${path}`,
    query,
    consumer: sandbox.consumer,
    token: { key: token, secret: tokenSecret },
    signal,
  });
}
