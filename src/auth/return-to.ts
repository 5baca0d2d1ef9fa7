/**
 * Where a browser goes after signing in. Only a path on this site is accepted, so the sign-in
 * can never be used to bounce a user to another origin (open redirect).
 */

const MAX_LENGTH = 2048;
const PROBE_ORIGIN = 'http://return-to.invalid';

/**
 * Returns the local path to go to after sign-in: `/` when `raw` is absent or empty, `raw` itself
 * when it is a path on this site (one leading `/`, no `//`, no backslash, no control characters,
 * no scheme), and null when it points anywhere else.
 */
export function parseReturnTo(raw: string | null): string | null {
  if (raw === null || raw === '') return '/';
  if (raw.length > MAX_LENGTH || !raw.startsWith('/') || raw.startsWith('//')) return null;
  if (raw.includes('\\') || /[\u0000-\u001f\u007f]/.test(raw)) return null;
  try {
    return new URL(raw, PROBE_ORIGIN).origin === PROBE_ORIGIN ? raw : null;
  } catch {
    return null;
  }
}
