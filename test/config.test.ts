import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.js';

const KEY = Buffer.alloc(32, 7).toString('base64');

function refusal(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.message;
    throw error;
  }
  throw new Error('loadConfig accepted the configuration');
}

describe('loadConfig', () => {
  it('chooses sandbox mode with no credentials and documented defaults', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      mode: 'sandbox',
      port: 4000,
      host: '127.0.0.1',
      publicUrl: 'http://localhost:4000',
      adsApiUrl: 'https://ads-api.x.com',
      adsApiVersion: '12',
      apiUrl: 'https://api.x.com',
      appTier: 'standard',
      databasePath: './data/x-ads-access.db',
      sandboxPort: 4010,
      logLevel: 'info',
    });
    expect(config.encryptionKeys[0].key).toHaveLength(32);
  });

  it('chooses single-user mode with a static token and multi-user mode without one', () => {
    const app = { X_CONSUMER_KEY: 'k', X_CONSUMER_SECRET: 's', TOKEN_ENCRYPTION_KEY: KEY };
    expect(loadConfig({ ...app, X_ACCESS_TOKEN: 't', X_ACCESS_TOKEN_SECRET: 'ts' }).mode).toBe(
      'single-user',
    );
    expect(loadConfig(app).mode).toBe('multi-user');
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT must be a whole number from 0 to 65535, got "abc".'],
    [
      { X_ADS_API_VERSION: 'twelve' },
      'X_ADS_API_VERSION must be a whole number from 1 to 1000, got "twelve".',
    ],
    [
      { X_APP_ACCESS: 'full' },
      'X_APP_ACCESS must be one of standard, conversion-only, got "full".',
    ],
    [{ X_ADS_API_URL: 'ftp://x' }, 'X_ADS_API_URL must be an http(s) URL, got "ftp://x".'],
    [
      { LOG_LEVEL: 'loud' },
      'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent, got "loud".',
    ],
    [{ X_CONSUMER_KEY: 'k' }, 'X_CONSUMER_SECRET must be set when X_CONSUMER_KEY is.'],
    [
      { X_ACCESS_TOKEN: 't', X_ACCESS_TOKEN_SECRET: 's' },
      'X_ACCESS_TOKEN is set but X_CONSUMER_KEY is not',
    ],
    [{ DATABASE_URL: 'mysql://db' }, 'DATABASE_URL must look like sqlite:<path>'],
    [
      { CORS_ORIGINS: 'https://a.example.com/path' },
      'CORS_ORIGINS must be a comma-separated list of origins',
    ],
  ])('refuses %j with one line naming the variable', (env, message) => {
    const text = refusal(env);
    expect(text).toContain(message);
    expect(text).not.toContain('\n');
  });

  it('never echoes a secret in a refusal', () => {
    const text = refusal({
      X_CONSUMER_KEY: 'k',
      X_CONSUMER_SECRET: 'very-secret-value',
      TOKEN_ENCRYPTION_KEY: 'short',
    });
    expect(text).toContain('TOKEN_ENCRYPTION_KEY');
    expect(text).not.toContain('very-secret-value');
    expect(text).not.toContain('short');
  });
});
