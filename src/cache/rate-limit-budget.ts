/**
 * The rate-limit budget: what the upstream's rate-limit headers and 429s said about each
 * token's windows, so that calls stop before the upstream refuses them (and the cache is
 * preferred while the budget runs low).
 *
 * Windows are kept per user scope (token + endpoint, from `x-rate-limit-*`) and per account
 * scope (token + endpoint + account, from `x-account-rate-limit-*`). The exact limits for the
 * endpoints this service reads are UNVERIFIED upstream, so only what the headers say is trusted.
 */
import { LRUCache } from 'lru-cache';

import type { CallTarget } from '../upstream/ads-api.js';
import { UpstreamRateLimitedError } from '../upstream/errors.js';
import type { ResponseMeta } from '../upstream/types.js';
import { fraction, nonNegative, positiveInteger } from './option-checks.js';

export interface RateLimitBudgetOptions {
  /** Calls held back from each window, for calls already in flight; default 2. */
  reserve?: number;
  /** 'low' at or under this share of the limit; default 0.1. */
  lowFraction?: number;
  /** How many windows are remembered (LRU); default 10,000. */
  maxWindows?: number;
  /** Epoch milliseconds; `Date.now` by default. */
  now?: () => number;
}

export type BudgetState =
  { kind: 'ok' } | { kind: 'low'; resetAt: Date } | { kind: 'spent'; resetAt: Date };

export interface RateLimitBudget {
  /** Notes the window a response's rate-limit headers describe; plug into
   *  AdsClientHooks.onResponse. A response without them changes nothing. */
  record(target: CallTarget, meta: ResponseMeta): void;
  /** The worst of the key's user-scope (token+endpoint) and account-scope
   *  (token+endpoint+account) windows; a window whose reset has passed is 'ok' again.
   *  'spent' = remaining ≤ reserve, or a 429 seen and its reset not passed. */
  state(target: CallTarget): BudgetState;
  /** Throws UpstreamRateLimitedError (meta null, resetAt) when spent; plug into beforeRequest. */
  beforeRequest(target: CallTarget): void;
  /** After a 429: the target's narrowest scope (account when it has one) is spent until
   *  `resetAt`. The response's own headers, when present, are noted by `record`. */
  noteRateLimited(target: CallTarget, resetAt: Date): void;
}

interface Window {
  readonly limit: number;
  readonly remaining: number;
  readonly resetAt: number;
}

const DEFAULT_MAX_WINDOWS = 10_000;
const SEVERITY = { ok: 0, low: 1, spent: 2 } as const;

/** Returns an in-process budget. Throws RangeError for a negative reserve, a fraction outside
 *  [0, 1] or a window bound below 1. */
export function createRateLimitBudget(options: RateLimitBudgetOptions = {}): RateLimitBudget {
  const reserve = nonNegative('reserve', options.reserve ?? 2);
  const lowFraction = fraction('lowFraction', options.lowFraction ?? 0.1);
  const max = positiveInteger('maxWindows', options.maxWindows ?? DEFAULT_MAX_WINDOWS);
  const now = options.now ?? Date.now;
  const windows = new LRUCache<string, Window>({ max });

  /** The window's state, forgetting it once its reset has passed. */
  function judge(key: string): BudgetState {
    const window = windows.get(key);
    if (window === undefined) return { kind: 'ok' };
    if (window.resetAt <= now()) {
      windows.delete(key);
      return { kind: 'ok' };
    }
    const resetAt = new Date(window.resetAt);
    if (window.remaining <= reserve) return { kind: 'spent', resetAt };
    if (window.remaining <= lowFraction * window.limit) return { kind: 'low', resetAt };
    return { kind: 'ok' };
  }

  /** Keeps the newest window; within one window, the lowest remaining count seen wins, since
   *  answers of concurrent calls arrive in any order. */
  function merge(key: string, next: Window): void {
    const previous = windows.get(key);
    if (previous === undefined || previous.resetAt <= now() || next.resetAt > previous.resetAt) {
      windows.set(key, next);
    } else if (next.resetAt === previous.resetAt && next.remaining < previous.remaining) {
      windows.set(key, next);
    }
  }

  function state(target: CallTarget): BudgetState {
    return worst(judge(userKey(target)), judge(accountKey(target)));
  }

  return {
    record(target, meta) {
      const rateLimit = meta.rateLimit;
      if (rateLimit === null) return;
      const key = rateLimit.scope === 'user' ? userKey(target) : accountKey(target);
      const remaining = meta.status === 429 ? 0 : rateLimit.remaining;
      merge(key, { limit: rateLimit.limit, remaining, resetAt: rateLimit.resetAt.getTime() });
    },

    state,

    beforeRequest(target) {
      const current = state(target);
      if (current.kind === 'spent') throw spentError(target, current.resetAt);
    },

    noteRateLimited(target, resetAt) {
      const key = target.accountId === null ? userKey(target) : accountKey(target);
      const previous = windows.get(key);
      const until = Math.max(resetAt.getTime(), previous?.resetAt ?? 0);
      windows.set(key, { limit: previous?.limit ?? 0, remaining: 0, resetAt: until });
    },
  };
}

function userKey(target: CallTarget): string {
  return JSON.stringify([target.token, target.endpoint]);
}

function accountKey(target: CallTarget): string {
  return JSON.stringify([target.token, target.endpoint, target.accountId]);
}

/** The more severe state; between two of the same kind, the one that resets later. */
function worst(a: BudgetState, b: BudgetState): BudgetState {
  if (SEVERITY[a.kind] !== SEVERITY[b.kind]) return SEVERITY[a.kind] > SEVERITY[b.kind] ? a : b;
  if (a.kind === 'ok' || b.kind === 'ok') return a;
  return a.resetAt >= b.resetAt ? a : b;
}

function spentError(target: CallTarget, resetAt: Date): UpstreamRateLimitedError {
  const where = target.accountId === null ? '' : ` for account "${target.accountId}"`;
  return new UpstreamRateLimitedError(
    `Upstream ${target.endpoint}${where} not called: the rate-limit budget is spent until ${resetAt.toISOString()}.`,
    target.endpoint,
    resetAt,
    [],
    null,
  );
}
