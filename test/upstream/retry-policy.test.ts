import { describe, expect, it } from 'vitest';
import {
  UpstreamBadResponseError,
  UpstreamHttpError,
  UpstreamNetworkError,
  UpstreamRateLimitedError,
  UpstreamTimeoutError,
  UpstreamTokenRejectedError,
} from '../../src/upstream/errors.js';
import { readResponseMeta } from '../../src/upstream/response-meta.js';
import { retryDelay, type FailedAttempt } from '../../src/upstream/retry-policy.js';

const policy = { maxRetries: 2, retryBaseMs: 100, timeoutMs: 1000, random: () => 0.5 };

function failed(error: unknown, extra: Partial<FailedAttempt> = {}): FailedAttempt {
  return {
    error,
    attempt: 0,
    durationMs: 10,
    retryAfterMs: null,
    deadline: undefined,
    now: 1_000_000,
    ...extra,
  };
}

const http = (status: number) => new UpstreamHttpError('x', 'features', status, [], null);

describe('retryDelay', () => {
  it('retries 5xx up to maxRetries with a jittered exponential delay', () => {
    expect(retryDelay(policy, failed(http(500)))).toBe(50);
    expect(retryDelay(policy, failed(http(503), { attempt: 1 }))).toBe(100);
    expect(retryDelay(policy, failed(http(503), { attempt: 2 }))).toBeNull();
  });

  it('never retries a 4xx, a 401, a 429 or a bad body', () => {
    const errors = [
      http(400),
      http(404),
      new UpstreamTokenRejectedError('x', 'features', 401, [], null),
      new UpstreamRateLimitedError('x', 'features', new Date(), [], null),
      new UpstreamBadResponseError('x', 'features'),
      new Error('hook refused'),
    ];
    for (const error of errors) expect(retryDelay(policy, failed(error))).toBeNull();
  });

  it('retries a failure without an answer once at most', () => {
    for (const error of [
      new UpstreamNetworkError('x', 'features'),
      new UpstreamTimeoutError('x', 'features'),
    ]) {
      expect(retryDelay(policy, failed(error))).toBe(50);
      expect(retryDelay(policy, failed(error, { attempt: 1 }))).toBeNull();
    }
  });

  it('skips a retry that could not finish before the deadline', () => {
    const tight = failed(http(500), { durationMs: 100, deadline: 1_000_000 + 149 });
    const enough = failed(http(500), { durationMs: 100, deadline: 1_000_000 + 150 });
    expect(retryDelay(policy, tight)).toBeNull();
    expect(retryDelay(policy, enough)).toBe(50);
  });

  it('waits for retry-after when it is short and gives up when it is long', () => {
    expect(retryDelay(policy, failed(http(503), { retryAfterMs: 300 }))).toBe(300);
    expect(retryDelay(policy, failed(http(503), { retryAfterMs: 5000 }))).toBeNull();
  });
});

describe('readResponseMeta', () => {
  it('prefers the account rate limit and ignores unreadable values', () => {
    const headers = new Headers({
      'x-rate-limit-limit': '2000',
      'x-rate-limit-remaining': '10',
      'x-rate-limit-reset': '1700000000',
      'x-account-rate-limit-limit': '100',
      'x-account-rate-limit-remaining': '7',
      'x-account-rate-limit-reset': '1700000300',
      'x-access-level': 'read-write',
    });
    const received = new Date(1);
    expect(readResponseMeta(200, headers, received)).toEqual({
      status: 200,
      rateLimit: {
        limit: 100,
        remaining: 7,
        resetAt: new Date(1_700_000_300_000),
        scope: 'account',
      },
      accessLevel: 'read-write',
      receivedAt: received,
    });

    headers.set('x-account-rate-limit-remaining', 'lots');
    expect(readResponseMeta(200, headers, received).rateLimit?.scope).toBe('user');
    headers.delete('x-rate-limit-limit');
    headers.delete('x-access-level');
    expect(readResponseMeta(200, headers, received)).toMatchObject({
      rateLimit: null,
      accessLevel: null,
    });
  });
});
