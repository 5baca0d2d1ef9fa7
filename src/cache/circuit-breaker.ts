/**
 * A circuit breaker per key: once the upstream has failed many times in a row, calls for that
 * key are refused at once for a cool-down, so a sustained outage costs neither upstream calls
 * nor waiting time; then one trial call decides whether to close again.
 */
import { LRUCache } from 'lru-cache';

import {
  UpstreamDeadlineError,
  UpstreamError,
  UpstreamHttpError,
  UpstreamNetworkError,
  UpstreamTimeoutError,
} from '../upstream/errors.js';
import { nonNegative, positiveInteger } from './option-checks.js';

export interface CircuitBreakerOptions {
  /** Consecutive failures that open the circuit; default 5. */
  failureThreshold?: number;
  /** How long an open circuit refuses calls; default 30 s. */
  cooldownMs?: number;
  /** How many failing keys are remembered (LRU); default 1,000. */
  maxKeys?: number;
  /** Epoch milliseconds; `Date.now` by default. */
  now?: () => number;
}

export type CircuitState = 'closed' | 'open' | 'half-open';

export interface CircuitBreaker {
  /** Runs fn unless the circuit for `key` is open, in which case it rejects at once with
   *  UpstreamNetworkError ("… not called: the upstream failed N times in a row; next try at …").
   *  Counts consecutive failures that are UpstreamHttpError with status ≥ 500,
   *  UpstreamNetworkError or UpstreamTimeoutError; any other outcome resets the count. After
   *  `failureThreshold` (default 5) it opens for `cooldownMs` (default 30 s), then lets one trial
   *  call through (half-open); other calls are refused while the trial runs. The trial's
   *  failure opens the circuit again; any other outcome closes it. fn's own result or error is
   *  passed through unchanged. */
  run<T>(key: string, fn: () => Promise<T>): Promise<T>;
  state(key: string): CircuitState;
}

/** A key with failures on record; a key absent from the map is closed with none. */
interface Failures {
  count: number;
  last: UpstreamError;
  openUntil: number | null;
  trialRunning: boolean;
}

/** Returns an in-process breaker. Throws RangeError for a threshold or key bound below 1, or a
 *  negative cool-down. */
export function createCircuitBreaker(options: CircuitBreakerOptions = {}): CircuitBreaker {
  const threshold = positiveInteger('failureThreshold', options.failureThreshold ?? 5);
  const cooldownMs = nonNegative('cooldownMs', options.cooldownMs ?? 30_000);
  const max = positiveInteger('maxKeys', options.maxKeys ?? 1_000);
  const now = options.now ?? Date.now;
  const failures = new LRUCache<string, Failures>({ max });

  function state(key: string): CircuitState {
    const record = failures.get(key);
    if (record?.openUntil == null) return 'closed';
    return now() < record.openUntil ? 'open' : 'half-open';
  }

  function recordFailure(key: string, error: UpstreamError, wasTrial: boolean): void {
    const record = failures.get(key);
    const count = (record?.count ?? 0) + 1;
    const opens = wasTrial || count >= threshold;
    const openUntil = opens ? now() + cooldownMs : null;
    failures.set(key, { count, last: error, openUntil, trialRunning: false });
  }

  function settle(key: string, error: unknown, wasTrial: boolean): void {
    if (error instanceof UpstreamDeadlineError) {
      // Nothing was sent: no news about the upstream. A trial may run again.
      const record = failures.get(key);
      if (record) record.trialRunning = false;
    } else if (isOutageError(error)) recordFailure(key, error, wasTrial);
    else failures.delete(key);
  }

  async function run<T>(key: string, fn: () => Promise<T>): Promise<T> {
    const current = state(key);
    const record = failures.get(key);
    if (current !== 'closed' && record !== undefined) {
      if (current === 'open' || record.trialRunning) throw refusal(record);
      record.trialRunning = true;
    }
    const wasTrial = current === 'half-open';
    try {
      const result = await fn();
      failures.delete(key);
      return result;
    } catch (error) {
      settle(key, error, wasTrial);
      throw error;
    }
  }

  return { run, state };
}

/** The failures that signal an outage rather than an answer about this particular call. */
function isOutageError(error: unknown): error is UpstreamError {
  if (error instanceof UpstreamHttpError) return error.status >= 500;
  return error instanceof UpstreamNetworkError || error instanceof UpstreamTimeoutError;
}

function refusal(record: Failures): UpstreamNetworkError {
  const next =
    record.trialRunning || record.openUntil === null
      ? 'a trial call is in flight'
      : `next try at ${new Date(record.openUntil).toISOString()}`;
  return new UpstreamNetworkError(
    `Upstream ${record.last.endpoint} not called: the upstream failed ${record.count} times in a row; ${next}.`,
    record.last.endpoint,
    { cause: record.last },
  );
}
