/**
 * The per-request context: who the request speaks for and the loaders made for it. Built by
 * `createContextFactory` once per GraphQL request; nothing in it outlives the request except
 * through the shared services it was given.
 */
import { createHash } from 'node:crypto';
import type { Viewer, NoViewer } from './auth/viewer.js';
import type { AccessLevelTracker } from './cache/access-level.js';
import type { AppTier } from './capabilities/index.js';
import { reauthRequiredError, unauthenticatedError, userInputError } from './errors.js';
import type { CapabilityEnv } from './loaders/account-capabilities.js';
import { createLoaders, type Loaders } from './loaders/create-loaders.js';
import {
  createFactReader,
  type FactReader,
  type FactReaderOptions,
  type UpstreamDeps,
} from './loaders/fact-reader.js';
import type { Logger } from './logger.js';
import { UpstreamTokenRejectedError } from './upstream/errors.js';
import type { AccountId } from './upstream/types.js';

/** Everything the request path needs from the running service. */
export interface RequestServices {
  readonly upstream: UpstreamDeps;
  readonly accessLevels: AccessLevelTracker;
  readonly appTier: AppTier;
  readonly requestDeadlineMs: number;
  readonly logger: Logger;
  /** Resolves the request's identity according to the mode. */
  readonly identify: (request: Request) => Promise<Viewer | NoViewer>;
  /** Called once per request when X rejects the viewer's token (revoked): forget it. */
  readonly onTokenRejected: (viewer: Viewer, userKey: string) => Promise<void>;
  /**
   * Where facts come from; by default the shared cache and client in `upstream`. The benchmark
   * replaces it with facts held in memory to measure execution alone.
   */
  readonly createReader?: (options: FactReaderOptions) => FactReader;
}

/** What resolvers get once the request has an identity. */
export interface Session {
  readonly viewer: Viewer;
  /** The cache key of this user: never shared with another user. */
  readonly userKey: string;
  readonly loaders: Loaders;
  readonly capabilityEnv: CapabilityEnv;
  /** Set once X rejected the token during this request. */
  tokenRejected: boolean;
  /** Forgets this user's cached facts for `accountIds` (all when omitted); returns how many. */
  forget(accountIds?: readonly AccountId[]): number;
}

export interface Context {
  /** The request's session; throws UNAUTHENTICATED or REAUTH_REQUIRED when there is none. */
  session(): Session;
}

export function createContextFactory(services: RequestServices) {
  return async function createContext(request: Request): Promise<Context> {
    const identity = await services.identify(request);
    if (identity.kind !== 'viewer') {
      const error =
        identity.kind === 'revoked'
          ? reauthRequiredError()
          : identity.kind === 'invalid'
            ? userInputError(identity.message)
            : unauthenticatedError();
      return {
        session: () => {
          throw error;
        },
      };
    }
    const session = openSession(services, identity);
    return { session: () => session };
  };
}

function openSession(services: RequestServices, viewer: Viewer): Session {
  const userKey = userKeyOf(viewer);
  const options = {
    user: userKey,
    token: viewer.token,
    deadline: Date.now() + services.requestDeadlineMs,
  };
  const reader = services.createReader
    ? services.createReader(options)
    : createFactReader(services.upstream, options);
  const loaders = createLoaders(reader);
  const session: Session = {
    viewer,
    userKey,
    loaders,
    tokenRejected: false,
    forget: (accountIds) =>
      services.upstream.cache.invalidate(userKey, accountIds ? { accountIds } : undefined),
    capabilityEnv: {
      loaders,
      appTier: services.appTier,
      appCanWrite: () => services.accessLevels.canWrite(viewer.token.token),
      onUpstreamError: (error) => {
        if (!(error instanceof UpstreamTokenRejectedError) || session.tokenRejected) return;
        session.tokenRejected = true;
        services.onTokenRejected(viewer, userKey).catch((cause: unknown) => {
          services.logger.error({ err: cause, userKey }, 'forgetting a revoked token failed');
        });
      },
    },
  };
  return session;
}

/** The user's cache key: the X user id when known, else a digest of the public token. */
export function userKeyOf(viewer: Viewer): string {
  if (viewer.userId) return `u:${viewer.userId}`;
  const digest = createHash('sha256').update(viewer.token.token).digest('base64url');
  return `t:${digest.slice(0, 22)}`;
}
