/**
 * `makeYoga(services)`: the GraphQL endpoint, testable in-process with `yoga.fetch` (no port).
 * Errors leave through `maskError` only: client errors keep their stable code, upstream failures
 * are mapped in `errors.ts`, and anything else becomes "Unexpected error." and is logged once.
 */
import { GraphQLError } from 'graphql';
import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import { createYoga, type YogaServerInstance } from 'graphql-yoga';
import { createContextFactory, type Context, type RequestServices } from './context.js';
import { ClientError, toClientError, unexpectedError } from './errors.js';
import type { Logger } from './logger.js';
import { schema } from './schema/index.js';
import { SANDBOX_PERSONA_HEADER } from './auth/identity.js';

export const GRAPHQL_PATH = '/graphql';

export interface YogaOptions {
  /** Shows the GraphiQL IDE on GET /graphql from a browser. */
  readonly graphiql: boolean;
  /** In sandbox mode GraphiQL offers the persona header. */
  readonly sandbox: boolean;
}

export type Yoga = YogaServerInstance<Record<string, never>, Context>;

export function makeYoga(services: RequestServices, options: YogaOptions): Yoga {
  const createContext = createContextFactory(services);
  return createYoga<Record<string, never>, Context>({
    schema,
    graphqlEndpoint: GRAPHQL_PATH,
    context: ({ request }) => createContext(request),
    maskedErrors: { maskError: (error) => maskError(error, services.logger) },
    graphiql: options.graphiql ? graphiqlOptions(options.sandbox) : false,
    // GraphiQL's assets are served from this package, so it works offline.
    renderGraphiQL,
    landingPage: false,
    batching: false,
    logging: yogaLogger(services.logger),
  });
}

/** The single exit for errors: see the module comment. */
export function maskError(error: unknown, logger: Logger): Error {
  if (!(error instanceof GraphQLError)) return logUnexpected(error, logger, null);
  const original = error.originalError;
  if (!original || original instanceof ClientError) return error;
  const mapped = toClientError(original);
  if (mapped) {
    return new GraphQLError(mapped.message, {
      nodes: error.nodes,
      path: error.path,
      extensions: mapped.extensions,
    });
  }
  if (original instanceof GraphQLError && !original.originalError) return error;
  return logUnexpected(original, logger, error);
}

function logUnexpected(cause: unknown, logger: Logger, located: GraphQLError | null): GraphQLError {
  logger.error({ err: cause, path: located?.path }, 'unexpected error while answering GraphQL');
  const masked = unexpectedError();
  return new GraphQLError(masked.message, {
    nodes: located?.nodes,
    path: located?.path,
    extensions: masked.extensions,
  });
}

function yogaLogger(logger: Logger) {
  return {
    debug: (...args: unknown[]) => logger.debug({ detail: args.map(String) }, 'graphql-yoga'),
    info: (...args: unknown[]) => logger.info({ detail: args.map(String) }, 'graphql-yoga'),
    warn: (...args: unknown[]) => logger.warn({ detail: args.map(String) }, 'graphql-yoga'),
    error: (...args: unknown[]) => logger.error({ detail: args.map(String) }, 'graphql-yoga'),
  };
}

export const MATRIX_EXAMPLE = `# The capability matrix: every ad account you can reach, and what you may do on each.
# Press the run button. In sandbox mode, switch persona in the Headers tab below
# (demo, advertiser, agency, analyst, readonly, nobody).
query CapabilityMatrix {
  me {
    id
    screenName
    adAccounts(first: 50) {
      nodes {
        id
        name
        approvalStatus
        deleted
        access {
          role
          permissions
          tweetComposer
        }
        capabilities {
          feature
          status
          reason
          blockedBy
          grantedBy
          retryAfter
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
}
`;

function graphiqlOptions(sandbox: boolean) {
  return {
    title: 'x-ads-access',
    defaultQuery: MATRIX_EXAMPLE,
    ...(sandbox ? { headers: JSON.stringify({ [SANDBOX_PERSONA_HEADER]: 'demo' }, null, 2) } : {}),
  };
}
