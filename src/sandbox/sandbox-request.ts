/**
 * An incoming request reduced to what the sandbox routes read: method, raw path, decoded query
 * and form parameters, the headers that matter, and its route.
 */
import type { IncomingMessage } from 'node:http';
import type { Route } from './routes.js';
import { classifyRoute } from './routes.js';
import type { Param } from './signature-base-string.js';

export interface SandboxRequest {
  readonly method: string;
  /** The path as sent, without the query. */
  readonly path: string;
  readonly query: readonly Param[];
  /** Parameters of an `application/x-www-form-urlencoded` body; empty otherwise. */
  readonly form: readonly Param[];
  readonly host: string | undefined;
  readonly authorization: string | undefined;
  readonly route: Route;
}

/** Largest body read; bigger requests are refused with 413. */
export const MAX_BODY_BYTES = 1_000_000;

export class BodyTooLargeError extends Error {
  override name = 'BodyTooLargeError';
}

/** Reads the body and returns the request. Rejects with BodyTooLargeError past MAX_BODY_BYTES. */
export async function readSandboxRequest(
  req: IncomingMessage,
  version: string,
): Promise<SandboxRequest> {
  const body = await readBody(req);
  const target = req.url ?? '/';
  const queryAt = target.indexOf('?');
  const path = queryAt === -1 ? target : target.slice(0, queryAt);
  const query = queryAt === -1 ? '' : target.slice(queryAt + 1);
  const isForm = (req.headers['content-type'] ?? '')
    .toLowerCase()
    .startsWith('application/x-www-form-urlencoded');
  return {
    method: (req.method ?? 'GET').toUpperCase(),
    path,
    query: parsePairs(query),
    form: isForm ? parsePairs(body) : [],
    host: req.headers.host,
    authorization: req.headers.authorization,
    route: classifyRoute(path, version),
  };
}

/** Decodes `a=1&b=2` (form rules: `+` is a space); malformed escapes are kept as sent. */
export function parsePairs(text: string): Param[] {
  if (text === '') return [];
  return [...new URLSearchParams(text)];
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY_BYTES)
      throw new BodyTooLargeError(`Request body is over ${MAX_BODY_BYTES} bytes.`);
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}
