import { describe, expect, it } from 'vitest';

import { createFanOutLimiter } from '../../src/cache/fan-out.js';
import { deferred, flush } from './helpers.js';
import type { Deferred } from './helpers.js';

/** Runs `count` tasks for `user`, each held open by a deferred, tracking the peak in flight. */
function launch(limiter: ReturnType<typeof createFanOutLimiter>, user: string, count: number) {
  const gates: Deferred<number>[] = [];
  let inFlight = 0;
  let peak = 0;
  const started: number[] = [];
  const results = Array.from({ length: count }, (_, i) => {
    const gate = deferred<number>();
    gates.push(gate);
    return limiter.run(user, async () => {
      started.push(i);
      inFlight += 1;
      peak = Math.max(peak, inFlight);
      try {
        return await gate.promise;
      } finally {
        inFlight -= 1;
      }
    });
  });
  return { gates, results, started, peak: () => peak };
}

describe('FanOutLimiter', () => {
  it('never runs more than perUser of one user at once and runs them in call order', async () => {
    const limiter = createFanOutLimiter({ perUser: 3 });
    const alice = launch(limiter, 'alice', 10);
    await flush();

    expect(limiter.active('alice')).toBe(3);
    for (let i = 0; i < 10; i += 1) {
      alice.gates[i]?.resolve(i);
      await flush();
    }

    expect(await Promise.all(alice.results)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(alice.started).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(alice.peak()).toBe(3);
  });

  it("lets another user proceed while one user's lane is full", async () => {
    const limiter = createFanOutLimiter({ perUser: 2 });
    const alice = launch(limiter, 'alice', 5);
    const bob = launch(limiter, 'bob', 2);
    await flush();

    expect(limiter.active('alice')).toBe(2);
    expect(limiter.active('bob')).toBe(2);
    bob.gates.forEach((gate, i) => gate.resolve(i));
    expect(await Promise.all(bob.results)).toEqual([0, 1]);
    expect(alice.started).toEqual([0, 1]);

    alice.gates.forEach((gate, i) => gate.resolve(i));
    await Promise.all(alice.results);
    expect(alice.peak()).toBe(2);
  });

  it('passes a rejection through and frees the slot', async () => {
    const limiter = createFanOutLimiter({ perUser: 1 });
    const failure = new Error('boom');

    await expect(limiter.run('alice', async () => Promise.reject(failure))).rejects.toBe(failure);
    await expect(limiter.run('alice', async () => 'next')).resolves.toBe('next');
    expect(limiter.active('alice')).toBe(0);
  });

  it('reports no activity for an idle or unknown user', async () => {
    const limiter = createFanOutLimiter({ perUser: 2 });
    const alice = launch(limiter, 'alice', 1);
    await flush();
    expect(limiter.active('alice')).toBe(1);

    alice.gates[0]?.resolve(0);
    await Promise.all(alice.results);

    expect(limiter.active('alice')).toBe(0);
    expect(limiter.active('nobody')).toBe(0);
  });

  it('refuses a limit below one', () => {
    expect(() => createFanOutLimiter({ perUser: 0 })).toThrow(RangeError);
  });
});
