/**
 * The client-visible error codes and the single mapping from internal failures to them. Resolvers
 * throw `UpstreamError`s or `userInputError`s; `toClientError` turns each into a `GraphQLError`
 * with a stable `extensions.code`. Anything it does not recognise is masked by `maskError`.
 */
import { GraphQLError } from 'graphql';
import {
  UpstreamBadResponseError,
  UpstreamError,
  UpstreamHttpError,
  UpstreamRateLimitedError,
  UpstreamTokenRejectedError,
} from './upstream/errors.js';

export const ERROR_CODES = [
  'UNAUTHENTICATED',
  'REAUTH_REQUIRED',
  'BAD_USER_INPUT',
  'UPSTREAM_RATE_LIMITED',
  'UPSTREAM_UNAVAILABLE',
  'UPSTREAM_BAD_RESPONSE',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export const LOGIN_PATH = '/auth/x/login';

/** A GraphQLError whose code is one of `ERROR_CODES`: passes masking unchanged. */
export class ClientError extends GraphQLError {
  constructor(message: string, code: ErrorCode, extensions: Record<string, unknown> = {}) {
    super(message, { extensions: { ...extensions, code } });
  }
}

export function userInputError(message: string, argument?: string): ClientError {
  return new ClientError(message, 'BAD_USER_INPUT', argument ? { argument } : {});
}

export function unauthenticatedError(): ClientError {
  return new ClientError(
    `Not signed in. Sign in with X at ${LOGIN_PATH} or send a session token as Authorization: Bearer.`,
    'UNAUTHENTICATED',
    { loginPath: LOGIN_PATH },
  );
}

export function reauthRequiredError(): ClientError {
  return new ClientError(
    'X no longer accepts your sign-in (the access was revoked). Sign in with X again.',
    'REAUTH_REQUIRED',
    { loginPath: LOGIN_PATH },
  );
}

/** The error code an upstream failure maps to; the one place this mapping lives. */
export function upstreamErrorCode(error: UpstreamError): ErrorCode {
  if (error instanceof UpstreamRateLimitedError) return 'UPSTREAM_RATE_LIMITED';
  if (error instanceof UpstreamTokenRejectedError) return 'REAUTH_REQUIRED';
  if (error instanceof UpstreamBadResponseError) return 'UPSTREAM_BAD_RESPONSE';
  return 'UPSTREAM_UNAVAILABLE';
}

/** Maps an internal failure to the error the client sees; null when it must be masked. */
export function toClientError(error: unknown): ClientError | null {
  if (error instanceof ClientError) return error;
  if (!(error instanceof UpstreamError)) return null;
  const code = upstreamErrorCode(error);
  switch (code) {
    case 'UPSTREAM_RATE_LIMITED': {
      const resetAt = (error as UpstreamRateLimitedError).resetAt;
      return new ClientError(
        `X's rate limit for this read is spent until ${resetAt.toISOString()}.`,
        code,
        { retryAfter: resetAt.toISOString(), endpoint: error.endpoint },
      );
    }
    case 'REAUTH_REQUIRED':
      return reauthRequiredError();
    case 'UPSTREAM_BAD_RESPONSE':
      return new ClientError(`X answered ${error.endpoint} with something unreadable.`, code, {
        endpoint: error.endpoint,
      });
    default:
      return new ClientError(unavailableMessage(error), code, { endpoint: error.endpoint });
  }
}

function unavailableMessage(error: UpstreamError): string {
  if (error instanceof UpstreamHttpError) {
    const upstreamCode = error.errors[0]?.code;
    const detail = upstreamCode ? ` (${upstreamCode})` : '';
    return `X could not answer ${error.endpoint}: HTTP ${error.status}${detail}.`;
  }
  return `X could not be reached for ${error.endpoint}.`;
}

/** The answer for anything unmapped: nothing of the original leaks. */
export function unexpectedError(): GraphQLError {
  return new GraphQLError('Unexpected error.', {
    extensions: { code: 'INTERNAL_SERVER_ERROR' },
  });
}
