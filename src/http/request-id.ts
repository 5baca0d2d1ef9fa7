/**
 * The request id: the caller's `x-request-id` when it looks like an id (1–128 letters, digits and
 * `._:-`, so it can go into a log line and a header as is), else a new random UUID. It is echoed
 * in the answer's `x-request-id` and is readable anywhere below the handler while the request
 * runs, so the lines logged for one request can be found together.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

export const REQUEST_ID_HEADER = 'x-request-id';

const SANE_ID = /^[\w.:-]{1,128}$/;

const scope = new AsyncLocalStorage<string>();

/** The id of `request`: its sane incoming `x-request-id`, or a fresh UUID. */
export function requestIdOf(request: Request): string {
  const incoming = request.headers.get(REQUEST_ID_HEADER)?.trim();
  return incoming && SANE_ID.test(incoming) ? incoming : randomUUID();
}

/** Runs `work` with `id` as the current request id and returns what it returns. */
export function withRequestId<T>(id: string, work: () => T): T {
  return scope.run(id, work);
}

/** The id of the request being answered; null outside one. */
export function currentRequestId(): string | null {
  return scope.getStore() ?? null;
}
