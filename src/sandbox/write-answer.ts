/**
 * Puts an answer on the wire, at once or trickled in chunks (the slow-body fault). Stops quietly
 * when the client has gone or the sandbox closes.
 */
import type { ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Answer } from './answer.js';

/** How many pieces a slow body is cut into. */
const SLOW_BODY_CHUNKS = 8;

/** Resolves once the answer is written, or dropped because the socket or sandbox closed. */
export async function writeAnswer(
  res: ServerResponse,
  answer: Answer,
  options: { slowBody?: { chunkDelayMs: number } | undefined; closing: AbortSignal },
): Promise<void> {
  if (res.destroyed) return;
  const body = Buffer.from(answer.body, 'utf8');
  res.writeHead(answer.status, { ...answer.headers, 'content-length': String(body.length) });
  if (!options.slowBody) {
    res.end(body);
    return;
  }
  res.flushHeaders();
  const size = Math.max(1, Math.ceil(body.length / SLOW_BODY_CHUNKS));
  for (let at = 0; at < body.length; at += size) {
    if (!(await pause(options.slowBody.chunkDelayMs, options.closing)) || res.destroyed) return;
    res.write(body.subarray(at, at + size));
  }
  res.end();
}

/** Waits `ms`; resolves false when `signal` fires first. */
export async function pause(ms: number, signal: AbortSignal): Promise<boolean> {
  if (signal.aborted) return false;
  if (ms <= 0) return true;
  try {
    await sleep(ms, undefined, { signal });
    return true;
  } catch {
    return false;
  }
}
