/** `Capability`: one feature's answer on one ad account, with the enums it is made of. */
import {
  FEATURE_LABELS,
  FEATURES,
  GATES,
  type Feature,
  type Gate,
  type UnavailableCause,
} from '../capabilities/index.js';
import type { ErrorCode } from '../errors.js';
import type { CapabilityAnswer } from '../loaders/account-capabilities.js';
import { AccountPermissionEnum } from './account-access.js';
import { builder } from './builder.js';

const FEATURE_DESCRIPTIONS: Record<Feature, string> = {
  PROMOTED_ONLY_POSTS:
    "Create Promoted-only (nullcasted) posts for the account: needs the TWEET_COMPOSER permission, or being the account's owner (its FULL promotable user) with a role that edits.",
  CONVERSION_API: 'Send conversion events through the Conversion API.',
  MANAGE_CAMPAIGNS: 'Create and edit campaigns, line items and their targeting.',
  VIEW_CAMPAIGN_ANALYTICS: 'See campaign statistics.',
  VIEW_ORGANIC_ANALYTICS:
    "See organic post analytics and audience insights (inferred from X's role descriptions).",
  MANAGE_CREATIVES: 'Create and edit creatives and cards, and preview them.',
  MANAGE_AUDIENCES: "Create and edit custom audiences (inferred from X's role descriptions).",
  MANAGE_PARTNER_AUDIENCES:
    "View and edit data-partner audiences (inferred from X's role descriptions).",
  MANAGE_ACCOUNT_USERS: "Add and remove the account's users and change its settings.",
};

export const FeatureEnum = builder.enumType('Feature', {
  description: 'A feature a dashboard may show, disable or explain for an ad account.',
  values: Object.fromEntries(
    FEATURES.map((feature) => [
      feature,
      {
        value: feature,
        description: `${FEATURE_LABELS[feature]}. ${FEATURE_DESCRIPTIONS[feature]}`,
      },
    ]),
  ) as Record<Feature, { value: Feature; description: string }>,
});

const GATE_DESCRIPTIONS: Record<Gate, string> = {
  ROLE: "The user's role on the account does not grant the feature.",
  TWEET_COMPOSER: 'The TWEET_COMPOSER permission (or owning the account) is missing.',
  APP_ACCESS: "This app's Ads API access (its tier, or a read-only token) does not allow it.",
  ACCOUNT_STATE: 'The account is deleted or not approved.',
  UPSTREAM: 'X could not be asked; the answer is unknown, not a denial.',
};

export const CapabilityGateEnum = builder.enumType('CapabilityGate', {
  description: 'A condition that blocks a feature.',
  values: Object.fromEntries(
    GATES.map((gate) => [gate, { value: gate, description: GATE_DESCRIPTIONS[gate] }]),
  ) as Record<Gate, { value: Gate; description: string }>,
});

export const CapabilityStatusEnum = builder.enumType('CapabilityStatus', {
  description:
    'Whether a feature is allowed. UNKNOWN is never a "no": show it as "could not check".',
  values: {
    ALLOWED: { description: 'The user may use the feature.' },
    DENIED: {
      description: 'The user may not; `reason` says why and `grantedBy` what would grant it.',
    },
    UNKNOWN: {
      description:
        'X could not be asked (rate limit, outage); `retryAfter` may say when to ask again.',
    },
  } as const,
});

export const FactSourceEnum = builder.enumType('FactSource', {
  description: 'Where the facts behind an answer came from.',
  values: {
    LIVE: { description: 'Read from X for this request.' },
    CACHED: {
      description: 'Read from X earlier and still within its cache lifetime (see checkedAt).',
    },
  } as const,
});

const CODES: Record<UnavailableCause, ErrorCode> = {
  'rate-limited': 'UPSTREAM_RATE_LIMITED',
  'token-rejected': 'REAUTH_REQUIRED',
  'bad-response': 'UPSTREAM_BAD_RESPONSE',
  unavailable: 'UPSTREAM_UNAVAILABLE',
};

export const CapabilityRef = builder.objectRef<CapabilityAnswer>('Capability').implement({
  description: 'Whether the signed-in user may use one feature on one ad account, and why.',
  fields: (t) => ({
    feature: t.field({
      type: FeatureEnum,
      description: 'The feature this answer is about.',
      resolve: (answer) => answer.feature,
    }),
    status: t.field({
      type: CapabilityStatusEnum,
      description: 'ALLOWED, DENIED, or UNKNOWN when X could not be asked.',
      resolve: (answer) => answer.status,
    }),
    allowed: t.boolean({
      description: 'true exactly when status is ALLOWED.',
      resolve: (answer) => answer.status === 'ALLOWED',
    }),
    reason: t.string({
      description: 'One sentence a UI can show as is, e.g. in a tooltip on a disabled button.',
      resolve: (answer) => answer.reason,
    }),
    blockedBy: t.field({
      type: [CapabilityGateEnum],
      description: 'Every gate that failed; empty when allowed. UPSTREAM alone when unknown.',
      resolve: (answer) => [...answer.blockedBy],
    }),
    grantedBy: t.field({
      type: [AccountPermissionEnum],
      description: 'The permissions that would grant the feature, to tell the user whom to ask.',
      resolve: (answer) => [...answer.grantedBy],
    }),
    retryAfter: t.field({
      type: 'DateTime',
      nullable: true,
      description: "Set when the answer is UNKNOWN because of X's rate limit: when to ask again.",
      resolve: (answer) => answer.retryAfter,
    }),
    checkedAt: t.field({
      type: 'DateTime',
      description: 'When the oldest fact behind this answer was read from X.',
      resolve: (answer) => answer.checkedAt,
    }),
    source: t.field({
      type: FactSourceEnum,
      description: 'LIVE when every fact was read from X for this request, CACHED otherwise.',
      resolve: (answer) => answer.source,
    }),
    stale: t.boolean({
      description:
        'true when a fact behind the answer is past its cache lifetime and X could not be asked again (see checkedAt).',
      resolve: (answer) => answer.stale,
    }),
    errorCode: t.string({
      nullable: true,
      description:
        'For UNKNOWN answers, the error code of the failed read (e.g. UPSTREAM_RATE_LIMITED).',
      resolve: (answer) => (answer.unknownBecause ? CODES[answer.unknownBecause] : null),
    }),
  }),
});
