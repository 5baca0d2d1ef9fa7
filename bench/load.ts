/**
 * Warm throughput under load: autocannon in a child process, a few connections, closed loop,
 * every response checked (no GraphQL errors, the right shape). `startLoadGenerator` keeps one
 * child for the whole run.
 */
import { fork, type ChildProcess } from 'node:child_process';
import type { Shape } from './workloads.js';

export type LoadCheck = { kind: 'hello' } | { kind: 'matrix'; n: number; shape: Shape };

export interface LoadRequest {
  readonly id: number;
  readonly url: string;
  readonly body: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly seconds: number;
  readonly connections: number;
  readonly check: LoadCheck;
}

export interface LoadResult {
  /** Responses received, of any status. */
  readonly responses: number;
  /** 2xx responses whose body passed the check. */
  readonly verified: number;
  /** Verified responses per second of the run. */
  readonly perSecond: number;
  readonly seconds: number;
  readonly non2xx: number;
  readonly mismatches: number;
  readonly errors: number;
  readonly timeouts: number;
  readonly p50Ms: number;
}

export type LoadReply =
  | { readonly id: number; readonly result: LoadResult }
  | { readonly id: number; readonly error: string };

export interface LoadGenerator {
  /** Runs one load; rejects when the child fails or exits. */
  run(request: Omit<LoadRequest, 'id'>): Promise<LoadResult>;
  close(): void;
}

/** Forks the load child with the same loader flags as this process (tsx). */
export function startLoadGenerator(): LoadGenerator {
  const child = fork(new URL('./load-child.ts', import.meta.url), { execArgv: process.execArgv });
  const pending = new Map<number, { resolve(r: LoadResult): void; reject(e: Error): void }>();
  let next = 0;

  child.on('message', (message: LoadReply) => {
    const waiter = pending.get(message.id);
    pending.delete(message.id);
    if ('error' in message) waiter?.reject(new Error(`Load run failed: ${message.error}`));
    else waiter?.resolve(message.result);
  });
  child.on('exit', (code) => failAll(pending, `the load child exited with code ${code}`));

  return {
    run(request) {
      const id = next++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        child.send({ ...request, id });
      });
    },
    close: () => disconnect(child),
  };
}

function failAll(pending: Map<number, { reject(e: Error): void }>, why: string): void {
  for (const waiter of pending.values()) waiter.reject(new Error(`Load run failed: ${why}.`));
  pending.clear();
}

function disconnect(child: ChildProcess): void {
  if (child.connected) child.disconnect();
}
