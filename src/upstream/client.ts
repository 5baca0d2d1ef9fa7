/**
 * `createAdsClient`: the `AdsApi` implementation over HTTP, signed with OAuth 1.0a. Each method
 * lives in its resource file; this one wires options, signer and the shared GET pipeline.
 */
import { fetchAccount, fetchAccountsByIds, fetchAccountsPage } from './accounts.js';
import type { AdsApi, AdsClientHooks } from './ads-api.js';
import { fetchAuthenticatedUserAccess } from './authenticated-user-access.js';
import { fetchAccountFeatures } from './features.js';
import { createHttpClient } from './http-client.js';
import { fetchPromotableUsers } from './promotable-users.js';
import { createSigner } from './sign-request.js';

export interface AdsClientOptions extends AdsClientHooks {
  /** Ads API origin, e.g. `https://ads-api.x.com` or a sandbox URL; no version. */
  readonly baseUrl: string;
  /** First path element of every call, e.g. `12`. */
  readonly version: string;
  readonly consumerKey: string;
  readonly consumerSecret: string;
  /** Per-attempt limit covering headers and body; default 5000 ms. */
  readonly timeoutMs?: number;
  /** Extra attempts for 5xx, network errors and timeouts (GET only); default 2. */
  readonly maxRetries?: number;
  /** Base of the full-jitter exponential backoff; default 100 ms. */
  readonly retryBaseMs?: number;
  /** default `globalThis.fetch` */
  readonly fetch?: typeof globalThis.fetch;
}

function checkOptions(options: AdsClientOptions): void {
  const base = URL.canParse(options.baseUrl) ? new URL(options.baseUrl) : null;
  if (base === null || (base.protocol !== 'http:' && base.protocol !== 'https:')) {
    throw new TypeError(`Ads API baseUrl must be an http(s) URL, got "${options.baseUrl}".`);
  }
  if (!/^[0-9A-Za-z.]+$/.test(options.version)) {
    throw new TypeError(`Ads API version must be like "12", got "${options.version}".`);
  }
  for (const [name, value, min] of [
    ['timeoutMs', options.timeoutMs, 1],
    ['maxRetries', options.maxRetries, 0],
    ['retryBaseMs', options.retryBaseMs, 0],
  ] as const) {
    if (value !== undefined && (!Number.isSafeInteger(value) || value < min)) {
      throw new TypeError(
        `Ads client option ${name} must be a whole number ≥ ${min}, got ${value}.`,
      );
    }
  }
}

/**
 * Returns an `AdsApi` bound to one app's consumer credentials. Throws a TypeError on a bad
 * option. Every method rejects only with `UpstreamError` subclasses (or the error thrown by
 * `beforeRequest`/`onResponse`); see `HttpClient.getJson` for which and when.
 */
export function createAdsClient(options: AdsClientOptions): AdsApi {
  checkOptions(options);
  const http = createHttpClient({
    apiBase: `${options.baseUrl.replace(/\/+$/, '')}/${options.version}`,
    signer: createSigner({
      consumerKey: options.consumerKey,
      consumerSecret: options.consumerSecret,
    }),
    fetch: options.fetch ?? globalThis.fetch,
    timeoutMs: options.timeoutMs ?? 5000,
    maxRetries: options.maxRetries ?? 2,
    retryBaseMs: options.retryBaseMs ?? 100,
    hooks: { beforeRequest: options.beforeRequest, onResponse: options.onResponse },
  });

  return {
    listAccounts: (token, params, call) =>
      params.accountIds === undefined
        ? fetchAccountsPage(http, token, params, call)
        : fetchAccountsByIds(http, token, { ...params, accountIds: params.accountIds }, call),
    getAccount: (token, accountId, call) => fetchAccount(http, token, accountId, call),
    getAuthenticatedUserAccess: (token, accountId, call) =>
      fetchAuthenticatedUserAccess(http, token, accountId, call),
    listPromotableUsers: (token, accountId, params, call) =>
      fetchPromotableUsers(http, token, accountId, params, call),
    getAccountFeatures: (token, accountId, call) =>
      fetchAccountFeatures(http, token, accountId, call),
  };
}
