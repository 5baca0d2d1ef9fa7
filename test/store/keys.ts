import { randomBytes } from 'node:crypto';
import { loadConfig } from '../../src/config.js';
import type { SealKeys } from '../../src/store/seal.js';

/** A fresh base64 key as an operator would set it in TOKEN_ENCRYPTION_KEY. */
export function newKeyText(): string {
  return randomBytes(32).toString('base64');
}

/** The keys `loadConfig` derives for multi-user mode from a current and retired keys. */
export function keysFrom(current: string, ...previous: string[]): SealKeys {
  return loadConfig({
    X_CONSUMER_KEY: 'consumer-key',
    X_CONSUMER_SECRET: 'consumer-secret',
    TOKEN_ENCRYPTION_KEY: current,
    TOKEN_ENCRYPTION_PREVIOUS_KEYS: previous.join(','),
  }).encryptionKeys;
}
