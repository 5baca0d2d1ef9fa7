/**
 * The baselines every figure is a ratio against, measured in the same run:
 * - B0: a bare graphql-yoga hello world (the floor of any GraphQL request);
 * - B1: one direct signed call to the sandbox (one upstream round trip R);
 * - B3: the service's own schema and query over facts held in memory (no cache layer, no HTTP
 *   upstream): the floor of execution and serialization for that answer.
 */
import { createSchema, createYoga } from 'graphql-yoga';
import { createApp } from '../src/app.js';
import type { Sandbox } from '../src/sandbox/index.js';
import type { Services } from '../src/services.js';
import type { AdsApi } from '../src/upstream/ads-api.js';
import { createAdsClient } from '../src/upstream/client.js';
import { parseAccountId } from '../src/upstream/account-id.js';
import { UpstreamNetworkError } from '../src/upstream/errors.js';
import type { App } from './harness.js';
import { createMemoryReader, type PreparedFacts } from './memory-reader.js';
import { timed } from './stats.js';

/** B0: the hello-world server and the body to send it. */
export function createHelloApp() {
  return createYoga({
    schema: createSchema({
      typeDefs: 'type Query { hello: String! }',
      resolvers: { Query: { hello: () => 'world' } },
    }),
    graphiql: false,
    landingPage: false,
    logging: false,
  });
}

export const HELLO_BODY = JSON.stringify({ query: '{ hello }' });

/** Returns null when a B0 answer is right, else what is wrong. */
export function checkHello(body: unknown): string | null {
  return JSON.stringify(body) === '{"data":{"hello":"world"}}' ? null : 'unexpected B0 answer';
}

/**
 * B1: returns a function making one signed `authenticated_user_access` call for `persona` on
 * `accountId`, without retries; it rejects with the client's UpstreamError on failure.
 */
export function createDirectCall(sandbox: Sandbox, persona: string, accountId: string) {
  const api: AdsApi = createAdsClient({
    baseUrl: sandbox.url,
    version: sandbox.version,
    consumerKey: sandbox.consumer.key,
    consumerSecret: sandbox.consumer.secret,
    maxRetries: 0,
  });
  const id = parseAccountId(accountId);
  if (id === null) throw new Error(`B1 account id "${accountId}" is not a valid account id.`);
  const { token, tokenSecret } = sandbox.persona(persona);
  return async (): Promise<void> => {
    await api.getAuthenticatedUserAccess({ token, secret: tokenSecret }, id);
  };
}

/**
 * Times one B1 call. A connection reset before any answer (a pooled keep-alive socket the
 * sandbox had just closed) is not a round trip: that attempt is dropped and timed again once.
 */
export async function timeDirectCall(direct: () => Promise<void>): Promise<number> {
  try {
    return await timed(direct);
  } catch (error) {
    if (!(error instanceof UpstreamNetworkError)) throw error;
    return timed(direct);
  }
}

/**
 * B3: the real app (same identity, schema, yoga and masking) whose requests read facts from
 * `factsFor(userKey)` instead of the cache and the upstream. A user without prepared facts gets
 * readers that reject, which shows as UNKNOWN answers and fails the answer check.
 */
export function createMemoryApp(
  services: Services,
  factsFor: (user: string) => PreparedFacts | undefined,
): App {
  const empty: PreparedFacts = {
    accounts: new Map(),
    access: new Map(),
    promotableUsers: new Map(),
    page: {
      value: { data: [], nextCursor: null, totalCount: null, meta: emptyMeta() },
      source: 'CACHED',
      checkedAt: new Date(0),
      stale: false,
    },
  };
  const inMemory: Services = {
    ...services,
    createReader: (options) => createMemoryReader(factsFor(options.user) ?? empty),
  };
  return createApp(inMemory, { upstreamReady: async () => true });
}

function emptyMeta() {
  return { status: 200, rateLimit: null, accessLevel: null, receivedAt: new Date(0) };
}
