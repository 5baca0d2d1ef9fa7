import { describe, expect, it } from 'vitest';
import {
  decodeSealed,
  encodeSealed,
  openSecret,
  SealError,
  sealSecret,
  TAG_BYTES,
} from '../../src/store/seal.js';
import { keysFrom, newKeyText } from './keys.js';

const keys = keysFrom(newKeyText());
const secret = 'token-secret-Zx9!';
const boundTo = 'user-token\u00001000000001';

describe('sealSecret / openSecret', () => {
  it('round-trips a secret and gives two different ciphertexts for the same input (T1)', () => {
    const first = sealSecret(keys, secret, boundTo);
    const second = sealSecret(keys, secret, boundTo);

    expect(openSecret(keys, first, boundTo)).toEqual({ plaintext: secret, stale: false });
    expect(openSecret(keys, second, boundTo).plaintext).toBe(secret);
    expect(first.ciphertext.equals(second.ciphertext)).toBe(false);
    expect(first.iv.equals(second.iv)).toBe(false);
    expect(first.iv).toHaveLength(12);
    expect(first.tag).toHaveLength(TAG_BYTES);
    expect(first.keyId).toBe(keys[0].id);
  });

  it('refuses a ciphertext with one flipped bit (T2)', () => {
    const sealed = sealSecret(keys, secret, boundTo);
    const ciphertext = Buffer.from(sealed.ciphertext);
    ciphertext[0] = (ciphertext[0] ?? 0) ^ 0x01;

    expect(() => openSecret(keys, { ...sealed, ciphertext }, boundTo)).toThrow(SealError);
  });

  it('refuses a flipped bit in the tag or the IV (T2)', () => {
    const sealed = sealSecret(keys, secret, boundTo);
    const tag = Buffer.from(sealed.tag);
    tag[15] = (tag[15] ?? 0) ^ 0x80;
    const iv = Buffer.from(sealed.iv);
    iv[3] = (iv[3] ?? 0) ^ 0x10;

    expect(() => openSecret(keys, { ...sealed, tag }, boundTo)).toThrow(SealError);
    expect(() => openSecret(keys, { ...sealed, iv }, boundTo)).toThrow(SealError);
  });

  it('refuses a tag cut to 4 bytes even though its prefix is genuine (T2)', () => {
    const sealed = sealSecret(keys, secret, boundTo);
    const cut = { ...sealed, tag: sealed.tag.subarray(0, 4) };

    expect(() => openSecret(keys, cut, boundTo)).toThrow(/4-byte tag; 16 expected/);
    const stored = decodeSealed(sealed.keyId, encodeSealed(cut));
    expect(() => openSecret(keys, stored, boundTo)).toThrow(SealError);
  });

  it('refuses a value bound to another user (T3)', () => {
    const sealed = sealSecret(keys, secret, boundTo);

    expect(() => openSecret(keys, sealed, 'user-token\u00001000000002')).toThrow(SealError);
  });

  it('opens with a retired key and reports the value as stale', () => {
    const oldText = newKeyText();
    const oldKeys = keysFrom(oldText);
    const rotated = keysFrom(newKeyText(), oldText);
    const sealed = sealSecret(oldKeys, secret, boundTo);

    expect(openSecret(rotated, sealed, boundTo)).toEqual({ plaintext: secret, stale: true });
  });

  it('names the missing key id when the key is no longer configured', () => {
    const sealed = sealSecret(keysFrom(newKeyText()), secret, boundTo);

    expect(() => openSecret(keys, sealed, boundTo)).toThrow(
      `No configured encryption key has id "${sealed.keyId}".`,
    );
  });

  it('round-trips through the stored layout and refuses an unknown layout', () => {
    const sealed = sealSecret(keys, secret, boundTo);
    const stored = encodeSealed(sealed);

    expect(openSecret(keys, decodeSealed(sealed.keyId, stored), boundTo).plaintext).toBe(secret);
    expect(() => decodeSealed(sealed.keyId, Buffer.from([9, 1, 2]))).toThrow(SealError);
    expect(() => decodeSealed(sealed.keyId, stored.subarray(0, 20))).toThrow(/truncated/);
  });

  it('never puts the secret or the key in an error message', () => {
    const sealed = sealSecret(keys, secret, boundTo);
    const error = captureError(() => openSecret(keys, sealed, 'user-token\u0000other'));

    expect(error).toBeInstanceOf(SealError);
    expect(error.message).not.toContain(secret);
    expect(error.message).not.toContain(keys[0].key.toString('base64'));
  });
});

function captureError(run: () => unknown): Error {
  try {
    run();
  } catch (error) {
    if (error instanceof Error) return error;
  }
  throw new Error('expected a throw');
}
