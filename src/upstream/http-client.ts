/**
 * The signed, JSON-reading GET every Ads API resource goes through: one place for the URL, the
 * OAuth header, the per-attempt timeout, the hooks, the status → error mapping and the retries.
 */
import { USER_AGENT } from './user-agent.js';
import type { AdsClientHooks, CallOptions, CallTarget } from './ads-api.js';
import { quoteUserIds } from './decode.js';
import { errorForStatus } from './error-for-status.js';
import {
  UpstreamBadResponseError,
  UpstreamDeadlineError,
  UpstreamHttpError,
  UpstreamTimeoutError,
} from './errors.js';
import { abortedError, fetchWithTimeout, type RawAnswer } from './fetch-with-timeout.js';
import { buildRequestUrl, type QueryParams } from './request-url.js';
import { readResponseMeta, readRetryAfterMs } from './response-meta.js';
import { retryDelay, type RetryPolicy } from './retry-policy.js';
import type { Signer } from './sign-request.js';
import type { ResponseMeta, UserToken } from './types.js';

export interface HttpClientOptions extends RetryPolicy {
  /** Ads API base with the version, e.g. `https://ads-api.x.com/12`. */
  readonly apiBase: string;
  readonly signer: Signer;
  readonly fetch: typeof globalThis.fetch;
  readonly hooks: AdsClientHooks;
}

export interface GetRequest {
  readonly target: CallTarget;
  readonly token: UserToken;
  /** Path segments after the version, e.g. `['accounts', id, 'features']`; each is encoded. */
  readonly path: readonly string[];
  readonly query?: QueryParams;
}

/** A 2xx answer: its parsed JSON body (still unknown) and its metadata. */
export interface JsonAnswer {
  readonly body: unknown;
  readonly meta: ResponseMeta;
}

export interface HttpClient {
  /**
   * Sends a signed GET and returns the parsed JSON of the first 2xx answer. Rejects with the
   * error of `beforeRequest` if it throws (no I/O then), UpstreamTokenRejectedError (401),
   * UpstreamRateLimitedError (429), UpstreamHttpError (other non-2xx), UpstreamBadResponseError
   * (a 2xx that is HTML or not JSON), UpstreamNetworkError or UpstreamTimeoutError (per-attempt
   * timeout, deadline reached, or the caller's signal). 5xx, network errors and timeouts are
   * retried as `retry-policy.ts` decides.
   */
  getJson(request: GetRequest, call?: CallOptions): Promise<JsonAnswer>;
}

/** Names a call in messages: `GET authenticated_user_access for account "gq12fh"`. */
export function callLabel(target: CallTarget): string {
  const account = target.accountId === null ? '' : ` for account "${target.accountId}"`;
  return `GET ${target.endpoint}${account}`;
}

function parseJson(answer: RawAnswer, request: GetRequest, label: string): unknown {
  const endpoint = request.target.endpoint;
  const type = answer.headers.get('content-type') ?? '';
  if (/\btext\/html\b/i.test(type)) {
    const message = `${label} answered ${answer.status} with an HTML page instead of JSON.`;
    throw new UpstreamBadResponseError(message, endpoint);
  }
  try {
    return JSON.parse(quoteUserIds(answer.text));
  } catch (error) {
    const message = `${label} answered ${answer.status} with a body that is not valid JSON.`;
    throw new UpstreamBadResponseError(message, endpoint, { cause: error });
  }
}

/** Creates the GET pipeline used by `createAdsClient`. */
export function createHttpClient(options: HttpClientOptions): HttpClient {
  const { signer, hooks } = options;
  // `retry-after` of error answers, read back when deciding on a retry.
  const retryAfter = new WeakMap<UpstreamHttpError, number>();

  function checkStillWanted(request: GetRequest, call: CallOptions, label: string): void {
    const endpoint = request.target.endpoint;
    if (call.signal?.aborted) throw abortedError(endpoint, label, call.signal.reason);
    if (call.deadline !== undefined && Date.now() >= call.deadline) {
      throw new UpstreamDeadlineError(`${label} reached its deadline before an answer.`, endpoint);
    }
  }

  async function attempt(url: string, request: GetRequest, call: CallOptions): Promise<JsonAnswer> {
    const label = callLabel(request.target);
    const remaining = call.deadline === undefined ? Infinity : call.deadline - Date.now();
    const answer = await fetchWithTimeout({
      fetch: options.fetch,
      url,
      method: 'GET',
      headers: {
        authorization: signer.authorization({ method: 'GET', url, token: request.token }),
        'user-agent': USER_AGENT,
        accept: 'application/json',
      },
      timeoutMs: Math.max(1, Math.min(options.timeoutMs, remaining)),
      ...(call.signal === undefined ? {} : { signal: call.signal }),
      endpoint: request.target.endpoint,
      label,
    });
    const meta = readResponseMeta(answer.status, answer.headers, answer.receivedAt);
    hooks.onResponse?.(request.target, meta);

    if (answer.status >= 200 && answer.status < 300) {
      return { body: parseJson(answer, request, label), meta };
    }
    const error = errorForStatus(answer, meta, request.target.endpoint, label);
    const wait = readRetryAfterMs(answer.headers, answer.receivedAt);
    if (wait !== null) retryAfter.set(error, wait);
    throw error;
  }

  /** Returns how long to wait before trying again, or null to give up with `error`. */
  function nextDelay(
    error: unknown,
    attemptIndex: number,
    started: number,
    call: CallOptions,
  ): number | null {
    if (call.signal?.aborted) return null;
    const now = Date.now();
    return retryDelay(options, {
      error,
      attempt: attemptIndex,
      durationMs: now - started,
      retryAfterMs: error instanceof UpstreamHttpError ? (retryAfter.get(error) ?? null) : null,
      deadline: call.deadline,
      now,
    });
  }

  async function getJson(request: GetRequest, call: CallOptions = {}): Promise<JsonAnswer> {
    const url = buildRequestUrl(options.apiBase, request.path, request.query);
    const label = callLabel(request.target);
    for (let attemptIndex = 0; ; attemptIndex += 1) {
      checkStillWanted(request, call, label);
      hooks.beforeRequest?.(request.target);
      const started = Date.now();
      try {
        return await attempt(url, request, call);
      } catch (error) {
        const delay = nextDelay(error, attemptIndex, started, call);
        if (delay === null) throw error;
        await sleep(delay, call.signal, () => abortedError(request.target.endpoint, label));
      }
    }
  }

  return { getJson };
}

/** Waits `ms`; rejects with `onAbort()` as soon as `signal` fires. */
function sleep(ms: number, signal: AbortSignal | undefined, onAbort: () => Error): Promise<void> {
  return new Promise((resolve, reject) => {
    const done = (): void => {
      signal?.removeEventListener('abort', abort);
      resolve();
    };
    const timer = setTimeout(done, ms);
    function abort(): void {
      clearTimeout(timer);
      reject(onAbort());
    }
    if (signal?.aborted) abort();
    else signal?.addEventListener('abort', abort, { once: true });
  });
}
