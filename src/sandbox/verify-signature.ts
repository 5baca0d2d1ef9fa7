/**
 * Checks an OAuth 1.0a (HMAC-SHA1) signed request the way the X API does: consumer key, token,
 * signature method, version, timestamp within five minutes, unused nonce, and the signature
 * itself rebuilt from the method, the URI and every query, form and `oauth_*` parameter.
 */
import { timingSafeEqual } from 'node:crypto';
import { parseAuthorization } from './authorization-header.js';
import type { NonceStore } from './nonce-store.js';
import type { Param } from './signature-base-string.js';
import { hmacSha1Signature, signatureBaseString } from './signature-base-string.js';

/** How far a request's `oauth_timestamp` may be from the sandbox clock. */
export const TIMESTAMP_TOLERANCE_MS = 5 * 60_000;

export interface SignedRequest {
  readonly method: string;
  /** The base string URI, see `baseStringUri`. */
  readonly uri: string;
  /** Decoded query and form-body parameters, in any order, repeats kept. */
  readonly params: readonly Param[];
  readonly authorization: string | undefined;
}

export interface SignaturePolicy {
  readonly consumer: { readonly key: string; readonly secret: string };
  /** The token's secret, or null when the token is unknown, revoked or expired. */
  readonly tokenSecret: (token: string) => string | null;
  /** False only where the consumer alone signs (request_token). */
  readonly tokenRequired: boolean;
  readonly nowMs: number;
  readonly nonces: NonceStore;
}

/**
 * `refused.problem` is 'token' when the token is missing, unknown or revoked, else 'signature'.
 * `reason` is for tests and debugging; it never holds a secret or the signature.
 */
export type SignatureVerdict =
  | {
      readonly kind: 'valid';
      readonly token: string | null;
      readonly oauth: ReadonlyMap<string, string>;
    }
  | { readonly kind: 'refused'; readonly problem: 'token' | 'signature'; readonly reason: string };

/** Returns whether `request` is properly signed under `policy`. Never throws. */
export function verifySignature(request: SignedRequest, policy: SignaturePolicy): SignatureVerdict {
  const parsed = parseAuthorization(request.authorization);
  if (parsed.kind === 'invalid') return refused('signature', parsed.reason);
  const oauth = parsed.params;

  const problem = checkFields(oauth, policy);
  if (problem) return problem;
  const token = oauth.get('oauth_token') || null;
  const tokenSecret = token === null ? '' : policy.tokenSecret(token);
  if (token === null && policy.tokenRequired) return refused('token', 'oauth_token is missing');
  if (tokenSecret === null) return refused('token', 'oauth_token is unknown, revoked or expired');

  const expected = expectedSignature(request, oauth, policy.consumer.secret, tokenSecret);
  if (expected === null) return refused('signature', 'a parameter cannot be encoded');
  if (!sameText(expected, oauth.get('oauth_signature') ?? '')) {
    return refused('signature', 'oauth_signature does not match');
  }

  const timestampMs = Number(oauth.get('oauth_timestamp')) * 1000;
  const expiresAtMs = Math.max(timestampMs, policy.nowMs) + TIMESTAMP_TOLERANCE_MS;
  const nonce = oauth.get('oauth_nonce') ?? '';
  if (!policy.nonces.remember(policy.consumer.key, token ?? '', nonce, expiresAtMs, policy.nowMs)) {
    return refused('signature', 'oauth_nonce was already used');
  }
  return { kind: 'valid', token, oauth };
}

function checkFields(oauth: ReadonlyMap<string, string>, policy: SignaturePolicy) {
  if (oauth.get('oauth_consumer_key') !== policy.consumer.key) {
    return refused('signature', 'oauth_consumer_key is missing or unknown');
  }
  if (oauth.get('oauth_signature_method') !== 'HMAC-SHA1') {
    return refused('signature', 'oauth_signature_method is not HMAC-SHA1');
  }
  const version = oauth.get('oauth_version');
  if (version !== undefined && version !== '1.0')
    return refused('signature', 'oauth_version is not 1.0');
  const timestamp = oauth.get('oauth_timestamp') ?? '';
  if (!/^\d{1,12}$/.test(timestamp))
    return refused('signature', 'oauth_timestamp is missing or bad');
  if (Math.abs(Number(timestamp) * 1000 - policy.nowMs) > TIMESTAMP_TOLERANCE_MS) {
    return refused('signature', 'oauth_timestamp is more than 5 minutes off');
  }
  if (!oauth.get('oauth_nonce')) return refused('signature', 'oauth_nonce is missing');
  if (!oauth.get('oauth_signature')) return refused('signature', 'oauth_signature is missing');
  return null;
}

function expectedSignature(
  request: SignedRequest,
  oauth: ReadonlyMap<string, string>,
  consumerSecret: string,
  tokenSecret: string,
): string | null {
  const oauthParams = [...oauth].filter(([key]) => key !== 'oauth_signature');
  try {
    const base = signatureBaseString(request.method, request.uri, [
      ...request.params,
      ...oauthParams,
    ]);
    return hmacSha1Signature(base, consumerSecret, tokenSecret);
  } catch {
    return null;
  }
}

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

function refused(problem: 'token' | 'signature', reason: string): SignatureVerdict {
  return { kind: 'refused', problem, reason };
}
