/**
 * OAuth 1.0a request signing (RFC 5849, HMAC-SHA1 only) on top of the `oauth-1.0a` package.
 *
 * The package is used for the base string, the signature and the header, with its traps worked
 * around here: it defaults to PLAINTEXT (we always pass HMAC-SHA1 and a node:crypto hash), its
 * nonce uses `Math.random` (we use `crypto.randomBytes`), it mutates the `data` it is given (we
 * pass a fresh object per call), and it neither decodes query keys, lower-cases the host nor
 * drops a default port (we normalise the URL and pass decoded query parameters ourselves).
 */
import { createHmac, randomBytes } from 'node:crypto';
import OAuth from 'oauth-1.0a';
import { decodeParams } from './percent-encode.js';
import type { UserToken } from './types.js';

export interface SignerOptions {
  readonly consumerKey: string;
  readonly consumerSecret: string;
  /** Epoch-milliseconds clock for `oauth_timestamp`; default `Date.now`. */
  readonly now?: () => number;
  /**
   * Nonce source; default 32 bytes of `crypto.randomBytes` as 64 hex characters. Override only to
   * replay published test vectors.
   */
  readonly nonce?: () => string;
}

export interface SignInput {
  /** HTTP method, any case. */
  readonly method: string;
  /** The exact URL that will be sent, query included (built with `percentEncode`). */
  readonly url: string;
  /** The user token; null for `request_token`, which is signed with the consumer alone. */
  readonly token: UserToken | null;
  /** Extra protocol parameters, e.g. `oauth_callback` or `oauth_verifier`: signed and sent. */
  readonly oauthParams?: Readonly<Record<string, string>>;
  /** Decoded `application/x-www-form-urlencoded` body parameters; they are signed too. */
  readonly bodyParams?: Readonly<Record<string, string>>;
}

export interface Signer {
  /**
   * Returns the full `Authorization` header value (`OAuth oauth_consumer_key="…", …`) for
   * `input`, with a fresh nonce and the current timestamp. Throws a TypeError when `url` is not
   * an absolute http(s) URL or an `oauthParams` key is not an extra `oauth_` parameter.
   */
  authorization(input: SignInput): string;
}

/** What the `oauth-1.0a` package signs: a normalised base URL and every decoded parameter. */
export interface SigningRequest {
  readonly method: string;
  /** Scheme and host lower-cased, default port dropped, no query or fragment. */
  readonly url: string;
  readonly data: Record<string, string | string[]>;
}

const PROTOCOL_PARAMS = new Set([
  'oauth_consumer_key',
  'oauth_nonce',
  'oauth_signature',
  'oauth_signature_method',
  'oauth_timestamp',
  'oauth_token',
  'oauth_version',
]);

/**
 * Returns the base string URI of RFC 5849 §3.4.1.2 for `url` (`http://EXAMPLE.COM:80/r%20v?x`
 * → `http://example.com/r%20v`). Throws a TypeError for a relative or non-http(s) URL.
 */
export function baseStringUri(url: string): string {
  const parsed = new URL(url);
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new TypeError(`Cannot sign a request to "${parsed.protocol}" URLs; only http and https.`);
  }
  // URL lower-cases scheme and host and drops the scheme's default port on its own.
  return `${parsed.protocol}//${parsed.host}${parsed.pathname}`;
}

function addParam(data: Record<string, string | string[]>, key: string, value: string): void {
  const existing = data[key];
  if (existing === undefined) data[key] = value;
  else if (Array.isArray(existing)) existing.push(value);
  else data[key] = [existing, value];
}

/**
 * Returns a fresh `SigningRequest` for `input`: the query of `url` decoded, merged with the body
 * and extra OAuth parameters (a key present in several places keeps every value).
 */
export function toSigningRequest(input: SignInput): SigningRequest {
  const data: Record<string, string | string[]> = Object.create(null);
  const queryStart = input.url.indexOf('?');
  const query = queryStart === -1 ? '' : input.url.slice(queryStart + 1).split('#')[0];
  for (const [key, value] of decodeParams(query ?? '')) addParam(data, key, value);
  for (const [key, value] of Object.entries(input.bodyParams ?? {})) addParam(data, key, value);
  for (const [key, value] of Object.entries(input.oauthParams ?? {})) addParam(data, key, value);
  return { method: input.method.toUpperCase(), url: baseStringUri(input.url), data };
}

function hmacSha1(baseString: string, key: string): string {
  return createHmac('sha1', key).update(baseString).digest('base64');
}

function randomNonce(): string {
  return randomBytes(32).toString('hex');
}

function checkOAuthParams(params: Readonly<Record<string, string>>): void {
  for (const key of Object.keys(params)) {
    if (!key.startsWith('oauth_') || PROTOCOL_PARAMS.has(key)) {
      throw new TypeError(`"${key}" is not an extra OAuth parameter the caller may set.`);
    }
  }
}

/** Creates a signer bound to the app's consumer credentials. Never logs or exposes a secret. */
export function createSigner(options: SignerOptions): Signer {
  const now = options.now ?? Date.now;
  const oauth = new OAuth({
    consumer: { key: options.consumerKey, secret: options.consumerSecret },
    signature_method: 'HMAC-SHA1',
    hash_function: hmacSha1,
  });
  oauth.getNonce = options.nonce ?? randomNonce;
  oauth.getTimeStamp = () => Math.floor(now() / 1000);

  function authorization(input: SignInput): string {
    const extras = input.oauthParams ?? {};
    checkOAuthParams(extras);
    const token = input.token ? { key: input.token.token, secret: input.token.secret } : undefined;
    const signed = oauth.authorize(toSigningRequest(input), token);

    // `signed` also holds every request parameter (the package merges them in); send only the
    // protocol parameters.
    const header: OAuth.Authorization = {
      oauth_consumer_key: signed.oauth_consumer_key,
      oauth_nonce: signed.oauth_nonce,
      oauth_signature: signed.oauth_signature,
      oauth_signature_method: signed.oauth_signature_method,
      oauth_timestamp: signed.oauth_timestamp,
      oauth_version: signed.oauth_version,
      ...(signed.oauth_token === undefined ? {} : { oauth_token: signed.oauth_token }),
      ...extras,
    };
    return oauth.toHeader(header).Authorization;
  }

  return { authorization };
}
