/**
 * The capability rules as data: one rule per feature, read by `evaluate` and nothing else.
 *
 * Sources: the role descriptions and the token table of X's Ads API docs. X publishes no feature
 * matrix, so every row is a reading of those descriptions; rows marked "(inferred)" go further
 * than the docs say and are ours.
 */
import type { Permission, Role } from '../upstream/types.js';
import type { AppTier, Feature } from './features.js';

/** Granted by holding any of `roles`. */
export interface RoleGrant {
  readonly kind: 'role';
  readonly roles: readonly Role[];
}

/**
 * Granted by `TWEET_COMPOSER`, or by being the account's FULL promotable user while holding one
 * of `ownerRoles`.
 */
export interface ComposerGrant {
  readonly kind: 'composer';
  readonly ownerRoles: readonly Role[];
}

export interface FeatureRule {
  readonly grant: RoleGrant | ComposerGrant;
  /** The permissions that would grant the feature, in the order reasons name them. */
  readonly grantedBy: readonly Permission[];
  /** The app tiers the feature is available to. */
  readonly tiers: readonly AppTier[];
  /** true when a read-only token blocks the feature. */
  readonly needsWrite: boolean;
  /** true when the account must be usable: not deleted, and approved when a status is given. */
  readonly needsUsableAccount: boolean;
}

const ANY_TIER: readonly AppTier[] = ['standard', 'conversion-only'];
const STANDARD: readonly AppTier[] = ['standard'];

/** Returns the rule of a feature granted by holding any of `roles`. */
function byRole(roles: readonly Role[], gates: Omit<FeatureRule, 'grant' | 'grantedBy'>) {
  return { grant: { kind: 'role', roles }, grantedBy: roles, ...gates } satisfies FeatureRule;
}

/** The rule for each feature. */
export const FEATURE_RULES: Readonly<Record<Feature, FeatureRule>> = {
  // TWEET_COMPOSER is documented. The owner half (FULL promotable user with one of these roles)
  // is an inference from the docs of `POST accounts/:account_id/tweet`, which post as the FULL
  // promotable user and send anyone else to check for TWEET_COMPOSER. That endpoint is a
  // Creatives one, which Conversion-only apps cannot call: standard tier only (the design table
  // names no tier here; the tier follows from the endpoint).
  PROMOTED_ONLY_POSTS: {
    grant: { kind: 'composer', ownerRoles: ['ACCOUNT_ADMIN', 'AD_MANAGER', 'CREATIVE_MANAGER'] },
    grantedBy: ['TWEET_COMPOSER'],
    tiers: STANDARD,
    needsWrite: true,
    needsUsableAccount: true,
  },
  CONVERSION_API: byRole(['ACCOUNT_ADMIN', 'AD_MANAGER'], {
    tiers: ANY_TIER,
    needsWrite: false,
    needsUsableAccount: false,
  }),
  MANAGE_CAMPAIGNS: byRole(['ACCOUNT_ADMIN', 'AD_MANAGER'], {
    tiers: STANDARD,
    needsWrite: true,
    needsUsableAccount: true,
  }),
  VIEW_CAMPAIGN_ANALYTICS: byRole(['ACCOUNT_ADMIN', 'AD_MANAGER', 'CAMPAIGN_ANALYST'], {
    tiers: STANDARD,
    needsWrite: false,
    needsUsableAccount: false,
  }),
  // (inferred) from ANALYST's description: organic analytics, which the stronger roles include.
  VIEW_ORGANIC_ANALYTICS: byRole(['ACCOUNT_ADMIN', 'AD_MANAGER', 'CAMPAIGN_ANALYST', 'ANALYST'], {
    tiers: STANDARD,
    needsWrite: false,
    needsUsableAccount: false,
  }),
  // Cards are creatives: the same rule covers them.
  MANAGE_CREATIVES: byRole(['ACCOUNT_ADMIN', 'AD_MANAGER', 'CREATIVE_MANAGER'], {
    tiers: STANDARD,
    needsWrite: true,
    needsUsableAccount: true,
  }),
  // (inferred) custom audiences sit with campaign management; no role description names them.
  MANAGE_AUDIENCES: byRole(['ACCOUNT_ADMIN', 'AD_MANAGER'], {
    tiers: STANDARD,
    needsWrite: true,
    needsUsableAccount: false,
  }),
  // (inferred) PARTNER_AUDIENCE_MANAGER is documented; ACCOUNT_ADMIN and AD_MANAGER granting it
  // too is presumed from their "everything" descriptions and is UNVERIFIED. Audience endpoints
  // are outside Conversion-only access, so standard tier only.
  MANAGE_PARTNER_AUDIENCES: byRole(['PARTNER_AUDIENCE_MANAGER', 'ACCOUNT_ADMIN', 'AD_MANAGER'], {
    tiers: STANDARD,
    needsWrite: true,
    needsUsableAccount: false,
  }),
  MANAGE_ACCOUNT_USERS: byRole(['ACCOUNT_ADMIN'], {
    tiers: ANY_TIER,
    needsWrite: false,
    needsUsableAccount: false,
  }),
};
