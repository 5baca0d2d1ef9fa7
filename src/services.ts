/**
 * Builds the running service's shared parts from a validated `Config`: the signed client with
 * the rate-limit budget and access-level tracker on its hooks, the cross-request cache, breaker
 * and fan-out limit, the token store, the OAuth client and the identity of the mode. Used by
 * `main.ts` and by the tests, so both run the same wiring.
 */
import {
  createAccessLevelTracker,
  createCircuitBreaker,
  createFactCache,
  createFanOutLimiter,
  createRateLimitBudget,
  type FactCache,
} from './cache/index.js';
import type { Config } from './config.js';
import type { Sandbox } from './sandbox/index.js';
import type { RequestServices } from './context.js';
import type { UpstreamDeps } from './loaders/fact-reader.js';
import type { Logger } from './logger.js';
import { createAdsClient } from './upstream/client.js';
import type { ResponseMeta } from './upstream/types.js';
import { createOAuthClient, type OAuthClient } from './upstream/oauth.js';
import { openStore } from './store/sqlite-store.js';
import type { Store } from './store/store.js';
import {
  sandboxIdentity,
  sessionIdentity,
  staticTokenIdentity,
  type Identify,
  type PersonaIdentity,
} from './auth/identity.js';
import { revokeUser } from './auth/revoke.js';
import { resolveSessionViewer } from './auth/session.js';

export interface Services extends RequestServices {
  readonly config: Config;
  readonly store: Store;
  readonly oauth: OAuthClient;
  readonly cache: FactCache;
  /** Closes the store; in-flight requests are the server's to finish first. */
  close(): Promise<void>;
}

export interface ServicesOptions {
  readonly logger: Logger;
  /** Sandbox mode: the personas a request may pick, and the default one. */
  readonly personas?: { readonly list: readonly PersonaIdentity[]; readonly defaultKey: string };
  /** Replaces the global fetch for upstream calls (tests). */
  readonly fetch?: typeof globalThis.fetch;
  readonly upstreamRetries?: number;
}

export function createServices(config: Config, options: ServicesOptions): Services {
  const consumer = requireConsumer(config);
  const budget = createRateLimitBudget();
  const accessLevels = createAccessLevelTracker();
  const api = createAdsClient({
    baseUrl: config.adsApiUrl,
    version: config.adsApiVersion,
    consumerKey: consumer.token,
    consumerSecret: consumer.secret,
    timeoutMs: config.upstreamTimeoutMs,
    ...(options.upstreamRetries !== undefined ? { maxRetries: options.upstreamRetries } : {}),
    ...(options.fetch ? { fetch: options.fetch } : {}),
    beforeRequest: (target) => budget.beforeRequest(target),
    onResponse: (target, meta) => {
      budget.record(target, meta);
      if (meta.status === 429) budget.noteRateLimited(target, rateLimitReset(meta));
      accessLevels.record(target, meta);
    },
  });
  const cache = createFactCache({
    maxEntries: config.cache.maxEntries,
    staleMs: config.cache.staleMs,
    ttlMs: {
      accountList: config.cache.accountsTtlMs,
      account: config.cache.accountsTtlMs,
      access: config.cache.accessTtlMs,
      promotableUsers: config.cache.promotableUsersTtlMs,
      features: config.cache.featuresTtlMs,
    },
  });
  const upstream: UpstreamDeps = {
    api,
    cache,
    budget,
    breaker: createCircuitBreaker(),
    fanOut: createFanOutLimiter({ perUser: config.upstreamConcurrencyPerUser }),
  };
  const store = openStore({ path: config.databasePath, keys: config.encryptionKeys });
  const oauth = createOAuthClient({
    apiUrl: config.apiUrl,
    consumerKey: consumer.token,
    consumerSecret: consumer.secret,
    timeoutMs: config.upstreamTimeoutMs,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });

  return {
    config,
    store,
    oauth,
    cache,
    upstream,
    accessLevels,
    appTier: config.appTier,
    requestDeadlineMs: config.requestDeadlineMs,
    logger: options.logger,
    identify: identityFor(config, store, options),
    onTokenRejected: async (viewer, userKey) => {
      cache.purgeUser(userKey);
      if (viewer.source === 'session' && viewer.userId) await revokeUser(store, viewer.userId);
      options.logger.warn({ userKey }, 'X rejected a stored token: signed the user out');
    },
    close: async () => store.close(),
  };
}

function requireConsumer(config: Config) {
  if (!config.consumer) {
    throw new Error('createServices needs consumer credentials (the sandbox supplies its own).');
  }
  return config.consumer;
}

function identityFor(config: Config, store: Store, options: ServicesOptions): Identify {
  const sessions = (request: Request) => resolveSessionViewer(request, store);
  if (config.mode === 'single-user' && config.staticToken) {
    return staticTokenIdentity(config.staticToken);
  }
  if (config.mode === 'sandbox' && options.personas) {
    return sandboxIdentity({
      personas: options.personas.list,
      defaultPersona: options.personas.defaultKey,
      sessions,
    });
  }
  return sessionIdentity(sessions);
}

/** In sandbox mode the sandbox plays both X hosts, with its own public test app credentials. */
export function pointAtSandbox(config: Config, sandbox: Sandbox): Config {
  return {
    ...config,
    adsApiUrl: sandbox.url,
    adsApiVersion: sandbox.version,
    apiUrl: sandbox.url,
    consumer: { token: sandbox.consumer.key, secret: sandbox.consumer.secret },
  };
}

export function sandboxPersonas(sandbox: Sandbox): NonNullable<ServicesOptions['personas']> {
  return { list: sandbox.personas, defaultKey: sandbox.defaultPersona.key };
}

/** When a 429 says the window reopens; a minute when X sent no reset (UNVERIFIED: it always does). */
function rateLimitReset(meta: ResponseMeta): Date {
  return meta.rateLimit?.resetAt ?? new Date(meta.receivedAt.getTime() + 60_000);
}
