/**
 * One HTTP exchange with a time limit that covers the whole body, not just the headers: when it
 * fires, the fetch is aborted, which destroys the socket. A caller's AbortSignal passes through.
 * Transport failures leave as `UpstreamTimeoutError` or `UpstreamNetworkError`, cause kept.
 */
import { UpstreamNetworkError, UpstreamTimeoutError, type UpstreamError } from './errors.js';
import type { Endpoint } from './types.js';

/** A received answer with its body read in full. */
export interface RawAnswer {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  readonly receivedAt: Date;
}

export interface Exchange {
  readonly fetch: typeof globalThis.fetch;
  readonly url: string;
  readonly method: 'GET' | 'POST';
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
  /** Milliseconds for headers and body together. */
  readonly timeoutMs: number;
  readonly signal?: AbortSignal;
  readonly endpoint: Endpoint | 'oauth';
  /** Names the call in error messages, e.g. `GET accounts`. Must not hold a secret. */
  readonly label: string;
}

const TIMED_OUT = Symbol('timed out');
const CALLER_ABORTED = Symbol('aborted by the caller');

/** Returns the timeout error used when the caller's signal fired. */
export function abortedError(
  endpoint: Endpoint | 'oauth',
  label: string,
  cause?: unknown,
): UpstreamTimeoutError {
  return new UpstreamTimeoutError(`${label} was aborted by the caller.`, endpoint, { cause });
}

/** Names the system error behind a fetch failure (ECONNREFUSED, ECONNRESET, ENOTFOUND…). */
function networkCode(error: unknown): string {
  for (let current = error, depth = 0; current instanceof Error && depth < 5; depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = current.cause;
  }
  return error instanceof Error ? error.message : 'unknown failure';
}

function transportError(error: unknown, signal: AbortSignal, exchange: Exchange): UpstreamError {
  const { endpoint, label } = exchange;
  if (signal.aborted && signal.reason === CALLER_ABORTED) {
    return abortedError(endpoint, label, error);
  }
  if (signal.aborted && signal.reason === TIMED_OUT) {
    const message = `${label} timed out after ${exchange.timeoutMs} ms.`;
    return new UpstreamTimeoutError(message, endpoint, { cause: error });
  }
  const message = `${label} failed before a complete answer: ${networkCode(error)}.`;
  return new UpstreamNetworkError(message, endpoint, { cause: error });
}

/**
 * Sends `exchange` and reads the whole body. Resolves with any HTTP status; rejects with
 * UpstreamTimeoutError when the time limit or the caller's signal fires (before or during the
 * body), and with UpstreamNetworkError when the connection is refused, reset or unresolvable.
 */
export async function fetchWithTimeout(exchange: Exchange): Promise<RawAnswer> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(TIMED_OUT), exchange.timeoutMs);
  const onCallerAbort = (): void => controller.abort(CALLER_ABORTED);
  const callerSignal = exchange.signal;
  if (callerSignal?.aborted) onCallerAbort();
  else callerSignal?.addEventListener('abort', onCallerAbort, { once: true });

  try {
    const response = await exchange.fetch(exchange.url, {
      method: exchange.method,
      headers: exchange.headers,
      body: exchange.body ?? null,
      signal: controller.signal,
      redirect: 'manual',
    });
    const text = await response.text();
    return { status: response.status, headers: response.headers, text, receivedAt: new Date() };
  } catch (error) {
    throw transportError(error, controller.signal, exchange);
  } finally {
    clearTimeout(timer);
    callerSignal?.removeEventListener('abort', onCallerAbort);
  }
}
