/**
 * Gathers the facts one account's capability answers need, through the request's loaders, and
 * evaluates them. Promotable users are read only when a rule asks for them; an upstream failure
 * becomes an unavailable fact (so an `UNKNOWN` answer), reported once to `onUpstreamError`.
 */
import type { CachedFact } from '../cache/fact-cache.js';
import {
  evaluate,
  known,
  needsPromotableUsers,
  unavailable,
  type AppTier,
  type CapabilityFacts,
  type Decision,
  type Fact,
  type Feature,
  type UnavailableCause,
} from '../capabilities/index.js';
import {
  UpstreamBadResponseError,
  UpstreamError,
  UpstreamRateLimitedError,
  UpstreamTokenRejectedError,
} from '../upstream/errors.js';
import type { AdAccount } from '../upstream/types.js';
import type { Loaders } from './create-loaders.js';

/** An account as the schema sees it: the record and when it was read. */
export interface AccountNode {
  readonly record: AdAccount;
  readonly source: 'LIVE' | 'CACHED';
  readonly checkedAt: Date;
  /** Past its cache lifetime, served because X could not be asked again. */
  readonly stale: boolean;
}

export interface CapabilityAnswer extends Decision {
  /** LIVE when every fact used was read upstream for this request, else CACHED. */
  readonly source: 'LIVE' | 'CACHED';
  /** true when a fact used is past its cache lifetime (X could not be asked again). */
  readonly stale: boolean;
  /** The error code behind an UNKNOWN answer, e.g. UPSTREAM_RATE_LIMITED. */
  readonly unknownBecause: UnavailableCause | null;
}

export interface CapabilityEnv {
  readonly loaders: Loaders;
  readonly appTier: AppTier;
  /** Read after the loads: a `read` access level may arrive with them. */
  readonly appCanWrite: () => boolean;
  readonly onUpstreamError: (error: unknown) => void;
}

/** Evaluates `features` for `account`, in the order given. Never rejects for upstream failures. */
export async function accountCapabilities(
  env: CapabilityEnv,
  account: AccountNode,
  features: readonly Feature[],
): Promise<CapabilityAnswer[]> {
  const id = account.record.id;
  const access = await settle(env, env.loaders.access.load(id));
  const accessValue = access.fact.kind === 'known' ? access.fact.value : null;
  const wantsOwner = accessValue && features.some((f) => needsPromotableUsers(f, accessValue));
  const owners = wantsOwner ? await settle(env, env.loaders.promotableUsers.load(id)) : null;

  const read = [account, access.cached, owners?.cached].filter((fact) => fact != null);
  const facts: CapabilityFacts = {
    account: known({
      deleted: account.record.deleted,
      approvalStatus: account.record.approvalStatus,
    }),
    access: access.fact,
    ...(owners ? { promotableUsers: owners.fact } : {}),
    appTier: env.appTier,
    appCanWrite: env.appCanWrite(),
    checkedAt: oldest(read.map((fact) => fact.checkedAt)),
  };
  const source = read.every((fact) => fact.source === 'LIVE') ? 'LIVE' : 'CACHED';
  const stale = read.some((fact) => fact.stale);
  const unknownBecause = firstCause([access.fact, owners?.fact]);

  return features.map((feature) => ({
    ...evaluate(feature, facts),
    source,
    stale,
    unknownBecause,
  }));
}

interface Settled<T> {
  readonly fact: Fact<T>;
  readonly cached: CachedFact<T> | null;
}

async function settle<T>(env: CapabilityEnv, load: Promise<CachedFact<T>>): Promise<Settled<T>> {
  try {
    const cached = await load;
    return { fact: known(cached.value), cached };
  } catch (error) {
    env.onUpstreamError(error);
    return { fact: unavailableFrom(error), cached: null };
  }
}

/** Maps a failed read to why it failed; anything that is not an upstream failure is rethrown. */
export function unavailableFrom(error: unknown): Fact<never> {
  if (error instanceof UpstreamRateLimitedError) return unavailable('rate-limited', error.resetAt);
  if (error instanceof UpstreamTokenRejectedError) return unavailable('token-rejected');
  if (error instanceof UpstreamBadResponseError) return unavailable('bad-response');
  if (error instanceof UpstreamError) return unavailable('unavailable');
  throw error;
}

function firstCause(facts: ReadonlyArray<Fact<unknown> | undefined>): UnavailableCause | null {
  for (const fact of facts) if (fact?.kind === 'unavailable') return fact.cause;
  return null;
}

function oldest(dates: readonly Date[]): Date {
  return new Date(Math.min(...dates.map((date) => date.getTime())));
}
