/**
 * RFC 3986 percent-encoding as OAuth 1.0a requires (RFC 5849 §3.6): only `A-Z a-z 0-9 - . _ ~`
 * stay as they are; every other UTF-8 byte becomes `%XX` with upper-case hex. Written here
 * rather than shared with the client so the sandbox checks signatures with independent code.
 */

const UNRESERVED = /^[A-Za-z0-9\-._~]$/;

/** Returns the encoded text. Throws TypeError on a lone UTF-16 surrogate (not encodable). */
export function percentEncode(text: string): string {
  let out = '';
  for (const char of text) {
    if (UNRESERVED.test(char)) {
      out += char;
      continue;
    }
    if (isLoneSurrogate(char)) throw new TypeError('percentEncode: text holds a lone surrogate');
    for (const byte of Buffer.from(char, 'utf8')) {
      out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
    }
  }
  return out;
}

function isLoneSurrogate(char: string): boolean {
  const code = char.charCodeAt(0);
  return char.length === 1 && code >= 0xd800 && code <= 0xdfff;
}
