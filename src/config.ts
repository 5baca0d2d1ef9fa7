/**
 * Environment → validated `Config`. The variable names are the service's public contract (see the
 * README). `loadConfig` throws `ConfigError` whose message is one line naming the variable and
 * what it expects; it never echoes a secret's value.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { AppTier } from './capabilities/index.js';
import type { UserToken } from './upstream/types.js';

export type Mode = 'sandbox' | 'single-user' | 'multi-user';
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface EncryptionKey {
  /** Stored beside every sealed value so keys can rotate. */
  readonly id: string;
  readonly key: Buffer;
}

export interface Config {
  readonly mode: Mode;
  readonly port: number;
  readonly host: string;
  readonly publicUrl: string;
  /** The app's consumer credentials; in sandbox mode the sandbox's own public test pair. */
  readonly consumer: UserToken | null;
  /** The static user token of single-user mode. */
  readonly staticToken: UserToken | null;
  readonly adsApiUrl: string;
  readonly adsApiVersion: string;
  readonly apiUrl: string;
  readonly appTier: AppTier;
  readonly databasePath: string;
  /** The key new secrets are sealed with, then older keys still accepted for opening. */
  readonly encryptionKeys: readonly [EncryptionKey, ...EncryptionKey[]];
  readonly sandboxPort: number;
  readonly logLevel: LogLevel;
  readonly production: boolean;
  /** GraphQL introspection; defaults to on outside production. */
  readonly introspection: boolean;
  /** Origins allowed to call with credentials; empty means same-origin only. */
  readonly corsOrigins: readonly string[];
  readonly upstreamTimeoutMs: number;
  /** Per-request deadline for the whole GraphQL answer. */
  readonly requestDeadlineMs: number;
  readonly cache: CacheConfig;
  /** Most upstream calls in flight at once for one user. */
  readonly upstreamConcurrencyPerUser: number;
  /** Limits on one GraphQL request; see the README's "Security and limits". */
  readonly queryLimits: QueryLimits;
  /** How long shutdown waits for in-flight requests before closing their connections. */
  readonly shutdownGraceMs: number;
}

/** How long upstream facts are reused; see the README's "Caching and rate limits". */
export interface CacheConfig {
  readonly accountsTtlMs: number;
  readonly accessTtlMs: number;
  readonly promotableUsersTtlMs: number;
  readonly featuresTtlMs: number;
  /** How long past its lifetime a fact may still be served, marked stale, when X cannot answer. */
  readonly staleMs: number;
  readonly maxEntries: number;
}

/** Limits on one GraphQL request, checked before it runs. */
export interface QueryLimits {
  /** Deepest field nesting of an operation (fragments add no level). */
  readonly maxDepth: number;
  readonly maxAliases: number;
  /** Lexical tokens of the document (variables are not part of it). */
  readonly maxTokens: number;
  readonly maxDirectives: number;
  /** Estimated cost: see the README's "Security and limits" for how it is counted. */
  readonly maxCost: number;
  /** Bytes of the request body. */
  readonly maxBodyBytes: number;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

type Env = Readonly<Record<string, string | undefined>>;

/** Reads and validates the whole configuration; throws ConfigError on the first bad value. */
export function loadConfig(env: Env): Config {
  const consumer = pair(env, 'X_CONSUMER_KEY', 'X_CONSUMER_SECRET');
  const staticToken = pair(env, 'X_ACCESS_TOKEN', 'X_ACCESS_TOKEN_SECRET');
  if (staticToken && !consumer) {
    throw new ConfigError(
      'X_ACCESS_TOKEN is set but X_CONSUMER_KEY is not: a user token needs the app credentials it was issued to.',
    );
  }
  const mode: Mode = !consumer ? 'sandbox' : staticToken ? 'single-user' : 'multi-user';
  const port = portNumber(env, 'PORT', 4000);
  const production = env['NODE_ENV'] === 'production';

  return {
    mode,
    port,
    host: text(env, 'HOST') ?? '127.0.0.1',
    publicUrl: httpUrl(env, 'PUBLIC_URL') ?? `http://localhost:${port}`,
    consumer,
    staticToken,
    adsApiUrl: httpUrl(env, 'X_ADS_API_URL') ?? 'https://ads-api.x.com',
    adsApiVersion: wholeNumber(env, 'X_ADS_API_VERSION', 12, 1, 1000).toString(),
    apiUrl: httpUrl(env, 'X_API_URL') ?? 'https://api.x.com',
    appTier: oneOf(env, 'X_APP_ACCESS', ['standard', 'conversion-only'], 'standard'),
    databasePath: sqlitePath(env),
    encryptionKeys: encryptionKeys(env, mode),
    sandboxPort: portNumber(env, 'SANDBOX_PORT', 4010),
    logLevel: oneOf(env, 'LOG_LEVEL', LOG_LEVELS, 'info'),
    production,
    introspection: bool(env, 'GRAPHQL_INTROSPECTION', !production),
    corsOrigins: origins(env, 'CORS_ORIGINS'),
    upstreamTimeoutMs: wholeNumber(env, 'UPSTREAM_TIMEOUT_MS', 5000, 100, 120_000),
    requestDeadlineMs: wholeNumber(env, 'REQUEST_DEADLINE_MS', 15_000, 200, 300_000),
    cache: cacheConfig(env),
    upstreamConcurrencyPerUser: wholeNumber(env, 'UPSTREAM_CONCURRENCY_PER_USER', 200, 1, 1000),
    queryLimits: queryLimits(env),
    shutdownGraceMs: wholeNumber(env, 'SHUTDOWN_GRACE_MS', 10_000, 0, 300_000),
  };
}

/**
 * The defaults admit every operation in `operations/` and one page of 1000 accounts with every
 * field selected once; see the README's "Security and limits".
 */
function queryLimits(env: Env): QueryLimits {
  return {
    maxDepth: wholeNumber(env, 'GRAPHQL_MAX_DEPTH', 8, 1, 100),
    maxAliases: wholeNumber(env, 'GRAPHQL_MAX_ALIASES', 15, 0, 1000),
    maxTokens: wholeNumber(env, 'GRAPHQL_MAX_TOKENS', 5000, 100, 1_000_000),
    maxDirectives: wholeNumber(env, 'GRAPHQL_MAX_DIRECTIVES', 20, 0, 1000),
    maxCost: wholeNumber(env, 'GRAPHQL_MAX_COST', 300_000, 1, 100_000_000),
    maxBodyBytes: wholeNumber(env, 'GRAPHQL_MAX_BODY_BYTES', 102_400, 1024, 100_000_000),
  };
}

function cacheConfig(env: Env): CacheConfig {
  const seconds = (name: string, fallback: number) =>
    1000 * wholeNumber(env, name, fallback, 0, 86_400);
  return {
    accountsTtlMs: seconds('CACHE_TTL_ACCOUNTS_SECONDS', 300),
    accessTtlMs: seconds('CACHE_TTL_ACCESS_SECONDS', 120),
    promotableUsersTtlMs: seconds('CACHE_TTL_PROMOTABLE_USERS_SECONDS', 600),
    featuresTtlMs: seconds('CACHE_TTL_FEATURES_SECONDS', 600),
    staleMs: seconds('CACHE_STALE_SECONDS', 3600),
    maxEntries: wholeNumber(env, 'CACHE_MAX_ENTRIES', 200_000, 100, 10_000_000),
  };
}

function text(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value ? value : undefined;
}

function pair(env: Env, keyName: string, secretName: string): UserToken | null {
  const token = text(env, keyName);
  const secret = text(env, secretName);
  if (!token && !secret) return null;
  if (!token) throw new ConfigError(`${keyName} must be set when ${secretName} is.`);
  if (!secret) throw new ConfigError(`${secretName} must be set when ${keyName} is.`);
  return { token, secret };
}

function wholeNumber(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = text(env, name);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < min || value > max) {
    throw new ConfigError(`${name} must be a whole number from ${min} to ${max}, got "${raw}".`);
  }
  return value;
}

function portNumber(env: Env, name: string, fallback: number): number {
  return wholeNumber(env, name, fallback, 0, 65_535);
}

function httpUrl(env: Env, name: string): string | undefined {
  const raw = text(env, name);
  if (raw === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(`${name} must be an http(s) URL, got "${raw}".`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ConfigError(`${name} must be an http(s) URL, got "${raw}".`);
  }
  return raw.replace(/\/+$/, '');
}

function oneOf<T extends string>(env: Env, name: string, values: readonly T[], fallback: T): T {
  const raw = text(env, name);
  if (raw === undefined) return fallback;
  const found = values.find((value) => value === raw);
  if (!found) throw new ConfigError(`${name} must be one of ${values.join(', ')}, got "${raw}".`);
  return found;
}

function bool(env: Env, name: string, fallback: boolean): boolean {
  const raw = text(env, name);
  if (raw === undefined) return fallback;
  if (raw === 'true' || raw === '1') return true;
  if (raw === 'false' || raw === '0') return false;
  throw new ConfigError(`${name} must be true or false, got "${raw}".`);
}

function origins(env: Env, name: string): string[] {
  const raw = text(env, name);
  if (raw === undefined) return [];
  return raw.split(',').map((origin) => {
    const trimmed = origin.trim();
    try {
      const url = new URL(trimmed);
      if (url.origin === trimmed) return trimmed;
    } catch {
      // reported below
    }
    throw new ConfigError(
      `${name} must be a comma-separated list of origins like https://app.example.com, got "${trimmed}".`,
    );
  });
}

function sqlitePath(env: Env): string {
  const raw = text(env, 'DATABASE_URL') ?? 'sqlite:./data/x-ads-access.db';
  if (raw.startsWith('sqlite:') && raw.length > 'sqlite:'.length)
    return raw.slice('sqlite:'.length);
  if (raw.startsWith('postgres://') || raw.startsWith('postgresql://')) {
    throw new ConfigError(
      'DATABASE_URL: PostgreSQL is not supported by this build yet; use sqlite:<path>.',
    );
  }
  throw new ConfigError(`DATABASE_URL must look like sqlite:<path>, got "${raw.split(':')[0]}:…".`);
}

/**
 * TOKEN_ENCRYPTION_KEY is base64 of exactly 32 bytes; TOKEN_ENCRYPTION_PREVIOUS_KEYS optionally
 * lists retired keys (comma-separated) still accepted for opening. A key's id is derived from the
 * key itself, so no second variable can disagree with it. In sandbox mode a missing key is
 * generated for the run; elsewhere it is required.
 */
function encryptionKeys(env: Env, mode: Mode): [EncryptionKey, ...EncryptionKey[]] {
  const raw = text(env, 'TOKEN_ENCRYPTION_KEY');
  if (raw === undefined && mode === 'sandbox') return [keyFrom(randomBytes(32))];
  if (raw === undefined) {
    throw new ConfigError(
      'TOKEN_ENCRYPTION_KEY must be set (base64 of 32 random bytes, e.g. from `openssl rand -base64 32`) when X_CONSUMER_KEY is set.',
    );
  }
  const previous = (text(env, 'TOKEN_ENCRYPTION_PREVIOUS_KEYS') ?? '')
    .split(',')
    .filter((entry) => entry.trim() !== '')
    .map((entry) => keyFrom(decodeKey('TOKEN_ENCRYPTION_PREVIOUS_KEYS', entry.trim())));
  return [keyFrom(decodeKey('TOKEN_ENCRYPTION_KEY', raw)), ...previous];
}

function decodeKey(name: string, raw: string): Buffer {
  const valid = /^[A-Za-z0-9+/]+={0,2}$/.test(raw) && raw.length % 4 === 0;
  const key = Buffer.from(raw, 'base64');
  if (!valid || key.length !== 32) {
    throw new ConfigError(
      `${name} must be base64 of exactly 32 bytes (got ${valid ? `${key.length} bytes` : 'text that is not base64'}).`,
    );
  }
  return key;
}

function keyFrom(key: Buffer): EncryptionKey {
  const id = createKeyId(key);
  return { id, key };
}

function createKeyId(key: Buffer): string {
  return createHash('sha256')
    .update('x-ads-access key id\0')
    .update(key)
    .digest('hex')
    .slice(0, 12);
}
