/**
 * When a failed GET may be tried again, and after how long. Retries are for transient failures
 * only: 5xx answers, network errors and timeouts; never a 4xx (401 and 429 included), and never
 * a wait for a rate-limit reset. A failure without any answer (refused, reset, timed out) is
 * retried at most once: a host that did not answer twice is down, and more attempts would only
 * spend the caller's deadline.
 */
import { UpstreamHttpError, UpstreamNetworkError, UpstreamTimeoutError } from './errors.js';

export interface RetryPolicy {
  readonly maxRetries: number;
  readonly retryBaseMs: number;
  /** The per-attempt time limit; a 5xx asking to wait longer than this is not retried. */
  readonly timeoutMs: number;
  /** Uniform [0, 1) source for the jitter; default Math.random (no secrecy needed). */
  readonly random?: () => number;
}

export interface FailedAttempt {
  readonly error: unknown;
  /** 0 for the first attempt. */
  readonly attempt: number;
  /** How long the failed attempt took: the estimate for the next one. */
  readonly durationMs: number;
  /** `retry-after` of a 5xx answer, in milliseconds. */
  readonly retryAfterMs: number | null;
  /** Epoch ms by which a retry must finish, if the caller set one. */
  readonly deadline: number | undefined;
  readonly now: number;
}

/** Retries allowed after failures that brought no HTTP answer at all. */
export const MAX_RETRIES_WITHOUT_ANSWER = 1;

/** True for the failures worth another attempt: 5xx, network errors, timeouts. */
export function isTransient(error: unknown): boolean {
  if (error instanceof UpstreamHttpError) return error.status >= 500;
  return error instanceof UpstreamNetworkError || error instanceof UpstreamTimeoutError;
}

/**
 * Returns the delay before the next attempt, or null when there must be none: the failure is not
 * transient, the retries are spent (`maxRetries`, or one when there was no answer), a 5xx asked
 * to wait longer than one attempt's time limit, or the retry could not finish before `deadline`
 * (estimated from the failed attempt's duration).
 * The delay is full-jitter exponential: uniform in [0, retryBaseMs × 2^attempt), raised to
 * `retry-after` when the upstream sent one.
 */
export function retryDelay(policy: RetryPolicy, failed: FailedAttempt): number | null {
  if (!isTransient(failed.error)) return null;
  const answered = failed.error instanceof UpstreamHttpError;
  const limit = answered
    ? policy.maxRetries
    : Math.min(policy.maxRetries, MAX_RETRIES_WITHOUT_ANSWER);
  if (failed.attempt >= limit) return null;
  if (failed.retryAfterMs !== null && failed.retryAfterMs > policy.timeoutMs) return null;

  const random = policy.random ?? Math.random;
  const jitter = Math.floor(random() * policy.retryBaseMs * 2 ** failed.attempt);
  const delay = Math.max(jitter, failed.retryAfterMs ?? 0);
  if (failed.deadline !== undefined && failed.now + delay + failed.durationMs > failed.deadline) {
    return null;
  }
  return delay;
}
