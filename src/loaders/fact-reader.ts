/**
 * Reads upstream facts for one viewer through the shared layers, in this order: the cross-request
 * cache (fresh hit → no call; concurrent misses share one call), the per-user fan-out limit, the
 * circuit breaker, then the signed client (whose hooks consult the rate-limit budget).
 *
 * Every method resolves to a `CachedFact` (value, LIVE or CACHED, checkedAt) or rejects with an
 * `UpstreamError`. Nothing here is per request except the deadline, so one reader may serve many
 * DataLoaders.
 */
import DataLoader from 'dataloader';
import type { FactCache, FactKind, CachedFact, GetOptions } from '../cache/fact-cache.js';
import type { RateLimitBudget } from '../cache/rate-limit-budget.js';
import type { CircuitBreaker } from '../cache/circuit-breaker.js';
import type { FanOutLimiter } from '../cache/fan-out.js';
import type { AdsApi, CallOptions, CallTarget, ListAccountsParams } from '../upstream/ads-api.js';
import type {
  AccountId,
  AdAccount,
  Endpoint,
  Page,
  PromotableUser,
  UserAccess,
  UserToken,
} from '../upstream/types.js';

/** The shared, cross-request machinery a reader is built on. */
export interface UpstreamDeps {
  readonly api: AdsApi;
  readonly cache: FactCache;
  readonly budget: RateLimitBudget;
  readonly breaker: CircuitBreaker;
  readonly fanOut: FanOutLimiter;
}

export interface FactReader {
  /** One `GET accounts` per 200 ids not already cached; null for ids the user cannot reach. */
  accounts(ids: readonly AccountId[]): Promise<Array<CachedFact<AdAccount | null> | Error>>;
  accountPage(params: ListAccountsParams): Promise<CachedFact<Page<AdAccount>>>;
  access(id: AccountId): Promise<CachedFact<UserAccess>>;
  promotableUsers(id: AccountId): Promise<CachedFact<readonly PromotableUser[]>>;
  features(id: AccountId): Promise<CachedFact<readonly string[]>>;
}

export interface FactReaderOptions {
  /** The cache's user key: never shared between users. */
  readonly user: string;
  readonly token: UserToken;
  /** Epoch ms by which calls must settle. */
  readonly deadline: number;
}

/** Promotable users are read in one page of the largest size; more than that is not expected. */
const PROMOTABLE_USERS_PAGE = 1000;

export function createFactReader(deps: UpstreamDeps, options: FactReaderOptions): FactReader {
  const { user, token } = options;
  const callOptions: CallOptions = { deadline: options.deadline };

  const guard = <T>(endpoint: Endpoint, call: () => Promise<T>): Promise<T> =>
    deps.fanOut.run(user, () => deps.breaker.run(endpoint, call));

  function read<T>(
    kind: FactKind,
    id: string,
    target: CallTarget,
    load: () => Promise<T>,
  ): Promise<CachedFact<T>> {
    return deps.cache.get({ user, kind, id }, load, refreshFor(deps.budget, target));
  }

  const target = (endpoint: Endpoint, accountId: AccountId | null): CallTarget => ({
    token: token.token,
    endpoint,
    accountId,
  });

  // Ids whose cache entries miss in the same turn share one `GET accounts` (200 ids per call, in
  // the client). Not caching here: each id's value lives in the cross-request cache.
  const accountBatch = new DataLoader<AccountId, AdAccount | null>(
    async (ids) => {
      const page = await guard('accounts', () =>
        deps.api.listAccounts(token, { accountIds: ids }, callOptions),
      );
      const found = new Map(page.data.map((account) => [account.id, account]));
      return ids.map((id) => found.get(id) ?? null);
    },
    { cache: false, batchScheduleFn: (run) => setImmediate(run) },
  );

  return {
    accounts: (ids) =>
      Promise.all(
        ids.map((id) =>
          read('account', id, target('accounts', null), () => accountBatch.load(id)).catch(
            (error: unknown) => (error instanceof Error ? error : new Error(String(error))),
          ),
        ),
      ),
    accountPage: (params) =>
      read('accountList', pageKey(params), target('accounts', null), () =>
        guard('accounts', () => deps.api.listAccounts(token, params, callOptions)),
      ),
    access: (id) =>
      read('access', id, target('authenticated_user_access', id), async () => {
        const call = () => deps.api.getAuthenticatedUserAccess(token, id, callOptions);
        return (await guard('authenticated_user_access', call)).data;
      }),
    promotableUsers: (id) =>
      read('promotableUsers', id, target('promotable_users', id), async () => {
        const params = { count: PROMOTABLE_USERS_PAGE, withDeleted: true };
        const call = () => deps.api.listPromotableUsers(token, id, params, callOptions);
        return (await guard('promotable_users', call)).data;
      }),
    features: (id) =>
      read('features', id, target('features', id), async () => {
        const call = () => deps.api.getAccountFeatures(token, id, callOptions);
        return (await guard('features', call)).data;
      }),
  };
}

/** Near exhaustion the cache answers alone: stale values are served without a refresh. */
function refreshFor(budget: RateLimitBudget, target: CallTarget): GetOptions {
  return budget.state(target).kind === 'ok' ? { refresh: 'background' } : { refresh: 'none' };
}

function pageKey(params: ListAccountsParams): string {
  const { count, cursor, q, sortBy, withDeleted } = params;
  return JSON.stringify([count ?? null, cursor ?? null, q ?? null, sortBy ?? null, !!withDeleted]);
}
