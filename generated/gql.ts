/* eslint-disable */
import * as types from './graphql.js';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "query AccountCapabilities($id: ID!, $features: [Feature!]) {\n  adAccount(id: $id) {\n    id\n    name\n    access {\n      role\n      tweetComposer\n      tokenKind\n    }\n    capabilities(features: $features) {\n      feature\n      status\n      allowed\n      reason\n      blockedBy\n      grantedBy\n      retryAfter\n    }\n  }\n}": typeof types.AccountCapabilitiesDocument,
    "query CapabilityMatrix($first: Int, $after: String) {\n  me {\n    id\n    screenName\n    adAccounts(first: $first, after: $after) {\n      nodes {\n        id\n        name\n        approvalStatus\n        deleted\n        access {\n          role\n          permissions\n          tweetComposer\n        }\n        capabilities {\n          feature\n          status\n          allowed\n          reason\n          blockedBy\n          grantedBy\n          retryAfter\n          checkedAt\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n}": typeof types.CapabilityMatrixDocument,
    "query Me {\n  me {\n    id\n    screenName\n  }\n}": typeof types.MeDocument,
    "mutation RefreshAccess($accountIds: [ID!]) {\n  refreshAccess(accountIds: $accountIds) {\n    forgottenFacts\n    accountIds\n  }\n}": typeof types.RefreshAccessDocument,
};
const documents: Documents = {
    "query AccountCapabilities($id: ID!, $features: [Feature!]) {\n  adAccount(id: $id) {\n    id\n    name\n    access {\n      role\n      tweetComposer\n      tokenKind\n    }\n    capabilities(features: $features) {\n      feature\n      status\n      allowed\n      reason\n      blockedBy\n      grantedBy\n      retryAfter\n    }\n  }\n}": types.AccountCapabilitiesDocument,
    "query CapabilityMatrix($first: Int, $after: String) {\n  me {\n    id\n    screenName\n    adAccounts(first: $first, after: $after) {\n      nodes {\n        id\n        name\n        approvalStatus\n        deleted\n        access {\n          role\n          permissions\n          tweetComposer\n        }\n        capabilities {\n          feature\n          status\n          allowed\n          reason\n          blockedBy\n          grantedBy\n          retryAfter\n          checkedAt\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n}": types.CapabilityMatrixDocument,
    "query Me {\n  me {\n    id\n    screenName\n  }\n}": types.MeDocument,
    "mutation RefreshAccess($accountIds: [ID!]) {\n  refreshAccess(accountIds: $accountIds) {\n    forgottenFacts\n    accountIds\n  }\n}": types.RefreshAccessDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query AccountCapabilities($id: ID!, $features: [Feature!]) {\n  adAccount(id: $id) {\n    id\n    name\n    access {\n      role\n      tweetComposer\n      tokenKind\n    }\n    capabilities(features: $features) {\n      feature\n      status\n      allowed\n      reason\n      blockedBy\n      grantedBy\n      retryAfter\n    }\n  }\n}"): (typeof documents)["query AccountCapabilities($id: ID!, $features: [Feature!]) {\n  adAccount(id: $id) {\n    id\n    name\n    access {\n      role\n      tweetComposer\n      tokenKind\n    }\n    capabilities(features: $features) {\n      feature\n      status\n      allowed\n      reason\n      blockedBy\n      grantedBy\n      retryAfter\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query CapabilityMatrix($first: Int, $after: String) {\n  me {\n    id\n    screenName\n    adAccounts(first: $first, after: $after) {\n      nodes {\n        id\n        name\n        approvalStatus\n        deleted\n        access {\n          role\n          permissions\n          tweetComposer\n        }\n        capabilities {\n          feature\n          status\n          allowed\n          reason\n          blockedBy\n          grantedBy\n          retryAfter\n          checkedAt\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n}"): (typeof documents)["query CapabilityMatrix($first: Int, $after: String) {\n  me {\n    id\n    screenName\n    adAccounts(first: $first, after: $after) {\n      nodes {\n        id\n        name\n        approvalStatus\n        deleted\n        access {\n          role\n          permissions\n          tweetComposer\n        }\n        capabilities {\n          feature\n          status\n          allowed\n          reason\n          blockedBy\n          grantedBy\n          retryAfter\n          checkedAt\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query Me {\n  me {\n    id\n    screenName\n  }\n}"): (typeof documents)["query Me {\n  me {\n    id\n    screenName\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation RefreshAccess($accountIds: [ID!]) {\n  refreshAccess(accountIds: $accountIds) {\n    forgottenFacts\n    accountIds\n  }\n}"): (typeof documents)["mutation RefreshAccess($accountIds: [ID!]) {\n  refreshAccess(accountIds: $accountIds) {\n    forgottenFacts\n    accountIds\n  }\n}"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;