/**
 * Builds upstream request URLs with the strict encoder of `percent-encode.ts`, so a path segment
 * or a query value can never add a segment, a parameter or a fragment, and the URL sent is
 * exactly the one signed.
 */
import { encodeParams, percentEncode } from './percent-encode.js';

/** Query parameters; `undefined` values are left out, booleans and numbers sent as text. */
export type QueryParams = Readonly<Record<string, string | number | boolean | undefined>>;

/**
 * Returns `base` + `/segment`… + `?query`. `base` is an absolute URL (a trailing slash is
 * dropped); each segment and every query key and value is percent-encoded.
 */
export function buildRequestUrl(
  base: string,
  segments: readonly string[],
  query: QueryParams = {},
): string {
  const path = segments.map((segment) => `/${percentEncode(segment)}`).join('');
  const pairs = Object.entries(query).flatMap(([key, value]) =>
    value === undefined ? [] : [[key, String(value)] as const],
  );
  const search = pairs.length === 0 ? '' : `?${encodeParams(pairs)}`;
  return `${base.replace(/\/+$/, '')}${path}${search}`;
}
