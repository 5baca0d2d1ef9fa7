/**
 * Sealing of secrets at rest: AES-256-GCM with a fresh 12-byte IV per seal, a 16-byte tag that is
 * enforced on open, and associated data binding the sealed value to its row (a user id or a request
 * token), so a value copied into another row does not open. The key id travels with the sealed
 * value; opening picks the key by id from the configured keys (current first, then retired ones).
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { EncryptionKey } from '../config.js';

const ALGORITHM = 'aes-256-gcm';
export const IV_BYTES = 12;
export const TAG_BYTES = 16;
const FORMAT_VERSION = 1;

/** The configured keys: the first seals, every one may open. */
export type SealKeys = readonly [EncryptionKey, ...EncryptionKey[]];

export interface SealedSecret {
  readonly keyId: string;
  readonly iv: Buffer;
  readonly tag: Buffer;
  readonly ciphertext: Buffer;
}

export interface OpenedSecret {
  readonly plaintext: string;
  /** True when it was sealed with a retired key and should be sealed again. */
  readonly stale: boolean;
}

/** A sealed value did not open: unknown key, bad layout, short tag, or failed authentication. */
export class SealError extends Error {
  override name = 'SealError';
}

/** Seals `plaintext` with the current key, bound to `associatedData`. */
export function sealSecret(
  keys: SealKeys,
  plaintext: string,
  associatedData: string,
): SealedSecret {
  const [current] = keys;
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv(ALGORITHM, current.key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(associatedData, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return { keyId: current.id, iv, tag: cipher.getAuthTag(), ciphertext };
}

/**
 * Opens a sealed value bound to `associatedData`. Throws `SealError` when the key id is not
 * configured, the IV or tag has the wrong length, or authentication fails.
 */
export function openSecret(
  keys: SealKeys,
  sealed: SealedSecret,
  associatedData: string,
): OpenedSecret {
  const key = keys.find((candidate) => candidate.id === sealed.keyId);
  if (!key) {
    throw new SealError(`No configured encryption key has id "${sealed.keyId}".`);
  }
  if (sealed.iv.length !== IV_BYTES) {
    throw new SealError(`Sealed value has a ${sealed.iv.length}-byte IV; ${IV_BYTES} expected.`);
  }
  // Node accepts truncated GCM tags unless told otherwise; refuse them before deciphering.
  if (sealed.tag.length !== TAG_BYTES) {
    throw new SealError(`Sealed value has a ${sealed.tag.length}-byte tag; ${TAG_BYTES} expected.`);
  }
  const plaintext = decipher(key, sealed, associatedData);
  return { plaintext, stale: key !== keys[0] };
}

function decipher(key: EncryptionKey, sealed: SealedSecret, associatedData: string): string {
  const decipherer = createDecipheriv(ALGORITHM, key.key, sealed.iv, {
    authTagLength: TAG_BYTES,
  });
  decipherer.setAAD(Buffer.from(associatedData, 'utf8'));
  decipherer.setAuthTag(sealed.tag);
  try {
    return Buffer.concat([decipherer.update(sealed.ciphertext), decipherer.final()]).toString(
      'utf8',
    );
  } catch (cause) {
    throw new SealError(`Sealed value with key id "${sealed.keyId}" failed authentication.`, {
      cause,
    });
  }
}

/**
 * The stored form of a sealed value (the key id is stored beside it):
 * `[format version][12-byte IV][tag length][tag][ciphertext]`. The tag length is kept so a
 * shortened tag is recognised and refused rather than misread.
 */
export function encodeSealed(sealed: SealedSecret): Buffer {
  const header = Buffer.from([FORMAT_VERSION]);
  const tagLength = Buffer.from([sealed.tag.length]);
  return Buffer.concat([header, sealed.iv, tagLength, sealed.tag, sealed.ciphertext]);
}

/** Parses the stored form; throws `SealError` when the layout is not one this build wrote. */
export function decodeSealed(keyId: string, stored: Buffer): SealedSecret {
  if (stored.length < 2 + IV_BYTES || stored[0] !== FORMAT_VERSION) {
    throw new SealError(`Sealed value with key id "${keyId}" has an unknown layout.`);
  }
  const iv = stored.subarray(1, 1 + IV_BYTES);
  const tagLength = stored[1 + IV_BYTES] ?? 0;
  const tagStart = 2 + IV_BYTES;
  if (stored.length < tagStart + tagLength) {
    throw new SealError(`Sealed value with key id "${keyId}" is truncated.`);
  }
  const tag = stored.subarray(tagStart, tagStart + tagLength);
  const ciphertext = stored.subarray(tagStart + tagLength);
  return { keyId, iv, tag, ciphertext };
}
