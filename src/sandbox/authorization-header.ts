/**
 * Parses an `Authorization: OAuth k="v", ...` header (RFC 5849 §3.5.1) into decoded parameters.
 * Strict: anything that is not a list of quoted `key="value"` pairs is refused, as is a key that
 * appears twice. `realm` is dropped (it never takes part in the signature).
 */

export type ParsedAuthorization =
  | { readonly kind: 'oauth'; readonly params: ReadonlyMap<string, string> }
  | { readonly kind: 'invalid'; readonly reason: string };

const PAIR = /^\s*([A-Za-z0-9_\-.~%]+)\s*=\s*"([^"]*)"\s*(?:,|$)/;

/** Returns the header's OAuth parameters, or why the header is unusable. Never throws. */
export function parseAuthorization(header: string | undefined): ParsedAuthorization {
  if (header === undefined) return invalid('no Authorization header');
  const match = /^OAuth\s+/i.exec(header);
  if (!match) return invalid('Authorization header is not of the OAuth scheme');
  const params = new Map<string, string>();
  let rest = header.slice(match[0].length);
  while (rest.trim() !== '') {
    const pair = PAIR.exec(rest);
    if (!pair) return invalid('Authorization header is malformed');
    const key = decode(pair[1] ?? '');
    const value = decode(pair[2] ?? '');
    if (key === null || value === null) return invalid('Authorization header has a bad escape');
    if (params.has(key)) return invalid(`Authorization header repeats ${key}`);
    if (key !== 'realm') params.set(key, value);
    rest = rest.slice(pair[0].length);
  }
  return { kind: 'oauth', params };
}

/** Returns the `oauth_token` named by the header without checking anything else, or null. */
export function claimedToken(header: string | undefined): string | null {
  const parsed = parseAuthorization(header);
  return parsed.kind === 'oauth' ? (parsed.params.get('oauth_token') ?? null) : null;
}

function decode(text: string): string | null {
  try {
    return decodeURIComponent(text);
  } catch {
    return null;
  }
}

function invalid(reason: string): ParsedAuthorization {
  return { kind: 'invalid', reason };
}
