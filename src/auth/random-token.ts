/**
 * Unguessable values handed to clients: session ids, browser-binding values, PIN flow ids.
 */
import { randomBytes } from 'node:crypto';

/** Matches the output of `randomToken`: 32 bytes as unpadded base64url (43 characters). */
export const RANDOM_TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** Returns 32 CSPRNG bytes as unpadded base64url. */
export function randomToken(): string {
  return randomBytes(32).toString('base64url');
}
