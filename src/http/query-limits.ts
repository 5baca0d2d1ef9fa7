/**
 * Limits on the shape of one GraphQL document, checked while it is parsed and validated, so a
 * refused request never reaches a resolver and never costs an upstream call. The counting is
 * GraphQL Armor's; this module only makes each refusal a `GraphQLError` with the stable code
 * `GRAPHQL_VALIDATION_FAILED` and HTTP status 400 (200 for `application/json` answers, as the
 * GraphQL-over-HTTP spec asks), and stops at the first limit exceeded.
 */
import { costLimitPlugin } from '@escape.tech/graphql-armor-cost-limit';
import { maxAliasesPlugin } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthPlugin } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesPlugin } from '@escape.tech/graphql-armor-max-directives';
import { maxTokensPlugin } from '@escape.tech/graphql-armor-max-tokens';
import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { QueryLimits } from '../config.js';

export const QUERY_LIMIT_CODE = 'GRAPHQL_VALIDATION_FAILED';

/**
 * Returns the yoga plugins enforcing `limits` on every operation. Each throws a `GraphQLError`
 * (code `GRAPHQL_VALIDATION_FAILED`, message naming the limit and what was found) from parsing
 * (tokens) or validation (depth, aliases, directives, cost). The body size is yoga's own
 * `maxRequestBodySize` and is not handled here.
 */
export function queryLimitPlugins(limits: QueryLimits): Plugin[] {
  const refuse = { propagateOnRejection: false, onReject: [rejectWithCode] };
  return [
    maxTokensPlugin({ n: limits.maxTokens, ...refuse }),
    maxDepthPlugin({ n: limits.maxDepth, flattenFragments: true, ...refuse }),
    maxAliasesPlugin({ n: limits.maxAliases, ...refuse }),
    maxDirectivesPlugin({ n: limits.maxDirectives, ...refuse }),
    costLimitPlugin({ maxCost: limits.maxCost, flattenFragments: true, ...refuse }),
  ];
}

/**
 * Armor reports a limit as a "Syntax Error" without a code; the request is refused with the same
 * sentence, coded, instead. Throwing stops the parse or the validation at once.
 */
function rejectWithCode(_context: unknown, error: GraphQLError): never {
  throw queryLimitError(error.message.replace(/^Syntax Error: /, ''));
}

/** A refusal of the document's shape: code `GRAPHQL_VALIDATION_FAILED`, HTTP 400. */
export function queryLimitError(message: string): GraphQLError {
  return new GraphQLError(message, {
    extensions: { code: QUERY_LIMIT_CODE, http: { status: 400, spec: true } },
  });
}
