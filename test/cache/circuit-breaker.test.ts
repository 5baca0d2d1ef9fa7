import { describe, expect, it, vi } from 'vitest';

import { createCircuitBreaker } from '../../src/cache/circuit-breaker.js';
import {
  UpstreamBadResponseError,
  UpstreamDeadlineError,
  UpstreamHttpError,
  UpstreamNetworkError,
  UpstreamRateLimitedError,
  UpstreamTimeoutError,
} from '../../src/upstream/errors.js';
import { deferred, fakeClock } from './helpers.js';

const unavailable = () => new UpstreamHttpError('503 from accounts', 'accounts', 503, [], null);

function setup() {
  const clock = fakeClock();
  const breaker = createCircuitBreaker({ failureThreshold: 3, cooldownMs: 30_000, now: clock.now });
  const failing = vi.fn(async (): Promise<string> => Promise.reject(unavailable()));
  const ok = vi.fn(async () => 'ok');
  return { breaker, clock, failing, ok };
}

async function failTimes(
  breaker: ReturnType<typeof createCircuitBreaker>,
  fn: () => Promise<string>,
  times: number,
): Promise<void> {
  for (let i = 0; i < times; i += 1) await expect(breaker.run('accounts', fn)).rejects.toThrow();
}

describe('CircuitBreaker', () => {
  it('passes results and errors through while closed', async () => {
    const { breaker, failing, ok } = setup();

    await expect(breaker.run('accounts', ok)).resolves.toBe('ok');
    await expect(breaker.run('accounts', failing)).rejects.toBeInstanceOf(UpstreamHttpError);
    expect(breaker.state('accounts')).toBe('closed');
  });

  it('opens after the threshold of failures in a row and then refuses without a call', async () => {
    const { breaker, clock, failing, ok } = setup();
    await failTimes(breaker, failing, 3);

    const refused = breaker.run('accounts', ok);

    await expect(refused).rejects.toBeInstanceOf(UpstreamNetworkError);
    await expect(refused).rejects.toThrow(
      `Upstream accounts not called: the upstream failed 3 times in a row; next try at ${new Date(clock.now() + 30_000).toISOString()}.`,
    );
    expect(breaker.state('accounts')).toBe('open');
    expect(failing).toHaveBeenCalledTimes(3);
    expect(ok).not.toHaveBeenCalled();
  });

  it('counts network errors and timeouts as failures too', async () => {
    const { breaker } = setup();
    const errors = [
      new UpstreamNetworkError('reset', 'accounts'),
      new UpstreamTimeoutError('timeout', 'accounts'),
      unavailable(),
    ];

    for (const error of errors) {
      await expect(breaker.run('accounts', async () => Promise.reject(error))).rejects.toBe(error);
    }

    expect(breaker.state('accounts')).toBe('open');
  });

  it('resets the count on a success or on an answer that is not an outage', async () => {
    const { breaker, failing, ok } = setup();
    const notOutages = [
      new UpstreamRateLimitedError('429', 'accounts', new Date(), [], null),
      new UpstreamHttpError('403', 'accounts', 403, [], null),
      new UpstreamBadResponseError('html', 'accounts'),
    ];

    await failTimes(breaker, failing, 2);
    await breaker.run('accounts', ok);
    await failTimes(breaker, failing, 2);
    for (const error of notOutages) {
      await expect(breaker.run('accounts', async () => Promise.reject(error))).rejects.toBe(error);
      await failTimes(breaker, failing, 2);
    }

    expect(breaker.state('accounts')).toBe('closed');
  });

  it('neither counts nor clears a call refused because its deadline passed before sending', async () => {
    const { breaker, failing } = setup();
    const late = vi.fn(async (): Promise<string> =>
      Promise.reject(new UpstreamDeadlineError('deadline passed', 'accounts')),
    );
    await failTimes(breaker, late, 10);
    expect(breaker.state('accounts')).toBe('closed');

    await failTimes(breaker, failing, 2);
    await failTimes(breaker, late, 1);
    await failTimes(breaker, failing, 1);
    expect(breaker.state('accounts')).toBe('open');
  });

  it('keeps keys apart', async () => {
    const { breaker, failing, ok } = setup();
    await failTimes(breaker, failing, 3);

    await expect(breaker.run('features', ok)).resolves.toBe('ok');
    expect(breaker.state('features')).toBe('closed');
  });

  it('lets one trial call through after the cool-down and closes when it succeeds', async () => {
    const { breaker, clock, failing } = setup();
    await failTimes(breaker, failing, 3);
    clock.advance(30_000);
    expect(breaker.state('accounts')).toBe('half-open');
    const trial = deferred<string>();
    const trialFn = vi.fn(() => trial.promise);

    const first = breaker.run('accounts', trialFn);
    const second = breaker.run('accounts', trialFn);

    await expect(second).rejects.toThrow(/a trial call is in flight/);
    trial.resolve('back');
    await expect(first).resolves.toBe('back');
    expect(trialFn).toHaveBeenCalledTimes(1);
    expect(breaker.state('accounts')).toBe('closed');
  });

  it('opens again for a full cool-down when the trial call fails', async () => {
    const { breaker, clock, failing, ok } = setup();
    await failTimes(breaker, failing, 3);
    clock.advance(30_000);

    await expect(breaker.run('accounts', failing)).rejects.toBeInstanceOf(UpstreamHttpError);

    expect(breaker.state('accounts')).toBe('open');
    await expect(breaker.run('accounts', ok)).rejects.toBeInstanceOf(UpstreamNetworkError);
    clock.advance(29_999);
    expect(breaker.state('accounts')).toBe('open');
    clock.advance(1);
    await expect(breaker.run('accounts', ok)).resolves.toBe('ok');
    expect(breaker.state('accounts')).toBe('closed');
  });

  it('uses a threshold of five and a 30-second cool-down by default', async () => {
    const clock = fakeClock();
    const breaker = createCircuitBreaker({ now: clock.now });
    const failing = async (): Promise<string> => Promise.reject(unavailable());

    await failTimes(breaker, failing, 4);
    expect(breaker.state('accounts')).toBe('closed');
    await failTimes(breaker, failing, 1);
    expect(breaker.state('accounts')).toBe('open');
    clock.advance(30_000);
    expect(breaker.state('accounts')).toBe('half-open');
  });
});
