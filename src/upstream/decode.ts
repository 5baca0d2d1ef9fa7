/**
 * Small total decoders from `unknown` JSON into domain values. Each takes the path of the value
 * (e.g. `data[3].user_id`) and throws `DecodeError` naming that path and what was expected; the
 * resource modules turn it into `UpstreamBadResponseError` via `decodeBody`.
 */
import { UpstreamBadResponseError } from './errors.js';
import type { Endpoint, UserId } from './types.js';

/** A value that is not the shape expected at `path`. */
export class DecodeError extends Error {
  override name = 'DecodeError';
  constructor(
    readonly path: string,
    expected: string,
  ) {
    super(`${path} is not ${expected}`);
  }
}

export type JsonRecord = Readonly<Record<string, unknown>>;

/** Returns `value` as an object (not null, not an array); throws DecodeError otherwise. */
export function asRecord(value: unknown, path: string): JsonRecord {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new DecodeError(path, 'an object');
  }
  return value as JsonRecord;
}

/** Returns `value` as an array; throws DecodeError otherwise. */
export function asArray(value: unknown, path: string): readonly unknown[] {
  if (!Array.isArray(value)) throw new DecodeError(path, 'an array');
  return value;
}

/** Returns `value` as a string; throws DecodeError otherwise (empty strings are refused too). */
export function asString(value: unknown, path: string): string {
  if (typeof value !== 'string' || value === '') throw new DecodeError(path, 'a non-empty string');
  return value;
}

/** Returns `value` as a string, or null when it is null or absent; throws otherwise. */
export function asOptionalString(value: unknown, path: string): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') throw new DecodeError(path, 'a string or null');
  return value;
}

/** Returns `value` as a boolean, or `fallback` when absent or null; throws otherwise. */
export function asBoolean(value: unknown, path: string, fallback: boolean): boolean {
  if (value === undefined || value === null) return fallback;
  if (typeof value !== 'boolean') throw new DecodeError(path, 'a boolean');
  return value;
}

/** Returns `value` as a Date (ISO-8601 text), or null when null or absent; throws otherwise. */
export function asOptionalDate(value: unknown, path: string): Date | null {
  if (value === undefined || value === null) return null;
  const time = typeof value === 'string' ? Date.parse(value) : NaN;
  if (Number.isNaN(time)) throw new DecodeError(path, 'an ISO-8601 date');
  return new Date(time);
}

/** Returns `value` as a non-negative whole number, or null when null or absent. */
export function asOptionalCount(value: unknown, path: string): number | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw new DecodeError(path, 'a whole number');
  }
  return value;
}

/**
 * Returns an X user id as decimal text. The upstream has sent it both as a JSON string and as a
 * number; numbers beyond 2^53 cannot be trusted after JSON.parse (see `quoteUserIds`).
 */
export function asUserId(value: unknown, path: string): UserId {
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) {
    return String(value) as UserId;
  }
  if (typeof value === 'string' && /^\d{1,20}$/.test(value)) return value as UserId;
  throw new DecodeError(path, 'a decimal user id');
}

/**
 * Rewrites `"user_id": 123` as `"user_id": "123"` in raw JSON text so that ids past 2^53 keep
 * every digit through JSON.parse. Occurrences inside string values are left alone: there the
 * quotes around `user_id` are escaped, so the pattern cannot match.
 */
export function quoteUserIds(jsonText: string): string {
  return jsonText.replace(/"user_id"(\s*):(\s*)(\d+)(?=\s*[,}\]])/g, '"user_id"$1:$2"$3"');
}

/**
 * Runs `decoder` over a response body; a DecodeError becomes UpstreamBadResponseError naming the
 * call (`label`) and the field, with the DecodeError as cause. Other errors pass through.
 */
export function decodeBody<T>(
  body: unknown,
  endpoint: Endpoint,
  label: string,
  decoder: (body: unknown) => T,
): T {
  try {
    return decoder(body);
  } catch (error) {
    if (!(error instanceof DecodeError)) throw error;
    const message = `${label} answered with a body that does not decode: ${error.message}.`;
    throw new UpstreamBadResponseError(message, endpoint, { cause: error });
  }
}

/** Returns the `data` member of X's success envelope `{ data, request, … }`. */
export function envelopeData(body: unknown): unknown {
  const record = asRecord(body, 'body');
  if (!('data' in record)) throw new DecodeError('data', 'present');
  return record.data;
}

/** Returns `next_cursor` (null at the end) and `total_count` (null unless asked for). */
export function pageFields(body: unknown): {
  nextCursor: string | null;
  totalCount: number | null;
} {
  const record = asRecord(body, 'body');
  const nextCursor = asOptionalString(record.next_cursor, 'next_cursor');
  return {
    nextCursor: nextCursor === '' ? null : nextCursor,
    totalCount: asOptionalCount(record.total_count, 'total_count'),
  };
}
