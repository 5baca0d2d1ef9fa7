/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
/** A permission X grants a user on an ad account: one role, plus TWEET_COMPOSER when the user may compose Promoted-only posts. */
export type AccountPermission =
  /** Account administrator */
  | 'ACCOUNT_ADMIN'
  /** Ad manager */
  | 'AD_MANAGER'
  /** Organic analyst */
  | 'ANALYST'
  /** Campaign analyst */
  | 'CAMPAIGN_ANALYST'
  /** Creative manager */
  | 'CREATIVE_MANAGER'
  /** Partner audience manager */
  | 'PARTNER_AUDIENCE_MANAGER'
  /** Post composer */
  | 'TWEET_COMPOSER';

/** A condition that blocks a feature. */
export type CapabilityGate =
  /** The account is deleted or not approved. */
  | 'ACCOUNT_STATE'
  /** This app's Ads API access (its tier, or a read-only token) does not allow it. */
  | 'APP_ACCESS'
  /** The user's role on the account does not grant the feature. */
  | 'ROLE'
  /** The TWEET_COMPOSER permission (or owning the account) is missing. */
  | 'TWEET_COMPOSER'
  /** X could not be asked; the answer is unknown, not a denial. */
  | 'UPSTREAM';

/** Whether a feature is allowed. UNKNOWN is never a "no": show it as "could not check". */
export type CapabilityStatus =
  /** The user may use the feature. */
  | 'ALLOWED'
  /** The user may not; `reason` says why and `grantedBy` what would grant it. */
  | 'DENIED'
  /** X could not be asked (rate limit, outage); `retryAfter` may say when to ask again. */
  | 'UNKNOWN';

/** A feature a dashboard may show, disable or explain for an ad account. */
export type Feature =
  /** Conversion API. Send conversion events through the Conversion API. */
  | 'CONVERSION_API'
  /** Manage account users. Add and remove the account's users and change its settings. */
  | 'MANAGE_ACCOUNT_USERS'
  /** Manage audiences. Create and edit custom audiences (inferred from X's role descriptions). */
  | 'MANAGE_AUDIENCES'
  /** Manage campaigns. Create and edit campaigns, line items and their targeting. */
  | 'MANAGE_CAMPAIGNS'
  /** Manage creatives. Create and edit creatives and cards, and preview them. */
  | 'MANAGE_CREATIVES'
  /** Manage partner audiences. View and edit data-partner audiences (inferred from X's role descriptions). */
  | 'MANAGE_PARTNER_AUDIENCES'
  /** Promoted-only posts. Create Promoted-only (nullcasted) posts for the account: needs the TWEET_COMPOSER permission, or being the account's owner (its FULL promotable user) with a role that edits. */
  | 'PROMOTED_ONLY_POSTS'
  /** View campaign analytics. See campaign statistics. */
  | 'VIEW_CAMPAIGN_ANALYTICS'
  /** View organic analytics. See organic post analytics and audience insights (inferred from X's role descriptions). */
  | 'VIEW_ORGANIC_ANALYTICS';

/** How the signed-in user reaches the account. */
export type TokenKind =
  /** The user owns the account: its FULL promotable user. */
  | 'ADVERTISER'
  /** The user was granted access to someone else's account; composing Promoted-only posts then needs TWEET_COMPOSER. */
  | 'DELEGATED';

export type AccountCapabilitiesQueryVariables = Exact<{
  id: string;
  features?: Array<Feature> | Feature | null | undefined;
}>;


export type AccountCapabilitiesQuery = { adAccount: { id: string, name: string, access: { role: AccountPermission | null, tweetComposer: boolean, tokenKind: TokenKind } | null, capabilities: Array<{ feature: Feature, status: CapabilityStatus, allowed: boolean, reason: string, blockedBy: Array<CapabilityGate>, grantedBy: Array<AccountPermission>, retryAfter: string | null }> } | null };

export type CapabilityMatrixQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type CapabilityMatrixQuery = { me: { id: string, screenName: string | null, adAccounts: { nodes: Array<{ id: string, name: string, approvalStatus: string | null, deleted: boolean, access: { role: AccountPermission | null, permissions: Array<AccountPermission>, tweetComposer: boolean } | null, capabilities: Array<{ feature: Feature, status: CapabilityStatus, allowed: boolean, reason: string, blockedBy: Array<CapabilityGate>, grantedBy: Array<AccountPermission>, retryAfter: string | null, checkedAt: string }> }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } } };

export type MeQueryVariables = Exact<{ [key: string]: never; }>;


export type MeQuery = { me: { id: string, screenName: string | null } };

export type RefreshAccessMutationVariables = Exact<{
  accountIds?: Array<string> | string | null | undefined;
}>;


export type RefreshAccessMutation = { refreshAccess: { forgottenFacts: number, accountIds: Array<string> | null } };


export const AccountCapabilitiesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"AccountCapabilities"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"features"}},"type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Feature"}}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"adAccount"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"access"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"tweetComposer"}},{"kind":"Field","name":{"kind":"Name","value":"tokenKind"}}]}},{"kind":"Field","name":{"kind":"Name","value":"capabilities"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"features"},"value":{"kind":"Variable","name":{"kind":"Name","value":"features"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"feature"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"allowed"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"blockedBy"}},{"kind":"Field","name":{"kind":"Name","value":"grantedBy"}},{"kind":"Field","name":{"kind":"Name","value":"retryAfter"}}]}}]}}]}}]} as unknown as DocumentNode<AccountCapabilitiesQuery, AccountCapabilitiesQueryVariables>;
export const CapabilityMatrixDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"CapabilityMatrix"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"me"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"screenName"}},{"kind":"Field","name":{"kind":"Name","value":"adAccounts"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"approvalStatus"}},{"kind":"Field","name":{"kind":"Name","value":"deleted"}},{"kind":"Field","name":{"kind":"Name","value":"access"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"permissions"}},{"kind":"Field","name":{"kind":"Name","value":"tweetComposer"}}]}},{"kind":"Field","name":{"kind":"Name","value":"capabilities"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"feature"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"allowed"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"blockedBy"}},{"kind":"Field","name":{"kind":"Name","value":"grantedBy"}},{"kind":"Field","name":{"kind":"Name","value":"retryAfter"}},{"kind":"Field","name":{"kind":"Name","value":"checkedAt"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}}]}}]} as unknown as DocumentNode<CapabilityMatrixQuery, CapabilityMatrixQueryVariables>;
export const MeDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Me"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"me"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"screenName"}}]}}]}}]} as unknown as DocumentNode<MeQuery, MeQueryVariables>;
export const RefreshAccessDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RefreshAccess"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"accountIds"}},"type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"refreshAccess"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"accountIds"},"value":{"kind":"Variable","name":{"kind":"Name","value":"accountIds"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"forgottenFacts"}},{"kind":"Field","name":{"kind":"Name","value":"accountIds"}}]}}]}}]} as unknown as DocumentNode<RefreshAccessMutation, RefreshAccessMutationVariables>;