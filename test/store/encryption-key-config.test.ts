import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';

const multiUser = { X_CONSUMER_KEY: 'consumer-key', X_CONSUMER_SECRET: 'consumer-secret' };

function startUpError(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('loadConfig accepted the environment');
}

describe('TOKEN_ENCRYPTION_KEY at start-up (T4)', () => {
  it('refuses multi-user mode without a key, in one line naming the variable', () => {
    const error = startUpError(multiUser);

    expect(error.message).toContain('TOKEN_ENCRYPTION_KEY');
    expect(error.message).not.toContain('\n');
  });

  it('refuses a key of 16 bytes and says how many bytes it got', () => {
    const short = randomBytes(16).toString('base64');
    const error = startUpError({ ...multiUser, TOKEN_ENCRYPTION_KEY: short });

    expect(error.message).toMatch(/^TOKEN_ENCRYPTION_KEY must be base64 of exactly 32 bytes/);
    expect(error.message).toContain('got 16 bytes');
    expect(error.message).not.toContain(short);
  });

  it('refuses a key that is not base64 without echoing it', () => {
    const malformed = 'not*base64*at*all*but*long*enough*to*be*a*key!!';
    const error = startUpError({ ...multiUser, TOKEN_ENCRYPTION_KEY: malformed });

    expect(error.message).toContain('TOKEN_ENCRYPTION_KEY');
    expect(error.message).toContain('not base64');
    expect(error.message).not.toContain(malformed);
    expect(error.message).not.toContain('\n');
  });

  it('refuses a malformed retired key naming TOKEN_ENCRYPTION_PREVIOUS_KEYS', () => {
    const error = startUpError({
      ...multiUser,
      TOKEN_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
      TOKEN_ENCRYPTION_PREVIOUS_KEYS: randomBytes(8).toString('base64'),
    });

    expect(error.message).toMatch(/^TOKEN_ENCRYPTION_PREVIOUS_KEYS must be base64/);
  });

  it('accepts a 32-byte key and lists retired keys after it with distinct ids', () => {
    const current = randomBytes(32);
    const retired = randomBytes(32);
    const config = loadConfig({
      ...multiUser,
      TOKEN_ENCRYPTION_KEY: current.toString('base64'),
      TOKEN_ENCRYPTION_PREVIOUS_KEYS: retired.toString('base64'),
    });

    expect(config.encryptionKeys.map((key) => key.key)).toEqual([current, retired]);
    expect(config.encryptionKeys[0].id).not.toBe(config.encryptionKeys[1]?.id);
  });
});
