/**
 * The cross-request fact cache: upstream facts kept per user, fresh for a time-to-live, then
 * servable as stale for a further window, loaded once for all concurrent callers of a key
 * (single-flight) and bounded by an LRU over all users.
 *
 * Every key carries the user, so one user's entry never answers another user's key, even when
 * both reach the same ad account with different roles.
 */
import { LRUCache } from 'lru-cache';

import { nonNegative, positiveInteger } from './option-checks.js';

export type FactKind = 'accountList' | 'account' | 'access' | 'promotableUsers' | 'features';

/** `id` is the account id for account-keyed kinds, and a caller-chosen list key otherwise. */
export interface FactKey {
  readonly user: string;
  readonly kind: FactKind;
  readonly id: string;
}

export interface CachedFact<T> {
  readonly value: T;
  /** LIVE: this call waited for the load. CACHED: answered from a stored entry. */
  readonly source: 'LIVE' | 'CACHED';
  /** When the value was loaded from the upstream. */
  readonly checkedAt: Date;
  /** True once the entry is past its time-to-live (still within `staleMs`). */
  readonly stale: boolean;
}

export interface FactCacheOptions {
  /** LRU bound over all users; the least recently used entry goes first. */
  maxEntries: number;
  /** How long a loaded value stays fresh, per kind. */
  ttlMs: Record<FactKind, number>;
  /** After the time-to-live, how long a value may still be served as stale. */
  staleMs: number;
  /** Epoch milliseconds; `Date.now` by default. */
  now?: () => number;
}

export interface GetOptions {
  /** 'background' (default): a stale hit is returned at once and refreshed once in the
   *  background; 'none': return the stale hit, no refresh (budget low); 'bypass': ignore
   *  the cache and load (still single-flight, still stores). */
  refresh?: 'background' | 'none' | 'bypass';
}

export interface FactCacheStats {
  entries: number;
  maxEntries: number;
  /** Answers from a fresh entry. */
  hits: number;
  /** Calls that had to wait for a load: no usable entry, or `refresh: 'bypass'`. */
  misses: number;
  /** Answers from an entry past its time-to-live, including fallbacks after a failed load. */
  staleServed: number;
  /** Calls of a `load` function. */
  loads: number;
  /** Entries dropped by the LRU bound (not by invalidation or expiry). */
  evictions: number;
  /** Background refreshes whose load rejected; the stale value was kept. */
  refreshFailures: number;
}

export interface FactCache {
  /** Fresh hit → CACHED. Miss → `load()` once for all concurrent callers of the same key
   *  (single-flight) → LIVE; its rejection reaches every waiter and is not stored. Stale hit →
   *  per `refresh`. When a load fails and a stale value within `staleMs` exists, returns it
   *  with stale: true instead of throwing (a still-fresh entry, possible under 'bypass', comes
   *  back with stale: false). checkedAt = when the value was loaded.
   *  The caller must use one value type per kind: the cache does not check `T`. */
  get<T>(key: FactKey, load: () => Promise<T>, options?: GetOptions): Promise<CachedFact<T>>;
  /** The entry when fresh or stale within the window, as CACHED; undefined otherwise. No load,
   *  no change to recency or counters. */
  peek<T>(key: FactKey): CachedFact<T> | undefined;
  /** Drops the user's facts: all of them, or those for `accountIds` (kinds keyed by account
   *  id) plus the user's account lists. Returns how many entries went. Loads of this user in
   *  flight at the time still answer their callers but store nothing. */
  invalidate(user: string, filter?: { accountIds?: readonly string[] }): number;
  /** Drops every fact of the user (for a revoked token); returns how many entries went. Loads in
   *  flight at the time store nothing. */
  purgeUser(user: string): number;
  stats(): FactCacheStats;
}

/** Which kinds are keyed by account id (and so are narrowed by `invalidate`'s `accountIds`). */
const KEYED_BY_ACCOUNT: Readonly<Record<FactKind, boolean>> = {
  accountList: false,
  account: true,
  access: true,
  promotableUsers: true,
  features: true,
};

interface Entry {
  readonly key: FactKey;
  readonly value: unknown;
  readonly loadedAt: number;
}

/** A load in flight. Every flight in the map carries its user's current generation. */
interface Flight {
  readonly key: FactKey;
  readonly promise: Promise<Entry>;
}

/** Per user with loads in flight: bumped by invalidation so older loads do not write back. */
interface UserLoads {
  generation: number;
  inflight: number;
}

/**
 * Returns an in-process FactCache. Throws RangeError when `maxEntries` is not a whole number ≥ 1
 * or a duration is negative or not finite.
 */
export function createFactCache(options: FactCacheOptions): FactCache {
  positiveInteger('maxEntries', options.maxEntries);
  nonNegative('staleMs', options.staleMs);
  for (const kind of Object.keys(KEYED_BY_ACCOUNT) as FactKind[]) {
    nonNegative(`ttlMs.${kind}`, options.ttlMs[kind]);
  }
  return new LruFactCache(options);
}

/** An unambiguous map key: no user, kind or id can collide with another's. */
function encodeKey(key: FactKey): string {
  return JSON.stringify([key.user, key.kind, key.id]);
}

function toFact<T>(entry: Entry, source: 'LIVE' | 'CACHED', stale: boolean): CachedFact<T> {
  // The cache is heterogeneous; the one-type-per-kind contract on `get` makes this sound.
  return { value: entry.value as T, source, checkedAt: new Date(entry.loadedAt), stale };
}

class LruFactCache implements FactCache {
  readonly #entries: LRUCache<string, Entry>;
  readonly #idsByUser = new Map<string, Set<string>>();
  readonly #flights = new Map<string, Flight>();
  readonly #loadsByUser = new Map<string, UserLoads>();
  readonly #ttlMs: Readonly<Record<FactKind, number>>;
  readonly #staleMs: number;
  readonly #now: () => number;
  readonly #counts = {
    hits: 0,
    misses: 0,
    staleServed: 0,
    loads: 0,
    evictions: 0,
    refreshFailures: 0,
  };

  constructor(options: FactCacheOptions) {
    this.#ttlMs = { ...options.ttlMs };
    this.#staleMs = options.staleMs;
    this.#now = options.now ?? Date.now;
    this.#entries = new LRUCache<string, Entry>({
      max: options.maxEntries,
      dispose: (entry, id, reason) => this.#onDispose(entry, id, reason),
    });
  }

  async get<T>(key: FactKey, load: () => Promise<T>, options?: GetOptions): Promise<CachedFact<T>> {
    const refresh = options?.refresh ?? 'background';
    const id = encodeKey(key);
    const entry = refresh === 'bypass' ? undefined : this.#usable(id, 'get');
    if (entry === undefined) return this.#loadOrFallBack<T>(key, id, load);

    if (refresh === 'background' && !this.#isFresh(entry)) this.#refreshInBackground(key, id, load);
    return this.#serve<T>(entry);
  }

  peek<T>(key: FactKey): CachedFact<T> | undefined {
    const entry = this.#usable(encodeKey(key), 'peek');
    return entry === undefined ? undefined : toFact<T>(entry, 'CACHED', !this.#isFresh(entry));
  }

  invalidate(user: string, filter?: { accountIds?: readonly string[] }): number {
    const accountIds = filter?.accountIds === undefined ? null : new Set(filter.accountIds);
    const matches = (key: FactKey): boolean =>
      accountIds === null || !KEYED_BY_ACCOUNT[key.kind] || accountIds.has(key.id);

    this.#detachFlights(user);
    return this.#dropEntries(user, matches);
  }

  purgeUser(user: string): number {
    return this.invalidate(user);
  }

  stats(): FactCacheStats {
    return { entries: this.#entries.size, maxEntries: this.#entries.max, ...this.#counts };
  }

  /** Waits for the key's flight (starting one when none); on failure falls back to an entry. */
  async #loadOrFallBack<T>(key: FactKey, id: string, load: () => Promise<T>) {
    this.#counts.misses += 1;
    try {
      return toFact<T>(await this.#join(key, id, load).promise, 'LIVE', false);
    } catch (error) {
      const fallback = this.#usable(id, 'get');
      if (fallback === undefined) throw error;
      return this.#serve<T>(fallback);
    }
  }

  #serve<T>(entry: Entry): CachedFact<T> {
    const fresh = this.#isFresh(entry);
    if (fresh) this.#counts.hits += 1;
    else this.#counts.staleServed += 1;
    return toFact<T>(entry, 'CACHED', !fresh);
  }

  #refreshInBackground(key: FactKey, id: string, load: () => Promise<unknown>): void {
    if (this.#flights.has(id)) return;
    this.#start(key, id, load).promise.catch(() => {
      this.#counts.refreshFailures += 1;
    });
  }

  #join(key: FactKey, id: string, load: () => Promise<unknown>): Flight {
    return this.#flights.get(id) ?? this.#start(key, id, load);
  }

  /** Calls `load` now (synchronously), registers the flight, and cleans up when it settles. */
  #start(key: FactKey, id: string, load: () => Promise<unknown>): Flight {
    const loads = this.#userLoads(key.user);
    loads.inflight += 1;
    this.#counts.loads += 1;

    const flight: Flight = { key, promise: this.#load(key, id, load, loads.generation) };
    this.#flights.set(id, flight);
    const end = (): void => this.#end(id, flight);
    void flight.promise.then(end, end);
    return flight;
  }

  /** Stores the loaded value unless the user was invalidated since the load started. */
  async #load(key: FactKey, id: string, load: () => Promise<unknown>, generation: number) {
    const value = await load();
    const entry: Entry = { key, value, loadedAt: this.#now() };
    if (this.#loadsByUser.get(key.user)?.generation === generation) this.#write(id, entry);
    return entry;
  }

  #end(id: string, flight: Flight): void {
    if (this.#flights.get(id) === flight) this.#flights.delete(id);
    const loads = this.#loadsByUser.get(flight.key.user);
    if (loads === undefined) return;
    loads.inflight -= 1;
    if (loads.inflight === 0) this.#loadsByUser.delete(flight.key.user);
  }

  #userLoads(user: string): UserLoads {
    let loads = this.#loadsByUser.get(user);
    if (loads === undefined) {
      loads = { generation: 0, inflight: 0 };
      this.#loadsByUser.set(user, loads);
    }
    return loads;
  }

  /**
   * Makes every load of `user` now in flight unable to write back, and forgets those flights so
   * the next call loads afresh. A user with nothing in flight has no generation to bump.
   */
  #detachFlights(user: string): void {
    const loads = this.#loadsByUser.get(user);
    if (loads === undefined) return;
    loads.generation += 1;
    for (const [id, flight] of this.#flights) {
      if (flight.key.user === user) this.#flights.delete(id);
    }
  }

  #dropEntries(user: string, matches: (key: FactKey) => boolean): number {
    const ids = this.#idsByUser.get(user);
    if (ids === undefined) return 0;
    let dropped = 0;
    for (const id of [...ids]) {
      const entry = this.#entries.peek(id);
      if (entry !== undefined && matches(entry.key) && this.#entries.delete(id)) dropped += 1;
    }
    return dropped;
  }

  /** The entry when within its stale window; an entry past it is deleted and reads as absent. */
  #usable(id: string, how: 'get' | 'peek'): Entry | undefined {
    const entry = how === 'get' ? this.#entries.get(id) : this.#entries.peek(id);
    if (entry === undefined) return undefined;
    if (this.#now() < this.#freshUntil(entry) + this.#staleMs) return entry;
    this.#entries.delete(id);
    return undefined;
  }

  #isFresh(entry: Entry): boolean {
    return this.#now() < this.#freshUntil(entry);
  }

  #freshUntil(entry: Entry): number {
    return entry.loadedAt + this.#ttlMs[entry.key.kind];
  }

  #write(id: string, entry: Entry): void {
    this.#entries.set(id, entry);
    let ids = this.#idsByUser.get(entry.key.user);
    if (ids === undefined) {
      ids = new Set();
      this.#idsByUser.set(entry.key.user, ids);
    }
    ids.add(id);
  }

  /** Keeps the per-user index in step with the LRU; an overwrite keeps the id indexed. */
  #onDispose(entry: Entry, id: string, reason: LRUCache.DisposeReason): void {
    if (reason === 'evict') this.#counts.evictions += 1;
    if (reason === 'set') return;
    const ids = this.#idsByUser.get(entry.key.user);
    ids?.delete(id);
    if (ids?.size === 0) this.#idsByUser.delete(entry.key.user);
  }
}
