/**
 * The facts a capability answer is computed from. Each upstream fact is either known or
 * unavailable (with why), so that a failed read becomes an `UNKNOWN` answer and never a denial.
 */
import type { PromotableUser, UserAccess } from '../upstream/types.js';
import type { AppTier } from './features.js';

/** Why an upstream fact could not be read. */
export type UnavailableCause = 'rate-limited' | 'unavailable' | 'bad-response' | 'token-rejected';

/** A fact the upstream did not give; `retryAfter` is set when a rate limit says when to retry. */
export interface Unavailable {
  readonly kind: 'unavailable';
  readonly cause: UnavailableCause;
  readonly retryAfter: Date | null;
}

/** A fact read from the upstream (or a fresh cache of it). */
export interface Known<T> {
  readonly kind: 'known';
  readonly value: T;
}

export type Fact<T> = Known<T> | Unavailable;

/** The parts of an ad account that decide whether it is usable. */
export interface AccountState {
  readonly deleted: boolean;
  readonly approvalStatus: string | null;
}

export interface CapabilityFacts {
  readonly account: Fact<AccountState>;
  readonly access: Fact<UserAccess>;
  /** Present only when `needsPromotableUsers` asked for it. */
  readonly promotableUsers?: Fact<readonly PromotableUser[]>;
  readonly appTier: AppTier;
  /** false once any upstream answer for this token carried `x-access-level: read`. */
  readonly appCanWrite: boolean;
  /** When the oldest fact used was read upstream. */
  readonly checkedAt: Date;
}

/** Returns a known fact holding `value`. */
export function known<T>(value: T): Known<T> {
  return { kind: 'known', value };
}

/** Returns an unavailable fact; `retryAfter` defaults to null. */
export function unavailable(cause: UnavailableCause, retryAfter: Date | null = null): Unavailable {
  return { kind: 'unavailable', cause, retryAfter };
}
