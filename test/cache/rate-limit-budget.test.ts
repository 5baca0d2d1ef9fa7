import { describe, expect, it } from 'vitest';

import { createRateLimitBudget } from '../../src/cache/rate-limit-budget.js';
import { UpstreamRateLimitedError } from '../../src/upstream/errors.js';
import type { RateLimit } from '../../src/upstream/types.js';
import { fakeClock, meta, target } from './helpers.js';

const MINUTE = 60_000;

function setup() {
  const clock = fakeClock();
  const budget = createRateLimitBudget({ now: clock.now });
  const resetAt = new Date(clock.now() + 15 * MINUTE);
  const headers = (remaining: number, scope: RateLimit['scope'], limit = 100) =>
    meta({ rateLimit: { limit, remaining, resetAt, scope } });
  return { budget, clock, resetAt, headers };
}

describe('RateLimitBudget', () => {
  it('is ok for a key it has never heard of', () => {
    const { budget } = setup();

    expect(budget.state(target('accounts'))).toEqual({ kind: 'ok' });
    expect(() => budget.beforeRequest(target('accounts'))).not.toThrow();
  });

  it('goes from ok to low to spent as the remaining count falls', () => {
    const { budget, resetAt, headers } = setup();
    const accounts = target('accounts');

    budget.record(accounts, headers(50, 'user'));
    expect(budget.state(accounts)).toEqual({ kind: 'ok' });
    budget.record(accounts, headers(10, 'user'));
    expect(budget.state(accounts)).toEqual({ kind: 'low', resetAt });
    budget.record(accounts, headers(2, 'user'));
    expect(budget.state(accounts)).toEqual({ kind: 'spent', resetAt });
  });

  it('keeps the lowest remaining count when answers of one window arrive out of order', () => {
    const { budget, headers } = setup();
    const accounts = target('accounts');

    budget.record(accounts, headers(1, 'user'));
    budget.record(accounts, headers(60, 'user'));

    expect(budget.state(accounts).kind).toBe('spent');
  });

  it('limits an account-scope window to its account and a user-scope one to all', () => {
    const { budget, headers } = setup();
    const acc1 = target('authenticated_user_access', 'acc1');
    const acc2 = target('authenticated_user_access', 'acc2');

    budget.record(acc1, headers(0, 'account'));
    expect(budget.state(acc1).kind).toBe('spent');
    expect(budget.state(acc2).kind).toBe('ok');

    budget.record(acc2, headers(5, 'user'));
    expect(budget.state(acc1).kind).toBe('spent');
    expect(budget.state(acc2).kind).toBe('low');
    expect(budget.state(target('authenticated_user_access', 'acc3')).kind).toBe('low');
  });

  it('keeps tokens and endpoints apart', () => {
    const { budget, headers } = setup();

    budget.record(target('features', 'acc1'), headers(0, 'account'));

    expect(budget.state(target('features', 'acc1', 'token-b')).kind).toBe('ok');
    expect(budget.state(target('promotable_users', 'acc1')).kind).toBe('ok');
  });

  it('is ok again once the reset time has passed', () => {
    const { budget, clock, headers } = setup();
    const accounts = target('accounts');
    budget.record(accounts, headers(0, 'user'));

    clock.advance(15 * MINUTE);

    expect(budget.state(accounts)).toEqual({ kind: 'ok' });
    expect(() => budget.beforeRequest(accounts)).not.toThrow();
  });

  it('ignores a late answer from a window that has already been replaced', () => {
    const { budget, clock, resetAt } = setup();
    const accounts = target('accounts');
    const later = new Date(resetAt.getTime() + 15 * MINUTE);
    budget.record(
      accounts,
      meta({ rateLimit: { limit: 100, remaining: 0, resetAt: later, scope: 'user' } }),
    );

    budget.record(
      accounts,
      meta({ rateLimit: { limit: 100, remaining: 99, resetAt, scope: 'user' } }),
    );

    expect(budget.state(accounts)).toEqual({ kind: 'spent', resetAt: later });
    clock.advance(30 * MINUTE);
    expect(budget.state(accounts).kind).toBe('ok');
  });

  it('is spent after a 429 until its reset, whatever the headers said before', () => {
    const { budget, clock, headers } = setup();
    const acc1 = target('authenticated_user_access', 'acc1');
    const resetAt = new Date(clock.now() + 20 * MINUTE);
    budget.record(acc1, headers(80, 'account'));

    budget.noteRateLimited(acc1, resetAt);

    expect(budget.state(acc1)).toEqual({ kind: 'spent', resetAt });
    expect(budget.state(target('authenticated_user_access', 'acc2')).kind).toBe('ok');
    clock.advance(20 * MINUTE);
    expect(budget.state(acc1).kind).toBe('ok');
  });

  it('treats a 429 answer carrying rate-limit headers as spent', () => {
    const { budget, resetAt } = setup();
    const accounts = target('accounts');

    budget.record(
      accounts,
      meta({ status: 429, rateLimit: { limit: 5, remaining: 4, resetAt, scope: 'user' } }),
    );

    expect(budget.state(accounts)).toEqual({ kind: 'spent', resetAt });
  });

  it('refuses a spent call with UpstreamRateLimitedError carrying resetAt and no meta', () => {
    const { budget, resetAt, headers } = setup();
    const acc1 = target('authenticated_user_access', 'acc1');
    budget.record(acc1, headers(1, 'account'));

    let thrown: unknown;
    try {
      budget.beforeRequest(acc1);
    } catch (error) {
      thrown = error;
    }

    expect(thrown).toBeInstanceOf(UpstreamRateLimitedError);
    const error = thrown as UpstreamRateLimitedError;
    expect(error.resetAt).toEqual(resetAt);
    expect(error.meta).toBeNull();
    expect(error.status).toBe(429);
    expect(error.endpoint).toBe('authenticated_user_access');
    expect(error.message).toContain('"acc1"');
    expect(error.message).not.toContain('token-a');
  });

  it('lets a low budget through beforeRequest', () => {
    const { budget, headers } = setup();
    const accounts = target('accounts');
    budget.record(accounts, headers(8, 'user'));

    expect(() => budget.beforeRequest(accounts)).not.toThrow();
  });

  it('honours a custom reserve and low fraction', () => {
    const clock = fakeClock();
    const budget = createRateLimitBudget({ reserve: 0, lowFraction: 0.5, now: clock.now });
    const resetAt = new Date(clock.now() + MINUTE);
    const accounts = target('accounts');

    budget.record(
      accounts,
      meta({ rateLimit: { limit: 10, remaining: 1, resetAt, scope: 'user' } }),
    );
    expect(budget.state(accounts).kind).toBe('low');
    budget.record(
      accounts,
      meta({ rateLimit: { limit: 10, remaining: 0, resetAt, scope: 'user' } }),
    );
    expect(budget.state(accounts).kind).toBe('spent');
  });

  it('changes nothing for an answer without rate-limit headers', () => {
    const { budget } = setup();

    budget.record(target('accounts'), meta({ status: 429 }));

    expect(budget.state(target('accounts'))).toEqual({ kind: 'ok' });
  });

  it('refuses a negative reserve or a fraction above one', () => {
    expect(() => createRateLimitBudget({ reserve: -1 })).toThrow(RangeError);
    expect(() => createRateLimitBudget({ lowFraction: 2 })).toThrow(/lowFraction/);
  });
});
