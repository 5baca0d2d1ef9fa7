/** The capability rules: what a user may do on an ad account, with reasons. No GraphQL here. */
export { APP_TIER_LABELS, FEATURES, FEATURE_LABELS, GATES, PERMISSION_LABELS } from './features.js';
export type { AppTier, Feature, Gate } from './features.js';
export { known, unavailable } from './facts.js';
export type {
  AccountState,
  CapabilityFacts,
  Fact,
  Known,
  Unavailable,
  UnavailableCause,
} from './facts.js';
export { evaluate, needsPromotableUsers, roleOf, tokenKind } from './evaluate.js';
export type { CapabilityStatus, Decision } from './evaluate.js';
