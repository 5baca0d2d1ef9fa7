/**
 * The closed set of ways an upstream call fails. Every function in `src/upstream` rejects only
 * with a subclass of `UpstreamError`; `src/errors.ts` maps them to GraphQL codes in one place.
 * Messages name the endpoint and status, never a token, secret or signature.
 */
import type { Endpoint, ResponseMeta } from './types.js';

/** One entry of X's error envelope: `{"errors":[{"code","message","parameter"}]}`. */
export interface XApiErrorDetail {
  readonly code: string;
  readonly message: string;
  readonly parameter?: string;
}

export class UpstreamError extends Error {
  override name = 'UpstreamError';
  constructor(
    message: string,
    readonly endpoint: Endpoint | 'oauth',
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** A non-2xx answer that carried (or failed to carry) X's error envelope. */
export class UpstreamHttpError extends UpstreamError {
  override name = 'UpstreamHttpError';
  constructor(
    message: string,
    endpoint: Endpoint | 'oauth',
    readonly status: number,
    readonly errors: readonly XApiErrorDetail[],
    readonly meta: ResponseMeta | null,
    options?: { cause?: unknown },
  ) {
    super(message, endpoint, options);
  }
}

/**
 * 429 from the upstream, or a call refused locally because the budget for its key is spent
 * (`meta` is null then). `resetAt` is when the window reopens.
 */
export class UpstreamRateLimitedError extends UpstreamHttpError {
  override name = 'UpstreamRateLimitedError';
  constructor(
    message: string,
    endpoint: Endpoint | 'oauth',
    readonly resetAt: Date,
    errors: readonly XApiErrorDetail[],
    meta: ResponseMeta | null,
  ) {
    super(message, endpoint, 429, errors, meta);
  }
}

/** 401: the token is missing, wrong or revoked. Never retried. */
export class UpstreamTokenRejectedError extends UpstreamHttpError {
  override name = 'UpstreamTokenRejectedError';
}

/** Connection refused, reset, DNS failure: no HTTP answer at all. */
export class UpstreamNetworkError extends UpstreamError {
  override name = 'UpstreamNetworkError';
}

/** The per-call timeout (which covers the body) or the caller's deadline fired. */
export class UpstreamTimeoutError extends UpstreamError {
  override name = 'UpstreamTimeoutError';
}

/**
 * The caller's deadline passed before the call (or its retry) was sent: nothing reached X, so it
 * says nothing about X's health and circuit breakers must not count it.
 */
export class UpstreamDeadlineError extends UpstreamTimeoutError {
  override name = 'UpstreamDeadlineError';
}

/** A 2xx (or error) body that is not the JSON shape expected: HTML pages, truncated JSON. */
export class UpstreamBadResponseError extends UpstreamError {
  override name = 'UpstreamBadResponseError';
}
