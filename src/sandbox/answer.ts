/**
 * What a sandbox route decides to send, before latency, faults and the socket get involved, and
 * the builders for X's success and error envelopes.
 */

export interface Answer {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

export type RequestParams = Readonly<Record<string, unknown>>;

/** One entry of X's error envelope. */
export interface XErrorEntry {
  readonly code: string;
  readonly message: string;
  readonly parameter?: string;
}

const JSON_TYPE = 'application/json; charset=utf-8';

/** Returns a JSON answer. */
export function jsonAnswer(
  status: number,
  value: unknown,
  headers: Record<string, string> = {},
): Answer {
  return {
    status,
    headers: { 'content-type': JSON_TYPE, ...headers },
    body: JSON.stringify(value),
  };
}

/** Returns X's error envelope: `{"errors":[{code,message,parameter?}],"request":{"params":{}}}`. */
export function xError(status: number, error: XErrorEntry, params: RequestParams = {}): Answer {
  return jsonAnswer(status, { errors: [error], request: { params } });
}

/** 401 UNAUTHORIZED_ACCESS, the Ads API's answer to any authentication problem. */
export function unauthorized(): Answer {
  return xError(401, {
    code: 'UNAUTHORIZED_ACCESS',
    message: 'This request is not properly authenticated',
  });
}

/** 400 INVALID_PARAMETER / MISSING_PARAMETER / EXCLUSIVE_PARAMETERS naming the parameter. */
export class ParameterError extends Error {
  override name = 'ParameterError';
  constructor(
    readonly code: 'INVALID_PARAMETER' | 'MISSING_PARAMETER' | 'EXCLUSIVE_PARAMETERS',
    message: string,
    readonly parameter: string,
  ) {
    super(message);
  }

  /** The 400 answer for this error, echoing the request's params. */
  toAnswer(params: RequestParams): Answer {
    return xError(
      400,
      { code: this.code, message: this.message, parameter: this.parameter },
      params,
    );
  }
}

const DEFAULT_ERRORS: Readonly<Record<number, XErrorEntry>> = {
  400: { code: 'INVALID_PARAMETER', message: 'The request has an invalid parameter' },
  401: { code: 'UNAUTHORIZED_ACCESS', message: 'This request is not properly authenticated' },
  403: {
    code: 'UNAUTHORIZED_CLIENT_APPLICATION',
    message: 'The client application making this request does not have access to this API',
  },
  404: { code: 'NOT_FOUND', message: 'The requested resource could not be found' },
  405: { code: 'METHOD_NOT_ALLOWED', message: 'The requested method is not allowed' },
  408: { code: 'CANCELLED_REQUEST', message: 'The request was cancelled' },
  423: { code: 'LOCK_ACQUISITION_TIMEOUT', message: 'The resource is locked; try again' },
  429: { code: 'TOO_MANY_REQUESTS', message: 'Rate limit exceeded' },
  500: { code: 'INTERNAL_ERROR', message: 'An internal error occurred' },
  503: { code: 'SERVICE_UNAVAILABLE', message: 'The service is unavailable' },
};

/** X's error envelope for a status (closest documented code; INTERNAL_ERROR for other 5xx). */
export function defaultErrorAnswer(status: number): Answer {
  const known = DEFAULT_ERRORS[status];
  const fallback = status >= 500 ? DEFAULT_ERRORS[500] : DEFAULT_ERRORS[400];
  const entry = known ?? fallback ?? { code: 'INTERNAL_ERROR', message: 'Error' };
  return xError(status, entry);
}

/** Returns an HTML page answer. */
export function htmlAnswer(status: number, html: string): Answer {
  return { status, headers: { 'content-type': 'text/html; charset=utf-8' }, body: html };
}

/** Returns an `application/x-www-form-urlencoded` answer (what OAuth token endpoints send). */
export function formAnswer(values: Readonly<Record<string, string>>): Answer {
  const body = new URLSearchParams(values).toString();
  return { status: 200, headers: { 'content-type': 'application/x-www-form-urlencoded' }, body };
}

/** Returns a 302 to `location`. */
export function redirectAnswer(location: string): Answer {
  return { status: 302, headers: { location, 'content-type': 'text/plain' }, body: '' };
}

/** Returns the answer with `extra` headers merged over its own. */
export function withHeaders(answer: Answer, extra: Readonly<Record<string, string>>): Answer {
  return { ...answer, headers: { ...answer.headers, ...extra } };
}

/** Guesses a content type for a raw fault body: JSON, HTML or plain text. */
export function contentTypeOf(body: string): string {
  const start = body.trimStart();
  if (start.startsWith('<')) return 'text/html; charset=utf-8';
  try {
    JSON.parse(body);
    return JSON_TYPE;
  } catch {
    return 'text/plain; charset=utf-8';
  }
}
