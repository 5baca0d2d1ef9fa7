/**
 * Fixed-window rate limits with X's headers. Every Ads API endpoint has a pool per token
 * (`x-rate-limit-*`); the endpoints under `accounts/:account_id` also have a pool per token and
 * account (`x-account-rate-limit-*`). A call is allowed only when both pools have room, and then
 * spends one from each. Resets are epoch seconds.
 *
 * Limits: 2000 per 15 minutes unless overridden. X's chart lists `GET accounts` as a "global
 * read" at 5 per 15 minutes, but observed headers show 2000 (UNVERIFIED which holds today), so
 * the sandbox uses 2000. The lower limit X documents for `with_total_count=true` is not modelled.
 */
import type { Endpoint } from '../upstream/types.js';

export const DEFAULT_RATE_LIMIT = 2000;
export const DEFAULT_RATE_LIMIT_WINDOW_MS = 15 * 60_000;
/**
 * On account endpoints X's per-token headers show a much larger app-wide quota than the
 * per-account one (its exact size is UNVERIFIED); this factor keeps the per-account pool the one
 * that binds, as X documents.
 */
const TOKEN_POOL_FACTOR = 100;
const PRUNE_ABOVE = 100_000;

export interface RateLimitDecision {
  readonly allowed: boolean;
  /** `x-rate-limit-*` and, for account endpoints, `x-account-rate-limit-*`. */
  readonly headers: Readonly<Record<string, string>>;
}

export interface RateLimits {
  /** Spends one call from the token's pools when both have room. */
  take(
    token: string,
    endpoint: Endpoint,
    accountId: string | null,
    nowMs: number,
  ): RateLimitDecision;
  /** Headers of spent pools that reopen at `resetAt` (for a forced 429). */
  spentHeaders(endpoint: Endpoint, accountId: string | null, resetAt: Date): Record<string, string>;
  /** Forgets every window. */
  reset(): void;
}

export interface RateLimitOptions {
  readonly limits?: Partial<Record<Endpoint, number>>;
  readonly windowMs?: number;
}

interface Window {
  readonly startMs: number;
  used: number;
}

/** Returns empty pools with the given limits. */
export function createRateLimits(options: RateLimitOptions = {}): RateLimits {
  const windowMs = options.windowMs ?? DEFAULT_RATE_LIMIT_WINDOW_MS;
  const windows = new Map<string, Window>();
  const limitOf = (endpoint: Endpoint) => options.limits?.[endpoint] ?? DEFAULT_RATE_LIMIT;
  const tokenLimit = (endpoint: Endpoint, accountId: string | null) =>
    accountId === null ? limitOf(endpoint) : limitOf(endpoint) * TOKEN_POOL_FACTOR;

  const windowFor = (key: string, nowMs: number): Window => {
    const current = windows.get(key);
    if (current && nowMs < current.startMs + windowMs) return current;
    if (windows.size > PRUNE_ABOVE) prune(windows, nowMs - windowMs);
    const fresh = { startMs: nowMs, used: 0 };
    windows.set(key, fresh);
    return fresh;
  };

  return {
    take(token, endpoint, accountId, nowMs) {
      const pools: Pool[] = [
        {
          prefix: 'x-rate-limit',
          limit: tokenLimit(endpoint, accountId),
          window: windowFor(`${token}\n${endpoint}`, nowMs),
        },
      ];
      if (accountId !== null) {
        const window = windowFor(`${token}\n${endpoint}\n${accountId}`, nowMs);
        pools.push({ prefix: 'x-account-rate-limit', limit: limitOf(endpoint), window });
      }
      const allowed = pools.every((pool) => pool.window.used < pool.limit);
      if (allowed) for (const pool of pools) pool.window.used++;
      return { allowed, headers: poolHeaders(pools, windowMs) };
    },
    spentHeaders(endpoint, accountId, resetAt) {
      const reset = String(Math.ceil(resetAt.getTime() / 1000));
      const headers = rateHeaders(
        'x-rate-limit',
        String(tokenLimit(endpoint, accountId)),
        '0',
        reset,
      );
      if (accountId === null) return headers;
      const account = rateHeaders('x-account-rate-limit', String(limitOf(endpoint)), '0', reset);
      return { ...headers, ...account };
    },
    reset: () => windows.clear(),
  };
}

interface Pool {
  readonly prefix: string;
  readonly limit: number;
  readonly window: Window;
}

function poolHeaders(pools: readonly Pool[], windowMs: number): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const { prefix, limit, window } of pools) {
    const remaining = String(Math.max(0, limit - window.used));
    const reset = String(Math.ceil((window.startMs + windowMs) / 1000));
    Object.assign(headers, rateHeaders(prefix, String(limit), remaining, reset));
  }
  return headers;
}

function rateHeaders(prefix: string, limit: string, remaining: string, reset: string) {
  return {
    [`${prefix}-limit`]: limit,
    [`${prefix}-remaining`]: remaining,
    [`${prefix}-reset`]: reset,
  };
}

function prune(windows: Map<string, Window>, startedBeforeMs: number): void {
  for (const [key, window] of windows) if (window.startMs <= startedBeforeMs) windows.delete(key);
}
