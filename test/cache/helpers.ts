/** Test doubles for the cache layer: a settable clock and promises settled by hand. */
import type { CallTarget } from '../../src/upstream/ads-api.js';
import type { AccountId, ResponseMeta } from '../../src/upstream/types.js';

export interface FakeClock {
  now: () => number;
  advance: (ms: number) => void;
}

export function fakeClock(start = Date.UTC(2025, 0, 1)): FakeClock {
  let time = start;
  return {
    now: () => time,
    advance: (ms) => {
      time += ms;
    },
  };
}

export interface Deferred<T> {
  promise: Promise<T>;
  resolve: (value: T) => void;
  reject: (error: unknown) => void;
}

export function deferred<T>(): Deferred<T> {
  let resolve: (value: T) => void = () => undefined;
  let reject: (error: unknown) => void = () => undefined;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** Lets queued promise callbacks run. */
export async function flush(): Promise<void> {
  for (let i = 0; i < 10; i += 1) await Promise.resolve();
}

export function target(
  endpoint: CallTarget['endpoint'],
  accountId: string | null = null,
  token = 'token-a',
): CallTarget {
  return { token, endpoint, accountId: accountId as AccountId | null };
}

export function meta(overrides: Partial<ResponseMeta> = {}): ResponseMeta {
  return {
    status: 200,
    rateLimit: null,
    accessLevel: null,
    receivedAt: new Date(0),
    ...overrides,
  };
}
