/**
 * The one strict RFC 3986 percent-encoding used for every upstream URL, form body and OAuth
 * signature input, so that what is sent is byte for byte what was signed.
 *
 * Only the unreserved set `A-Z a-z 0-9 - . _ ~` stays as is; everything else, `!*'()`, `,`, `:`
 * and space included, becomes `%XX` with upper-case hex over the UTF-8 bytes (space is `%20`,
 * never `+`). Lone surrogates are encoded as U+FFFD instead of throwing.
 */

const utf8 = new TextEncoder();

/** A parameter list in send order; the same key may appear more than once. */
export type ParamPairs = readonly (readonly [string, string])[];

function isUnreserved(byte: number): boolean {
  return (
    (byte >= 0x30 && byte <= 0x39) || // 0-9
    (byte >= 0x41 && byte <= 0x5a) || // A-Z
    (byte >= 0x61 && byte <= 0x7a) || // a-z
    byte === 0x2d || // -
    byte === 0x2e || // .
    byte === 0x5f || // _
    byte === 0x7e // ~
  );
}

/** Returns `value` percent-encoded per RFC 3986 (and RFC 5849 §3.6). Never throws. */
export function percentEncode(value: string): string {
  let out = '';
  for (const byte of utf8.encode(value)) {
    out += isUnreserved(byte)
      ? String.fromCharCode(byte)
      : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** Returns `k=v&k=v` with keys and values percent-encoded, in the order given. */
export function encodeParams(pairs: ParamPairs): string {
  return pairs.map(([key, value]) => `${percentEncode(key)}=${percentEncode(value)}`).join('&');
}

/**
 * Decodes one form-encoded component (`+` is a space, then `%XX` sequences as UTF-8).
 * Throws URIError on a malformed `%` sequence.
 */
export function decodeComponent(text: string): string {
  return decodeURIComponent(text.replace(/\+/g, ' '));
}

/**
 * Splits a query string or form body (without a leading `?`) into decoded pairs, in order.
 * Empty segments are skipped; a segment without `=` has the empty value. Throws URIError on a
 * malformed `%` sequence.
 */
export function decodeParams(text: string): [string, string][] {
  const pairs: [string, string][] = [];
  for (const segment of text.split('&')) {
    if (segment === '') continue;
    const equals = segment.indexOf('=');
    const key = equals === -1 ? segment : segment.slice(0, equals);
    const value = equals === -1 ? '' : segment.slice(equals + 1);
    pairs.push([decodeComponent(key), decodeComponent(value)]);
  }
  return pairs;
}
