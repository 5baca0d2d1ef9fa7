/**
 * Domain types decoded from X Ads API responses. Everything the service knows about the upstream
 * enters through `src/upstream` as `unknown` and leaves as these shapes; nothing above this folder
 * reads raw JSON.
 */

declare const brand: unique symbol;
type Brand<T, B extends string> = T & { readonly [brand]: B };

/** An ad account id: base-36 text such as `18ce54d4x5t`. Validated before it reaches a URL. */
export type AccountId = Brand<string, 'AccountId'>;
/** An X user id (`user_id`), always kept as decimal text even when the upstream sends a number. */
export type UserId = Brand<string, 'UserId'>;

/** An OAuth 1.0a user token. The secret never leaves the signer, the store or the sandbox. */
export interface UserToken {
  readonly token: string;
  readonly secret: string;
}

/** The upstream reads the service makes, used to key counters, budgets and errors. */
export type Endpoint =
  'accounts' | 'account' | 'authenticated_user_access' | 'promotable_users' | 'features';

/** Values of `permissions` this build knows. Anything else is kept in `unknownPermissions`. */
export const KNOWN_PERMISSIONS = [
  'ACCOUNT_ADMIN',
  'AD_MANAGER',
  'CREATIVE_MANAGER',
  'CAMPAIGN_ANALYST',
  'ANALYST',
  'PARTNER_AUDIENCE_MANAGER',
  'TWEET_COMPOSER',
] as const;
export type Permission = (typeof KNOWN_PERMISSIONS)[number];

/** The permissions that are roles; `TWEET_COMPOSER` is an add-on flag, not a role. */
export const ROLES = [
  'ACCOUNT_ADMIN',
  'AD_MANAGER',
  'CREATIVE_MANAGER',
  'CAMPAIGN_ANALYST',
  'ANALYST',
  'PARTNER_AUDIENCE_MANAGER',
] as const satisfies readonly Permission[];
export type Role = (typeof ROLES)[number];

export interface RateLimit {
  readonly limit: number;
  readonly remaining: number;
  readonly resetAt: Date;
  /** `account` when read from `x-account-rate-limit-*`, `user` from `x-rate-limit-*`. */
  readonly scope: 'account' | 'user';
}

/** What every upstream answer (success or failure) tells besides its body. */
export interface ResponseMeta {
  readonly status: number;
  readonly rateLimit: RateLimit | null;
  /** `x-access-level`, e.g. `read`, `read-write`; null when absent. */
  readonly accessLevel: string | null;
  readonly receivedAt: Date;
}

export interface AdAccount {
  readonly id: AccountId;
  readonly name: string;
  readonly businessName: string | null;
  readonly businessId: string | null;
  readonly timezone: string | null;
  readonly timezoneSwitchAt: Date | null;
  readonly approvalStatus: string | null;
  readonly deleted: boolean;
  readonly createdAt: Date | null;
  readonly updatedAt: Date | null;
}

export interface UserAccess {
  readonly userId: UserId;
  readonly permissions: readonly Permission[];
  /** Values the upstream sent that this build does not know; kept, never dropped. */
  readonly unknownPermissions: readonly string[];
}

export type PromotableUserType = 'FULL' | 'RETWEETS_ONLY';

export interface PromotableUser {
  readonly id: string;
  readonly userId: UserId;
  /** null when the upstream sent a type this build does not know (kept in `rawType`). */
  readonly type: PromotableUserType | null;
  readonly rawType: string;
  readonly deleted: boolean;
}

/** One page of a collection read, with the cursor for the next page (`null` at the end). */
export interface Page<T> {
  readonly data: readonly T[];
  readonly nextCursor: string | null;
  readonly totalCount: number | null;
  readonly meta: ResponseMeta;
}

/** A single-object read with its response metadata. */
export interface Read<T> {
  readonly data: T;
  readonly meta: ResponseMeta;
}
