/**
 * Validation of ad account ids before they reach a URL. Ids are base-36 text of varying length
 * (`18ce54d4x5t`, `gq12fh`, `hkk5`); the client percent-encodes path segments anyway, this
 * check lets callers refuse bad input before any upstream call.
 */
import type { AccountId } from './types.js';

/** Longest id accepted; real ids seen are up to 11 characters. */
export const MAX_ACCOUNT_ID_LENGTH = 32;

/** Returns `value` as an AccountId when it is 1–32 ASCII letters or digits, else null. */
export function parseAccountId(value: string): AccountId | null {
  return value.length <= MAX_ACCOUNT_ID_LENGTH && /^[0-9A-Za-z]+$/.test(value)
    ? (value as AccountId)
    : null;
}
