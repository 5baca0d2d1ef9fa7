import { describe, expect, it, vi } from 'vitest';

import { createFactCache } from '../../src/cache/fact-cache.js';
import type { FactCacheOptions, FactKey } from '../../src/cache/fact-cache.js';
import { deferred, fakeClock, flush } from './helpers.js';
import type { FakeClock } from './helpers.js';

const TTL = 60_000;
const STALE = 300_000;

function setup(overrides: Partial<FactCacheOptions> = {}) {
  const clock = fakeClock();
  const cache = createFactCache({
    maxEntries: 100,
    ttlMs: { accountList: TTL, account: TTL, access: TTL, promotableUsers: TTL, features: 5_000 },
    staleMs: STALE,
    now: clock.now,
    ...overrides,
  });
  return { cache, clock };
}

function key(user: string, kind: FactKey['kind'], id: string): FactKey {
  return { user, kind, id };
}

const ALICE_ACCESS = key('alice', 'access', 'acc1');

describe('FactCache: loads and hits', () => {
  it('calls load once for 50 concurrent gets of one key and gives each the value', async () => {
    const { cache } = setup();
    const gate = deferred<string>();
    const load = vi.fn(() => gate.promise);

    const pending = Array.from({ length: 50 }, () => cache.get(ALICE_ACCESS, load));
    gate.resolve('ADMIN');
    const results = await Promise.all(pending);

    expect(load).toHaveBeenCalledTimes(1);
    expect(results.map((r) => r.value)).toEqual(Array(50).fill('ADMIN'));
    expect(results.every((r) => r.source === 'LIVE' && !r.stale)).toBe(true);
    expect(cache.stats()).toMatchObject({ loads: 1, misses: 50, hits: 0, entries: 1 });
  });

  it('answers a fresh key from the cache with the time of its load', async () => {
    const { cache, clock } = setup();
    const loadedAt = clock.now();
    await cache.get(ALICE_ACCESS, async () => 'ADMIN');
    clock.advance(TTL - 1);
    const load = vi.fn(async () => 'OTHER');

    const result = await cache.get(ALICE_ACCESS, load);

    expect(result).toEqual({
      value: 'ADMIN',
      source: 'CACHED',
      checkedAt: new Date(loadedAt),
      stale: false,
    });
    expect(load).not.toHaveBeenCalled();
    expect(cache.stats().hits).toBe(1);
  });

  it('loads again once the time-to-live and the stale window have both passed', async () => {
    const { cache, clock } = setup();
    await cache.get(ALICE_ACCESS, async () => 'OLD');
    clock.advance(TTL + STALE);
    const load = vi.fn(async () => 'NEW');

    const result = await cache.get(ALICE_ACCESS, load);

    expect(load).toHaveBeenCalledTimes(1);
    expect(result).toMatchObject({ value: 'NEW', source: 'LIVE', stale: false });
    expect(cache.peek(ALICE_ACCESS)?.value).toBe('NEW');
  });

  it('applies the time-to-live of the key kind', async () => {
    const { cache, clock } = setup();
    const features = key('alice', 'features', 'acc1');
    await cache.get(features, async () => ['F1']);
    await cache.get(ALICE_ACCESS, async () => 'ADMIN');
    clock.advance(5_000);

    expect(cache.peek(features)?.stale).toBe(true);
    expect(cache.peek(ALICE_ACCESS)?.stale).toBe(false);
  });

  it('rejects every waiter with the load error and stores nothing', async () => {
    const { cache } = setup();
    const gate = deferred<string>();
    const failure = new Error('upstream down');

    const pending = Array.from({ length: 5 }, () => cache.get(ALICE_ACCESS, () => gate.promise));
    gate.reject(failure);
    const outcomes = await Promise.allSettled(pending);

    expect(outcomes.every((o) => o.status === 'rejected' && o.reason === failure)).toBe(true);
    expect(cache.peek(ALICE_ACCESS)).toBeUndefined();
    const retry = vi.fn(async () => 'ADMIN');
    expect((await cache.get(ALICE_ACCESS, retry)).value).toBe('ADMIN');
    expect(retry).toHaveBeenCalledTimes(1);
  });

  it('turns a load that throws synchronously into a rejection', async () => {
    const { cache } = setup();
    const load = (): Promise<string> => {
      throw new TypeError('bad load');
    };

    await expect(cache.get(ALICE_ACCESS, load)).rejects.toBeInstanceOf(TypeError);
    expect(cache.stats().entries).toBe(0);
  });
});

describe('FactCache: stale entries', () => {
  async function staleCache(): Promise<{
    cache: ReturnType<typeof setup>['cache'];
    clock: FakeClock;
  }> {
    const { cache, clock } = setup();
    await cache.get(ALICE_ACCESS, async () => 'OLD');
    clock.advance(TTL + 1);
    return { cache, clock };
  }

  it('returns a stale value at once and refreshes it once in the background', async () => {
    const { cache } = await staleCache();
    const gate = deferred<string>();
    const load = vi.fn(() => gate.promise);

    const first = await cache.get(ALICE_ACCESS, load);
    const second = await cache.get(ALICE_ACCESS, load);

    expect(first).toMatchObject({ value: 'OLD', source: 'CACHED', stale: true });
    expect(second).toMatchObject({ value: 'OLD', stale: true });
    expect(load).toHaveBeenCalledTimes(1);

    gate.resolve('NEW');
    await flush();
    const third = await cache.get(ALICE_ACCESS, load);
    expect(third).toMatchObject({ value: 'NEW', source: 'CACHED', stale: false });
    expect(load).toHaveBeenCalledTimes(1);
    expect(cache.stats()).toMatchObject({ staleServed: 2, hits: 1, loads: 2 });
  });

  it("returns a stale value without any load when refresh is 'none'", async () => {
    const { cache } = await staleCache();
    const load = vi.fn(async () => 'NEW');

    const result = await cache.get(ALICE_ACCESS, load, { refresh: 'none' });
    await flush();

    expect(result).toMatchObject({ value: 'OLD', stale: true });
    expect(load).not.toHaveBeenCalled();
  });

  it('keeps the stale value and counts the failure when a background refresh rejects', async () => {
    const { cache } = await staleCache();

    await cache.get(ALICE_ACCESS, async () => Promise.reject(new Error('503')));
    await flush();

    expect(cache.peek(ALICE_ACCESS)).toMatchObject({ value: 'OLD', stale: true });
    expect(cache.stats().refreshFailures).toBe(1);
  });

  it("loads despite a fresh entry when refresh is 'bypass', and stores the result", async () => {
    const { cache } = setup();
    await cache.get(ALICE_ACCESS, async () => 'OLD');
    const load = vi.fn(async () => 'NEW');

    const result = await cache.get(ALICE_ACCESS, load, { refresh: 'bypass' });

    expect(result).toMatchObject({ value: 'NEW', source: 'LIVE' });
    expect(load).toHaveBeenCalledTimes(1);
    expect(cache.peek(ALICE_ACCESS)?.value).toBe('NEW');
  });

  it('serves the stale value instead of the error when a load fails', async () => {
    const { cache } = await staleCache();

    const result = await cache.get(ALICE_ACCESS, async () => Promise.reject(new Error('429')), {
      refresh: 'bypass',
    });

    expect(result).toMatchObject({ value: 'OLD', source: 'CACHED', stale: true });
  });

  it('throws the load error when the entry is past its stale window', async () => {
    const { cache, clock } = await staleCache();
    clock.advance(STALE);
    const failure = new Error('503');

    await expect(cache.get(ALICE_ACCESS, async () => Promise.reject(failure))).rejects.toBe(
      failure,
    );
  });

  it('peeks at stale entries without loading and forgets them after the window', async () => {
    const { cache, clock } = await staleCache();

    expect(cache.peek(ALICE_ACCESS)).toMatchObject({ value: 'OLD', source: 'CACHED', stale: true });
    clock.advance(STALE);
    expect(cache.peek(ALICE_ACCESS)).toBeUndefined();
    expect(cache.stats()).toMatchObject({ entries: 0, loads: 1 });
  });
});

describe('FactCache: invalidation and isolation', () => {
  async function filled() {
    const { cache, clock } = setup();
    const keys = [
      key('alice', 'accountList', 'all'),
      key('alice', 'access', 'acc1'),
      key('alice', 'features', 'acc1'),
      key('alice', 'access', 'acc2'),
      key('bob', 'access', 'acc1'),
    ];
    for (const k of keys) await cache.get(k, async () => `${k.user}:${k.kind}:${k.id}`);
    return { cache, clock, keys };
  }

  it("drops the given accounts' facts and the user's account lists only", async () => {
    const { cache } = await filled();

    const dropped = cache.invalidate('alice', { accountIds: ['acc1'] });

    expect(dropped).toBe(3);
    expect(cache.peek(key('alice', 'accountList', 'all'))).toBeUndefined();
    expect(cache.peek(key('alice', 'access', 'acc1'))).toBeUndefined();
    expect(cache.peek(key('alice', 'features', 'acc1'))).toBeUndefined();
    expect(cache.peek(key('alice', 'access', 'acc2'))?.value).toBe('alice:access:acc2');
    expect(cache.peek(key('bob', 'access', 'acc1'))?.value).toBe('bob:access:acc1');
  });

  it("drops all of a user's facts and leaves other users' facts", async () => {
    const { cache } = await filled();

    expect(cache.invalidate('alice')).toBe(4);
    expect(cache.purgeUser('alice')).toBe(0);
    expect(cache.stats().entries).toBe(1);
    expect(cache.peek(key('bob', 'access', 'acc1'))?.value).toBe('bob:access:acc1');
  });

  it('does not store a load that was in flight when its user was purged', async () => {
    const { cache } = setup();
    const gate = deferred<string>();
    const pending = cache.get(ALICE_ACCESS, () => gate.promise);

    cache.purgeUser('alice');
    gate.resolve('BEFORE_REVOKE');

    expect(await pending).toMatchObject({ value: 'BEFORE_REVOKE', source: 'LIVE' });
    expect(cache.peek(ALICE_ACCESS)).toBeUndefined();
    expect(cache.stats().entries).toBe(0);
  });

  it('starts a new load after invalidation instead of joining the older one', async () => {
    const { cache } = setup();
    const old = deferred<string>();
    const before = cache.get(ALICE_ACCESS, () => old.promise);
    cache.invalidate('alice', { accountIds: ['acc1'] });
    const load = vi.fn(async () => 'AFTER');

    const after = await cache.get(ALICE_ACCESS, load);
    old.resolve('BEFORE');
    await before;

    expect(after.value).toBe('AFTER');
    expect(load).toHaveBeenCalledTimes(1);
    expect(cache.peek(ALICE_ACCESS)?.value).toBe('AFTER');
  });

  it("never answers one user's key from another user's entry", async () => {
    const { cache } = setup();
    await cache.get(key('alice', 'access', 'shared'), async () => 'ACCOUNT_ADMIN');
    const bobLoad = vi.fn(async () => 'ANALYST');

    const bob = await cache.get(key('bob', 'access', 'shared'), bobLoad);
    const alice = await cache.get(key('alice', 'access', 'shared'), bobLoad);

    expect(bob).toMatchObject({ value: 'ANALYST', source: 'LIVE' });
    expect(alice).toMatchObject({ value: 'ACCOUNT_ADMIN', source: 'CACHED' });
    expect(bobLoad).toHaveBeenCalledTimes(1);
  });

  it('keeps keys apart whose parts would run together if joined', async () => {
    const { cache } = setup();
    await cache.get(key('a', 'access', 'b c'), async () => 1);

    expect(cache.peek(key('a b', 'access', 'c'))).toBeUndefined();
    expect(cache.peek(key('a', 'access', 'b c'))?.value).toBe(1);
  });
});

describe('FactCache: bound', () => {
  it('holds at most maxEntries, evicting the least recently used and counting it', async () => {
    const { cache } = setup({ maxEntries: 3 });
    for (const id of ['a1', 'a2', 'a3'])
      await cache.get(key('alice', 'access', id), async () => id);
    await cache.get(key('alice', 'access', 'a1'), async () => 'unused');

    for (const id of ['a4', 'a5']) await cache.get(key('alice', 'access', id), async () => id);

    expect(cache.stats()).toMatchObject({ entries: 3, maxEntries: 3, evictions: 2 });
    expect(cache.peek(key('alice', 'access', 'a1'))?.value).toBe('a1');
    expect(cache.peek(key('alice', 'access', 'a2'))).toBeUndefined();
    expect(cache.invalidate('alice')).toBe(3);
  });

  it('refuses a bound below one entry or a negative duration', () => {
    expect(() => setup({ maxEntries: 0 })).toThrow(RangeError);
    expect(() => setup({ staleMs: -1 })).toThrow(/staleMs must be/);
  });
});
