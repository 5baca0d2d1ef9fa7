/**
 * The OAuth 1.0a signature base string (RFC 5849 §3.4.1) and HMAC-SHA1 signature (§3.4.2).
 */
import { createHmac } from 'node:crypto';
import { percentEncode } from './percent-encode.js';

export type Param = readonly [key: string, value: string];

/**
 * Returns the base string URI (§3.4.1.2): scheme and host lower-cased, the default port dropped,
 * the path kept as sent, no query or fragment. `host` is the Host header (`name` or `name:port`).
 */
export function baseStringUri(scheme: 'http' | 'https', host: string, path: string): string {
  const lower = host.toLowerCase();
  const defaultPort = scheme === 'http' ? ':80' : ':443';
  const authority = lower.endsWith(defaultPort) ? lower.slice(0, -defaultPort.length) : lower;
  return `${scheme}://${authority}${path === '' ? '/' : path}`;
}

/** Returns the normalized parameter string (§3.4.1.3.2): encoded pairs sorted, joined by `&`. */
export function normalizedParameters(params: readonly Param[]): string {
  const encoded = params.map(([k, v]) => [percentEncode(k), percentEncode(v)] as const);
  encoded.sort(([ak, av], [bk, bv]) => compare(ak, bk) || compare(av, bv));
  return encoded.map(([k, v]) => `${k}=${v}`).join('&');
}

/** Returns `METHOD&enc(uri)&enc(params)`. Throws TypeError on text that cannot be encoded. */
export function signatureBaseString(method: string, uri: string, params: readonly Param[]): string {
  const encodedParams = percentEncode(normalizedParameters(params));
  return `${method.toUpperCase()}&${percentEncode(uri)}&${encodedParams}`;
}

/** Returns base64(HMAC-SHA1(enc(consumerSecret) & enc(tokenSecret), baseString)). */
export function hmacSha1Signature(
  baseString: string,
  consumerSecret: string,
  tokenSecret: string,
): string {
  const key = `${percentEncode(consumerSecret)}&${percentEncode(tokenSecret)}`;
  return createHmac('sha1', key).update(baseString).digest('base64');
}

function compare(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}
