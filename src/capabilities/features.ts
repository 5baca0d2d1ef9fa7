/**
 * The vocabulary of capability answers: the features a frontend asks about, the gates that can
 * block one, the app's Ads API access tier, and the labels a UI shows for permissions and features.
 */
import type { Permission } from '../upstream/types.js';

/** Every feature the service answers for, in the order `capabilities` lists them. */
export const FEATURES = [
  'PROMOTED_ONLY_POSTS',
  'CONVERSION_API',
  'MANAGE_CAMPAIGNS',
  'VIEW_CAMPAIGN_ANALYTICS',
  'VIEW_ORGANIC_ANALYTICS',
  'MANAGE_CREATIVES',
  'MANAGE_AUDIENCES',
  'MANAGE_PARTNER_AUDIENCES',
  'MANAGE_ACCOUNT_USERS',
] as const;
export type Feature = (typeof FEATURES)[number];

/**
 * What can block a feature. `blockedBy` always lists gates in this order: `ROLE` (the user's role
 * does not grant it), `TWEET_COMPOSER` (no post composer grant and not the account's owner),
 * `APP_ACCESS` (the app's tier, or a read-only token), `ACCOUNT_STATE` (deleted or not approved),
 * `UPSTREAM` (a fact the answer depends on could not be read).
 */
export const GATES = ['ROLE', 'TWEET_COMPOSER', 'APP_ACCESS', 'ACCOUNT_STATE', 'UPSTREAM'] as const;
export type Gate = (typeof GATES)[number];

/** The app's Ads API access tier (`X_APP_ACCESS`). */
export type AppTier = 'standard' | 'conversion-only';

/** The names X's Ads UI uses for each permission; `PARTNER_AUDIENCE_MANAGER` is API-only. */
export const PERMISSION_LABELS: Readonly<Record<Permission, string>> = {
  ACCOUNT_ADMIN: 'Account administrator',
  AD_MANAGER: 'Ad manager',
  CREATIVE_MANAGER: 'Creative manager',
  CAMPAIGN_ANALYST: 'Campaign analyst',
  ANALYST: 'Organic analyst',
  PARTNER_AUDIENCE_MANAGER: 'Partner audience manager',
  TWEET_COMPOSER: 'Post composer',
};

/** Short names a UI can show for each feature. */
export const FEATURE_LABELS: Readonly<Record<Feature, string>> = {
  PROMOTED_ONLY_POSTS: 'Promoted-only posts',
  CONVERSION_API: 'Conversion API',
  MANAGE_CAMPAIGNS: 'Manage campaigns',
  VIEW_CAMPAIGN_ANALYTICS: 'View campaign analytics',
  VIEW_ORGANIC_ANALYTICS: 'View organic analytics',
  MANAGE_CREATIVES: 'Manage creatives',
  MANAGE_AUDIENCES: 'Manage audiences',
  MANAGE_PARTNER_AUDIENCES: 'Manage partner audiences',
  MANAGE_ACCOUNT_USERS: 'Manage account users',
};

/** The label for each access tier, as used in reason sentences. */
export const APP_TIER_LABELS: Readonly<Record<AppTier, string>> = {
  standard: 'Standard',
  'conversion-only': 'Conversion-only',
};
