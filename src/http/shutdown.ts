/**
 * Graceful shutdown of the HTTP server: stop accepting connections, let the requests in flight
 * finish (up to a grace period, then cut their connections), and only then close what they
 * were using (the store). Idle keep-alive connections are closed at once, and each connection
 * whose request finishes during the shutdown is closed as soon as it goes idle.
 */
import type { Server } from 'node:http';
import type { Logger } from '../logger.js';

export interface ShutdownOptions {
  readonly server: Server;
  /** Longest wait for in-flight requests before their connections are closed. */
  readonly graceMs: number;
  /** Closes the services (store); runs after the server has closed. */
  readonly closeServices: () => Promise<void>;
  readonly logger: Logger;
}

export interface ShutdownOutcome {
  /** True when the grace period ran out and open connections were cut. */
  readonly forced: boolean;
}

/**
 * Returns the shutdown function for `options`. Calling it more than once returns the first
 * call's promise. It resolves once the server is closed and `closeServices` has settled; it
 * rejects only when `closeServices` rejects.
 */
export function createShutdown(options: ShutdownOptions): () => Promise<ShutdownOutcome> {
  let running: Promise<ShutdownOutcome> | null = null;
  return () => {
    running ??= shutDown(options);
    return running;
  };
}

async function shutDown(options: ShutdownOptions): Promise<ShutdownOutcome> {
  const { server, logger } = options;
  logger.info({ graceMs: options.graceMs }, 'shutting down: finishing in-flight requests');

  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  const closeWhenIdle = () => server.closeIdleConnections();
  server.on('request', (_request, response) => response.on('finish', closeWhenIdle));
  closeWhenIdle();
  // A response that finished just before shutdown leaves its connection busy for a moment.
  const sweep = setInterval(closeWhenIdle, 100);

  let timer: NodeJS.Timeout | undefined;
  const graceOver = new Promise<boolean>((resolve) => {
    timer = setTimeout(resolve, options.graceMs, true);
  });
  const forced = await Promise.race([closed.then(() => false), graceOver]);
  clearTimeout(timer);
  if (forced) {
    logger.warn(
      { graceMs: options.graceMs },
      'shutdown grace period over: closing open connections',
    );
    server.closeAllConnections();
    await closed;
  }
  clearInterval(sweep);

  await options.closeServices();
  logger.info({ forced }, 'shut down');
  return { forced };
}
