/** Raw HTTP helpers for the hardening tests: status, headers and parsed body of one request. */
import type { GraphQLBody, TestService } from '../support/test-service.js';

export interface Answer {
  readonly status: number;
  readonly headers: Headers;
  readonly body: GraphQLBody;
}

/** POSTs `body` (JSON-encoded unless a string) to /graphql with the demo persona. */
export async function postGraphQL(
  service: TestService,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<Answer> {
  const response = await service.app.fetch('http://localhost/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-sandbox-persona': 'demo', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, headers: response.headers, body: await readBody(response) };
}

/** Parses a JSON body; an empty or non-JSON body reads as `{}`. */
export async function readBody(response: Response): Promise<GraphQLBody> {
  const text = await response.text();
  try {
    return JSON.parse(text) as GraphQLBody;
  } catch {
    return {};
  }
}

/** The `extensions.code` of every error of `body`, in order. */
export function codes(body: GraphQLBody): Array<string | undefined> {
  return (body.errors ?? []).map((error) => error.extensions?.code);
}
