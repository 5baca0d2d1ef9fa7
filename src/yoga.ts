/**
 * `makeYoga(services, options)`: the GraphQL endpoint, testable in-process with `yoga.fetch` (no
 * port). Before anything runs, a request passes the body size limit, the document limits
 * (`http/query-limits.ts`) and, in production, the introspection and suggestion guards
 * (`http/schema-disclosure.ts`); batches and mutations over GET are refused by yoga itself.
 * Errors leave through `maskError` only: client errors keep their stable code, upstream failures
 * are mapped in `errors.ts`, and anything else becomes "Unexpected error." and is logged once.
 */
import { readFileSync } from 'node:fs';
import { GraphQLError } from 'graphql';
import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import { createYoga, type YogaServerInstance } from 'graphql-yoga';
import type { QueryLimits } from './config.js';
import { createContextFactory, type Context, type RequestServices } from './context.js';
import { ClientError, toClientError, unexpectedError } from './errors.js';
import { corsPolicy } from './http/cors.js';
import { queryLimitPlugins } from './http/query-limits.js';
import { currentRequestId } from './http/request-id.js';
import { operationNamePlugin, type RequestLogContext } from './http/request-log.js';
import { schemaDisclosurePlugins } from './http/schema-disclosure.js';
import type { Logger } from './logger.js';
import { schema } from './schema/index.js';
import { SANDBOX_PERSONA_HEADER } from './auth/identity.js';

export const GRAPHQL_PATH = '/graphql';

export interface YogaOptions {
  /** Shows the GraphiQL IDE on GET /graphql from a browser. */
  readonly graphiql: boolean;
  /** In sandbox mode GraphiQL offers the persona header. */
  readonly sandbox: boolean;
  /** Allows `__schema` and `__type`. */
  readonly introspection: boolean;
  /** Keeps graphql-js's "Did you mean …?" hints in error messages. */
  readonly suggestions: boolean;
  readonly limits: QueryLimits;
  /** Origins given CORS headers with credentials; every other origin gets none. */
  readonly corsOrigins: readonly string[];
  /** Values cut from logged unexpected errors (the app's consumer and static token secrets). */
  readonly secrets: readonly string[];
}

export type YogaServerContext = RequestLogContext;
export type Yoga = YogaServerInstance<YogaServerContext, Context>;

export function makeYoga(services: RequestServices, options: YogaOptions): Yoga {
  const createContext = createContextFactory(services);
  const scrub = secretScrubber(options.secrets);
  return createYoga<YogaServerContext, Context>({
    schema,
    graphqlEndpoint: GRAPHQL_PATH,
    context: ({ request }) => createContext(request),
    maskedErrors: { maskError: (error) => maskError(error, services.logger, scrub) },
    graphiql: options.graphiql ? graphiqlOptions(options.sandbox) : false,
    // GraphiQL's assets are served from this package, so it works offline.
    renderGraphiQL,
    landingPage: false,
    batching: false,
    multipart: false,
    maxRequestBodySize: options.limits.maxBodyBytes,
    cors: corsPolicy(options.corsOrigins),
    plugins: [
      operationNamePlugin(),
      ...queryLimitPlugins(options.limits),
      ...schemaDisclosurePlugins(options),
    ],
    logging: yogaLogger(services.logger),
  });
}

/**
 * The single exit for errors: see the module comment. `scrub` removes known secrets from what is
 * logged about an unexpected error; nothing of it reaches the client either way.
 */
export function maskError(
  error: unknown,
  logger: Logger,
  scrub: (text: string) => string = (text) => text,
): Error {
  if (!(error instanceof GraphQLError)) return logUnexpected(error, logger, scrub, null);
  const original = error.originalError;
  if (original instanceof ClientError) return error;
  if (!original || (original instanceof GraphQLError && !original.originalError)) {
    return requestError(error, logger, scrub);
  }
  const mapped = toClientError(original);
  if (mapped) {
    return new GraphQLError(mapped.message, {
      nodes: error.nodes,
      path: error.path,
      extensions: mapped.extensions,
    });
  }
  return logUnexpected(original, logger, scrub, error);
}

/**
 * An error graphql-js or yoga made itself (perhaps around another such error). Yoga's and this
 * service's carry a code and pass as they are; graphql-js's request errors (a variable of the wrong type, a missing operation name)
 * carry none and are the client's to fix: BAD_USER_INPUT. One raised while executing a field is
 * this service's fault and is masked.
 */
function requestError(error: GraphQLError, logger: Logger, scrub: (text: string) => string) {
  if (hasCode(error)) return error;
  if (error.path) return logUnexpected(error, logger, scrub, error);
  return new GraphQLError(error.message, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    extensions: { ...error.extensions, code: 'BAD_USER_INPUT' },
  });
}

function hasCode(error: GraphQLError): boolean {
  return typeof error.extensions['code'] === 'string';
}

function logUnexpected(
  cause: unknown,
  logger: Logger,
  scrub: (text: string) => string,
  located: GraphQLError | null,
): GraphQLError {
  const err =
    cause instanceof Error
      ? { type: cause.name, message: scrub(cause.message), stack: scrub(cause.stack ?? '') }
      : { type: typeof cause };
  logger.error(
    { err, path: located?.path, requestId: currentRequestId() },
    'unexpected error while answering GraphQL',
  );
  const masked = unexpectedError();
  return new GraphQLError(masked.message, {
    nodes: located?.nodes,
    path: located?.path,
    extensions: masked.extensions,
  });
}

/** Replaces every occurrence of each non-empty secret with "[redacted]". */
function secretScrubber(secrets: readonly string[]): (text: string) => string {
  const present = secrets.filter((secret) => secret.length > 0);
  return (text) => present.reduce((out, secret) => out.split(secret).join('[redacted]'), text);
}

/**
 * Yoga's own log lines. Yoga also logs every error it had masked: those were logged once (and
 * scrubbed) by `maskError`, so yoga's copy goes to debug with the error's name only.
 */
function yogaLogger(logger: Logger) {
  const detail = (args: unknown[]) => ({
    detail: args.map((arg) => (arg instanceof Error ? arg.name : String(arg))),
  });
  const onlyErrors = (args: unknown[]) => args.every((arg) => arg instanceof Error);
  return {
    debug: (...args: unknown[]) => logger.debug(detail(args), 'graphql-yoga'),
    info: (...args: unknown[]) => logger.info(detail(args), 'graphql-yoga'),
    warn: (...args: unknown[]) => logger.warn(detail(args), 'graphql-yoga'),
    error: (...args: unknown[]) =>
      onlyErrors(args)
        ? logger.debug(detail(args), 'graphql-yoga')
        : logger.error(detail(args), 'graphql-yoga'),
  };
}

/**
 * What GraphiQL opens with: the frontend's own matrix operation (one source for both), after a
 * short how-to.
 */
export const MATRIX_EXAMPLE = `# Press the run button: every ad account you can reach, and what you may do on each.
# In sandbox mode, switch persona in the Headers tab below
# (demo, advertiser, agency, analyst, readonly, nobody).
${readFileSync(new URL('../operations/capability-matrix.graphql', import.meta.url), 'utf8')}`;

function graphiqlOptions(sandbox: boolean) {
  return {
    title: 'x-ads-access',
    defaultQuery: MATRIX_EXAMPLE,
    ...(sandbox ? { headers: JSON.stringify({ [SANDBOX_PERSONA_HEADER]: 'demo' }, null, 2) } : {}),
  };
}
