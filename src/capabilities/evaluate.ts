/**
 * One function turns the facts about a user on an ad account into a capability answer, by
 * checking the feature's rule (see `feature-rules.ts`) gate by gate.
 *
 * How missing facts are handled: each gate passes, fails, or cannot be checked because a fact it
 * reads is unavailable. A feature is DENIED as soon as one gate is known to fail, since no missing
 * fact could turn it into ALLOWED: a missing fact is "needed" only while it could change the
 * status. So a role that does not grant the feature denies it even when the account could not be
 * read, and `blockedBy` then lists the gates known to fail (a gate that could not be checked is
 * left out). Otherwise, when any gate could not be checked, the answer is UNKNOWN with
 * `blockedBy: ['UPSTREAM']`; an unavailable fact never produces DENIED by itself.
 */
import type { Permission, PromotableUser, Role, UserAccess } from '../upstream/types.js';
import { FEATURE_RULES } from './feature-rules.js';
import type { ComposerGrant, FeatureRule } from './feature-rules.js';
import type { Feature, Gate } from './features.js';
import type { CapabilityFacts, Unavailable, UnavailableCause } from './facts.js';
import { heldRoles } from './held-roles.js';
import { allowedReason, deniedReason, unknownReason } from './reasons.js';
import type { Grant, Problem } from './reasons.js';

export type CapabilityStatus = 'ALLOWED' | 'DENIED' | 'UNKNOWN';

export interface Decision {
  readonly feature: Feature;
  readonly status: CapabilityStatus;
  /** One or two sentences a UI can show as is. */
  readonly reason: string;
  /** ALLOWED: empty. DENIED: the gates known to fail, in `GATES` order. UNKNOWN: `['UPSTREAM']`. */
  readonly blockedBy: readonly Gate[];
  /** The permissions that would grant the feature, whatever the status. */
  readonly grantedBy: readonly Permission[];
  /** When UNKNOWN because of a rate limit: when the limit resets, if known. Otherwise null. */
  readonly retryAfter: Date | null;
  readonly checkedAt: Date;
}

/** The outcome of checking one gate. */
type GateResult =
  | { readonly outcome: 'pass' }
  | { readonly outcome: 'fail'; readonly gate: Gate; readonly problems: readonly Problem[] }
  | { readonly outcome: 'unknown'; readonly fact: Unavailable };

/** The ROLE or TWEET_COMPOSER gate passes with the grant an ALLOWED reason names. */
type GrantResult = Exclude<GateResult, { outcome: 'pass' }> | { outcome: 'pass'; grant: Grant };

const PASS: GateResult = { outcome: 'pass' };

/** When several facts are missing, the cause a reason names: the one most useful to act on. */
const CAUSE_PRIORITY: readonly UnavailableCause[] = [
  'token-rejected',
  'rate-limited',
  'unavailable',
  'bad-response',
];

/**
 * Returns the answer for `feature` given `facts`: ALLOWED, DENIED with every gate known to fail,
 * or UNKNOWN when an unavailable fact could change the answer (see the file comment).
 * Throws a plain `Error` when `needsPromotableUsers` is true and `facts.promotableUsers` is absent:
 * that is a bug in the caller, not an upstream failure.
 */
export function evaluate(feature: Feature, facts: CapabilityFacts): Decision {
  const rule = FEATURE_RULES[feature];
  assertPromotableUsersGiven(feature, facts);

  const grant = checkGrant(rule, facts);
  const results = [grant, checkAppAccess(rule, facts), checkAccount(rule, facts)];
  const base = { feature, grantedBy: rule.grantedBy, checkedAt: facts.checkedAt };

  const failures = results.flatMap((result) => (result.outcome === 'fail' ? [result] : []));
  if (failures.length > 0) return deniedDecision(base, failures);

  const missing = results.flatMap((result) => (result.outcome === 'unknown' ? [result.fact] : []));
  // The grant check is in `results`, so it passed when nothing failed or went missing.
  if (missing.length > 0 || grant.outcome !== 'pass') {
    return unknownDecision(base, mostActionable(missing));
  }
  const reason = allowedReason(grant.grant);
  return { ...base, status: 'ALLOWED', reason, blockedBy: [], retryAfter: null };
}

/**
 * Returns true when the answer for `feature` depends on the account's FULL promotable user: only
 * for PROMOTED_ONLY_POSTS, when TWEET_COMPOSER is absent and the user holds a role that lets the
 * account's owner post (ACCOUNT_ADMIN, AD_MANAGER or CREATIVE_MANAGER). Never throws.
 */
export function needsPromotableUsers(feature: Feature, access: UserAccess): boolean {
  const { grant } = FEATURE_RULES[feature];
  if (grant.kind !== 'composer') return false;
  return !access.permissions.includes('TWEET_COMPOSER') && ownerRole(grant, access) !== null;
}

/**
 * Returns the one role among the permissions, or null when there is none this build knows. If the
 * upstream ever sends two roles (UNVERIFIED), returns the most powerful, in the order of `ROLES`.
 */
export function roleOf(access: UserAccess): Role | null {
  return heldRoles(access)[0] ?? null;
}

/**
 * Returns ADVERTISER when the user is the account's FULL promotable user and that entry is not
 * deleted; DELEGATED otherwise (including when the type is one this build does not know).
 */
export function tokenKind(
  access: UserAccess,
  promotableUsers: readonly PromotableUser[],
): 'ADVERTISER' | 'DELEGATED' {
  const owns = promotableUsers.some(
    (user) => user.type === 'FULL' && !user.deleted && user.userId === access.userId,
  );
  return owns ? 'ADVERTISER' : 'DELEGATED';
}

/** Throws when the caller skipped loading promotable users that the answer depends on. */
function assertPromotableUsersGiven(feature: Feature, facts: CapabilityFacts): void {
  if (facts.access.kind !== 'known' || facts.promotableUsers !== undefined) return;
  if (!needsPromotableUsers(feature, facts.access.value)) return;
  throw new Error(
    `evaluate(${feature}) needs the account's promotable users for user ${facts.access.value.userId}; load them when needsPromotableUsers() is true.`,
  );
}

/** The ROLE or TWEET_COMPOSER gate. */
function checkGrant(rule: FeatureRule, facts: CapabilityFacts): GrantResult {
  if (facts.access.kind === 'unavailable') return { outcome: 'unknown', fact: facts.access };
  const access = facts.access.value;
  if (rule.grant.kind === 'composer') return checkComposer(rule.grant, access, facts);

  const roles = rule.grant.roles;
  const role = heldRoles(access).find((held) => roles.includes(held));
  if (role !== undefined) return { outcome: 'pass', grant: { kind: 'role', role } };
  return { outcome: 'fail', gate: 'ROLE', problems: [{ kind: 'role', needed: roles, access }] };
}

/** TWEET_COMPOSER grants; otherwise being the FULL promotable user with an owner role does. */
function checkComposer(
  grant: ComposerGrant,
  access: UserAccess,
  facts: CapabilityFacts,
): GrantResult {
  if (access.permissions.includes('TWEET_COMPOSER')) {
    return { outcome: 'pass', grant: { kind: 'composer' } };
  }
  const role = ownerRole(grant, access);
  const users = facts.promotableUsers;
  if (role !== null && users?.kind === 'unavailable') {
    return { outcome: 'unknown', fact: users };
  }
  if (role !== null && users?.kind === 'known' && tokenKind(access, users.value) === 'ADVERTISER') {
    return { outcome: 'pass', grant: { kind: 'owner', role } };
  }
  const problem: Problem = { kind: 'composer', ownerCould: role !== null, access };
  return { outcome: 'fail', gate: 'TWEET_COMPOSER', problems: [problem] };
}

/** The held role that would let the account's owner post, most powerful first, or null. */
function ownerRole(grant: ComposerGrant, access: UserAccess): Role | null {
  return heldRoles(access).find((role) => grant.ownerRoles.includes(role)) ?? null;
}

/** The APP_ACCESS gate: the app's tier, and a read-only token for features that write. */
function checkAppAccess(rule: FeatureRule, facts: CapabilityFacts): GateResult {
  const problems: Problem[] = [];
  if (!rule.tiers.includes(facts.appTier)) problems.push({ kind: 'tier', tier: facts.appTier });
  if (rule.needsWrite && !facts.appCanWrite) problems.push({ kind: 'read-only' });
  return problems.length === 0 ? PASS : { outcome: 'fail', gate: 'APP_ACCESS', problems };
}

/**
 * The ACCOUNT_STATE gate: usable means not deleted and, when a status is given, ACCEPTED. Only
 * ACCEPTED appears in X's examples; every other value (UNDER_REVIEW, …) is UNVERIFIED and is
 * treated as not approved.
 */
function checkAccount(rule: FeatureRule, facts: CapabilityFacts): GateResult {
  if (!rule.needsUsableAccount) return PASS;
  if (facts.account.kind === 'unavailable') return { outcome: 'unknown', fact: facts.account };

  const { deleted, approvalStatus } = facts.account.value;
  if (deleted) return { outcome: 'fail', gate: 'ACCOUNT_STATE', problems: [{ kind: 'deleted' }] };
  if (approvalStatus === null || approvalStatus.toUpperCase() === 'ACCEPTED') return PASS;
  const problem: Problem = { kind: 'not-approved', status: approvalStatus };
  return { outcome: 'fail', gate: 'ACCOUNT_STATE', problems: [problem] };
}

/**
 * Folds several unavailable facts into the one a reason names: the highest cause in
 * `CAUSE_PRIORITY`; for rate limits, the latest reset (when every fact can be read again).
 */
function mostActionable(facts: readonly Unavailable[]): Unavailable {
  const cause = CAUSE_PRIORITY.find((c) => facts.some((f) => f.cause === c)) ?? 'unavailable';
  const resets = facts.flatMap((f) => (f.cause === cause && f.retryAfter ? [f.retryAfter] : []));
  const latest = resets.reduce<Date | null>((a, b) => (a === null || b > a ? b : a), null);
  return { kind: 'unavailable', cause, retryAfter: cause === 'rate-limited' ? latest : null };
}

type DecisionBase = Pick<Decision, 'feature' | 'grantedBy' | 'checkedAt'>;

/** A denial naming every failed gate, in gate order, and every problem they found. */
function deniedDecision(
  base: DecisionBase,
  failures: readonly Extract<GateResult, { outcome: 'fail' }>[],
): Decision {
  const reason = deniedReason(failures.flatMap((failure) => failure.problems));
  const blockedBy = failures.map((failure) => failure.gate);
  return { ...base, status: 'DENIED', reason, blockedBy, retryAfter: null };
}

/** An answer that could not be checked; `retryAfter` comes from the fact. */
function unknownDecision(base: DecisionBase, fact: Unavailable): Decision {
  const reason = unknownReason(fact);
  return {
    ...base,
    status: 'UNKNOWN',
    reason,
    blockedBy: ['UPSTREAM'],
    retryAfter: fact.retryAfter,
  };
}
