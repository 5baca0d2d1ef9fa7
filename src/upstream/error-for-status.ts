/**
 * Turns a non-2xx upstream answer into the matching `UpstreamHttpError` subclass, carrying X's
 * error envelope when the body has one. The body text is never copied into the message.
 */
import {
  UpstreamHttpError,
  UpstreamRateLimitedError,
  UpstreamTokenRejectedError,
  type XApiErrorDetail,
} from './errors.js';
import type { RawAnswer } from './fetch-with-timeout.js';
import { readRateLimitReset } from './response-meta.js';
import type { Endpoint, ResponseMeta } from './types.js';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function toDetail(entry: unknown): XApiErrorDetail | null {
  if (!isRecord(entry)) return null;
  const { code, message, parameter } = entry;
  // v1.1 endpoints send numeric codes (e.g. 89); the Ads API sends UPPER_SNAKE text.
  if (typeof code !== 'string' && typeof code !== 'number') return null;
  return {
    code: String(code),
    message: typeof message === 'string' ? message : '',
    ...(typeof parameter === 'string' ? { parameter } : {}),
  };
}

/**
 * Returns the entries of X's `{"errors":[{"code","message","parameter"}]}` envelope in `text`;
 * an empty list when the body is not JSON or has no such envelope. Never throws.
 */
export function readErrorEnvelope(text: string): XApiErrorDetail[] {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return [];
  }
  if (!isRecord(body) || !Array.isArray(body.errors)) return [];
  return body.errors.map(toDetail).filter((detail): detail is XApiErrorDetail => detail !== null);
}

function codesOf(errors: readonly XApiErrorDetail[]): string {
  return errors.length === 0 ? '' : ` (${errors.map((error) => error.code).join(', ')})`;
}

/**
 * Returns the error for a non-2xx `answer` of the call described by `label` (e.g. `GET accounts`):
 * 401 → UpstreamTokenRejectedError, 429 → UpstreamRateLimitedError (reset from the account
 * header, then the user header, else a minute away), anything else → UpstreamHttpError.
 */
export function errorForStatus(
  answer: RawAnswer,
  meta: ResponseMeta | null,
  endpoint: Endpoint | 'oauth',
  label: string,
): UpstreamHttpError {
  const errors = readErrorEnvelope(answer.text);
  const status = answer.status;
  if (status === 401) {
    const message = `${label} was refused with 401${codesOf(errors)}: the token was rejected.`;
    return new UpstreamTokenRejectedError(message, endpoint, status, errors, meta);
  }
  if (status === 429) {
    const resetAt = readRateLimitReset(answer.headers, answer.receivedAt);
    const message = `${label} was rate limited${codesOf(errors)} until ${resetAt.toISOString()}.`;
    return new UpstreamRateLimitedError(message, endpoint, resetAt, errors, meta);
  }
  const message = `${label} answered ${status}${codesOf(errors)}.`;
  return new UpstreamHttpError(message, endpoint, status, errors, meta);
}
