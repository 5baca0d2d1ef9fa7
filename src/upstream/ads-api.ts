/**
 * The contract of the X Ads API client: one typed function per upstream read. The implementation
 * is `createAdsClient` in `client.ts`; loaders and the cache depend only on this interface.
 */
import type {
  AccountId,
  AdAccount,
  Endpoint,
  Page,
  PromotableUser,
  Read,
  ResponseMeta,
  UserAccess,
  UserToken,
} from './types.js';

export interface CallOptions {
  /** Aborts the call (and any retry) when fired; the promise rejects with UpstreamTimeoutError. */
  readonly signal?: AbortSignal;
  /** Epoch milliseconds by which the call, retries included, must settle. No retry starts after. */
  readonly deadline?: number;
}

export interface ListAccountsParams {
  /** Any number of ids: sent as `account_ids`, 200 per call, the calls made in parallel. */
  readonly accountIds?: readonly AccountId[];
  readonly count?: number;
  readonly cursor?: string;
  readonly q?: string;
  readonly sortBy?: string;
  readonly withDeleted?: boolean;
  readonly withTotalCount?: boolean;
}

export interface ListPromotableUsersParams {
  readonly count?: number;
  readonly cursor?: string;
  readonly withDeleted?: boolean;
}

/** Who made a call and what it was for: passed to the hooks below. Never holds a secret. */
export interface CallTarget {
  /** The public OAuth token (not its secret), identifying the user's rate-limit pool. */
  readonly token: string;
  readonly endpoint: Endpoint;
  readonly accountId: AccountId | null;
}

export interface AdsApi {
  /**
   * `GET accounts`. With `accountIds`, ids the user cannot reach are simply absent from `data`;
   * the pages of the id chunks are merged and `nextCursor` is null.
   */
  listAccounts(
    token: UserToken,
    params: ListAccountsParams,
    options?: CallOptions,
  ): Promise<Page<AdAccount>>;
  /** `GET accounts/:account_id` (with `with_deleted=true`). */
  getAccount(
    token: UserToken,
    accountId: AccountId,
    options?: CallOptions,
  ): Promise<Read<AdAccount>>;
  /** `GET accounts/:account_id/authenticated_user_access`. */
  getAuthenticatedUserAccess(
    token: UserToken,
    accountId: AccountId,
    options?: CallOptions,
  ): Promise<Read<UserAccess>>;
  /** `GET accounts/:account_id/promotable_users`, one page. */
  listPromotableUsers(
    token: UserToken,
    accountId: AccountId,
    params?: ListPromotableUsersParams,
    options?: CallOptions,
  ): Promise<Page<PromotableUser>>;
  /** `GET accounts/:account_id/features`: the account's beta feature keys. */
  getAccountFeatures(
    token: UserToken,
    accountId: AccountId,
    options?: CallOptions,
  ): Promise<Read<readonly string[]>>;
}

export interface AdsClientHooks {
  /** Called before every attempt; throwing refuses the call with that error, before any I/O. */
  readonly beforeRequest?: (target: CallTarget) => void;
  /** Called with the metadata of every HTTP answer, success or failure, before the call settles. */
  readonly onResponse?: (target: CallTarget, meta: ResponseMeta) => void;
}
