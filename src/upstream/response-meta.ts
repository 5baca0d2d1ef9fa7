/**
 * Reads what every upstream answer says besides its body: status, rate limit and access level.
 * Header values are untrusted text: anything that is not a whole number is ignored, never thrown.
 */
import type { RateLimit, ResponseMeta } from './types.js';

/** How long a 429 without a usable reset header is assumed to last. */
export const DEFAULT_RATE_LIMIT_WINDOW_MS = 60_000;

interface HeaderSource {
  get(name: string): string | null;
}

function wholeNumber(headers: HeaderSource, name: string): number | null {
  const text = headers.get(name)?.trim();
  if (text === undefined || !/^\d{1,15}$/.test(text)) return null;
  return Number(text);
}

function epochSeconds(headers: HeaderSource, name: string): Date | null {
  const seconds = wholeNumber(headers, name);
  return seconds === null ? null : new Date(seconds * 1000);
}

function rateLimitFrom(
  headers: HeaderSource,
  prefix: 'x-account-rate-limit' | 'x-rate-limit',
): RateLimit | null {
  const limit = wholeNumber(headers, `${prefix}-limit`);
  const remaining = wholeNumber(headers, `${prefix}-remaining`);
  const resetAt = epochSeconds(headers, `${prefix}-reset`);
  if (limit === null || remaining === null || resetAt === null) return null;
  return {
    limit,
    remaining,
    resetAt,
    scope: prefix === 'x-account-rate-limit' ? 'account' : 'user',
  };
}

/**
 * Returns the rate limit an answer reports: the ad-account headers when all three are present
 * (they are the binding ones on account endpoints), else the user headers, else null.
 */
export function readRateLimit(headers: HeaderSource): RateLimit | null {
  return rateLimitFrom(headers, 'x-account-rate-limit') ?? rateLimitFrom(headers, 'x-rate-limit');
}

/** Returns the `ResponseMeta` of an answer received at `receivedAt`. */
export function readResponseMeta(
  status: number,
  headers: HeaderSource,
  receivedAt: Date,
): ResponseMeta {
  return {
    status,
    rateLimit: readRateLimit(headers),
    accessLevel: headers.get('x-access-level')?.trim() || null,
    receivedAt,
  };
}

/**
 * Returns when a 429 lifts: `x-account-rate-limit-reset` first, then `x-rate-limit-reset`
 * (epoch seconds), else `receivedAt` + 60 s.
 */
export function readRateLimitReset(headers: HeaderSource, receivedAt: Date): Date {
  return (
    epochSeconds(headers, 'x-account-rate-limit-reset') ??
    epochSeconds(headers, 'x-rate-limit-reset') ??
    new Date(receivedAt.getTime() + DEFAULT_RATE_LIMIT_WINDOW_MS)
  );
}

/**
 * Returns the `retry-after` delay in milliseconds (seconds or an HTTP date), or null when absent
 * or unreadable.
 */
export function readRetryAfterMs(headers: HeaderSource, receivedAt: Date): number | null {
  const seconds = wholeNumber(headers, 'retry-after');
  if (seconds !== null) return seconds * 1000;
  const text = headers.get('retry-after');
  const date = text === null ? NaN : Date.parse(text);
  return Number.isNaN(date) ? null : Math.max(0, date - receivedAt.getTime());
}
