/**
 * What the endpoint tells a stranger about its schema. With introspection off, `__schema` and
 * `__type` fail validation (`__typename` stays allowed: clients and the GraphQL-over-HTTP audit
 * need it). With suggestions hidden, graphql-js's "Did you mean …?" hints, which would otherwise
 * spell out field, argument, type and enum names one typo at a time, are cut from every error.
 */
import { GraphQLError, NoSchemaIntrospectionCustomRule } from 'graphql';
import type { ExecutionResult } from 'graphql';
import type { Plugin } from 'graphql-yoga';

export interface SchemaDisclosureOptions {
  readonly introspection: boolean;
  readonly suggestions: boolean;
}

/** Returns the yoga plugins that enforce `options`; none when both are allowed. */
export function schemaDisclosurePlugins(options: SchemaDisclosureOptions): Plugin[] {
  return [
    ...(options.introspection ? [] : [refuseIntrospection()]),
    ...(options.suggestions ? [] : [hideSuggestions()]),
  ];
}

function refuseIntrospection(): Plugin {
  return {
    onValidate: ({ addValidationRule }) => addValidationRule(NoSchemaIntrospectionCustomRule),
  };
}

/**
 * Rewrites every error of every result, validation failures and variable coercion errors alike
 * (graphql-js adds hints in both, e.g. `Did you mean the enum value "MANAGE_CAMPAIGNS"?`).
 */
function hideSuggestions(): Plugin {
  return {
    onExecutionResult: ({ result, setResult }) => {
      if (!isSingleResult(result) || !result.errors?.length) return;
      setResult({ ...result, errors: result.errors.map(withoutSuggestion) });
    },
  };
}

const SUGGESTION = /\s*Did you mean [^?]*\?/g;

/** The error with its hints removed; the same error when it has none. */
export function withoutSuggestion(error: GraphQLError): GraphQLError {
  const message = error.message.replace(SUGGESTION, '');
  if (message === error.message) return error;
  return new GraphQLError(message, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    path: error.path,
    originalError: error.originalError,
    extensions: error.extensions,
  });
}

function isSingleResult(result: unknown): result is ExecutionResult {
  return typeof result === 'object' && result !== null && !(Symbol.asyncIterator in result);
}
