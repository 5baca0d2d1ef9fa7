/**
 * One info line per HTTP request, written when the answer is ready: request id, method, path,
 * status, duration in ms and the GraphQL operation name. Never headers, cookies, query strings,
 * variables or bodies: those may carry tokens.
 */
import type { Plugin } from 'graphql-yoga';
import type { Logger } from '../logger.js';
import { REQUEST_ID_HEADER, requestIdOf, withRequestId } from './request-id.js';

/** What the handler learns about the request while answering it. */
export interface RequestLogEntry {
  operationName: string | null;
}

/** The yoga server context through which the GraphQL endpoint fills the entry. */
export interface RequestLogContext {
  readonly requestLog?: RequestLogEntry;
}

export type LoggedHandler = (request: Request, entry: RequestLogEntry) => Promise<Response>;

/**
 * Wraps `handler` so each request runs under its request id (see `request-id.ts`), its answer
 * carries `x-request-id`, and one line is logged. A throw from `handler` is logged once (name
 * only) and answered 500 with a body that says nothing about it.
 */
export function withRequestLog(handler: LoggedHandler, logger: Logger) {
  return (request: Request): Promise<Response> => {
    const requestId = requestIdOf(request);
    return withRequestId(requestId, async () => {
      const started = performance.now();
      const entry: RequestLogEntry = { operationName: null };
      const response = await answer(handler, request, entry, logger);
      const path = new URL(request.url).pathname;
      logger.info(
        {
          requestId,
          method: request.method,
          path: path.slice(0, 200),
          status: response.status,
          durationMs: Math.round((performance.now() - started) * 10) / 10,
          operationName: entry.operationName,
        },
        'request',
      );
      return withHeader(response, REQUEST_ID_HEADER, requestId);
    });
  };
}

async function answer(
  handler: LoggedHandler,
  request: Request,
  entry: RequestLogEntry,
  logger: Logger,
): Promise<Response> {
  try {
    return await handler(request, entry);
  } catch (error) {
    const name = error instanceof Error ? error.name : typeof error;
    logger.error({ error: name }, 'request failed unexpectedly');
    return new Response(JSON.stringify({ error: 'Unexpected error.' }), {
      status: 500,
      headers: { 'content-type': 'application/json; charset=utf-8' },
    });
  }
}

/** Sets a header, copying the response first when its headers are immutable (e.g. redirects). */
function withHeader(response: Response, name: string, value: string): Response {
  try {
    response.headers.set(name, value);
    return response;
  } catch {
    const copy = new Response(response.body, response);
    copy.headers.set(name, value);
    return copy;
  }
}

const NAME = /^[_A-Za-z]\w*$/;
const NAMED_OPERATION =
  /^\s*(?:#[^\n]*\n\s*)*(?:query|mutation|subscription)\s+([_A-Za-z]\w{0,99})/;

/**
 * A yoga plugin that records the operation name of each GraphQL request in the server context's
 * `requestLog`: the `operationName` parameter when it is a GraphQL name, else the name of a document
 * starting with a named operation; null for anonymous ones. Names longer than 100 characters are
 * cut.
 */
export function operationNamePlugin(): Plugin<Record<string, unknown>, RequestLogContext> {
  return {
    onParams: ({ params, context }) => {
      if (!context.requestLog) return;
      const given = params.operationName;
      const named = typeof params.query === 'string' ? NAMED_OPERATION.exec(params.query) : null;
      const name = typeof given === 'string' && NAME.test(given) ? given : (named?.[1] ?? null);
      context.requestLog.operationName = name === null ? null : name.slice(0, 100);
    },
  };
}
