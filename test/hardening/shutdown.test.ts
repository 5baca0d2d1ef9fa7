import { Agent, createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { createServerAdapter } from '@whatwg-node/server';
import { createShutdown } from '../../src/http/shutdown.js';
import { createLogger } from '../../src/logger.js';

interface Answer {
  readonly status: number;
  readonly body: string;
}

/** A server whose `/slow` requests wait until `release()`; everything else answers at once. */
async function startServer() {
  let release: () => void = () => undefined;
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  let entered: () => void = () => undefined;
  const slowEntered = new Promise<void>((resolve) => {
    entered = resolve;
  });
  const app = createServerAdapter(async (request: Request) => {
    if (new URL(request.url).pathname === '/slow') {
      entered();
      await released;
      return new Response('slow done');
    }
    return new Response('fast');
  });
  const server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { server, port, release, slowEntered };
}

/** One GET, over its own connection unless `agent` is given; rejects on a connection error. */
function get(port: number, path: string, agent: Agent | false = false): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, agent }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

function quietLogger() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { lines, logger: createLogger({ level: 'info', destination }) };
}

let open: Server | null = null;
afterEach(() => {
  open?.closeAllConnections();
  open?.close();
  open = null;
});

describe('graceful shutdown', () => {
  it('stops accepting, finishes the request in flight, then closes the services', async () => {
    const { server, port, release, slowEntered } = await startServer();
    open = server;
    // The in-flight request's connection is keep-alive and would otherwise stay open for a minute.
    server.keepAliveTimeout = 60_000;
    const keepAlive = new Agent({ keepAlive: true });
    const events: string[] = [];
    const { logger } = quietLogger();
    const shutdown = createShutdown({
      server,
      graceMs: 5_000,
      logger,
      closeServices: async () => {
        events.push('services closed');
      },
    });

    server.on('request', (_request, response) => {
      response.on('finish', () => events.push('in-flight response sent'));
    });
    const inFlight = get(port, '/slow', keepAlive);
    await slowEntered;
    const done = shutdown();

    await expect(get(port, '/fast')).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    expect(events).toEqual([]);
    release();

    expect(await inFlight).toEqual({ status: 200, body: 'slow done' });
    expect(await done).toEqual({ forced: false });
    expect(events).toEqual(['in-flight response sent', 'services closed']);
    expect(server.listening).toBe(false);
    keepAlive.destroy();
  });

  it('cuts requests still running after the grace period, then closes the services', async () => {
    const { server, port, slowEntered } = await startServer();
    open = server;
    let closed = 0;
    const { lines, logger } = quietLogger();
    const shutdown = createShutdown({
      server,
      graceMs: 50,
      logger,
      closeServices: async () => {
        closed += 1;
      },
    });

    const stuck = get(port, '/slow');
    await slowEntered;
    expect(await shutdown()).toEqual({ forced: true });

    await expect(stuck).rejects.toThrow();
    expect(closed).toBe(1);
    expect(lines.join('')).toContain('shutdown grace period over');
  });

  it('runs once however often it is called', async () => {
    const { server } = await startServer();
    open = server;
    let closed = 0;
    const shutdown = createShutdown({
      server,
      graceMs: 1000,
      logger: quietLogger().logger,
      closeServices: async () => {
        closed += 1;
      },
    });
    const [first, second] = await Promise.all([shutdown(), shutdown()]);
    expect(first).toEqual({ forced: false });
    expect(second).toBe(first);
    expect(closed).toBe(1);
  });

  it('closes idle keep-alive connections at once instead of waiting for the grace period', async () => {
    const { server, port } = await startServer();
    open = server;
    // A keep-alive connection left idle by an answered request.
    const answer = await fetch(`http://127.0.0.1:${port}/fast`);
    expect(await answer.text()).toBe('fast');
    const shutdown = createShutdown({
      server,
      graceMs: 60_000,
      logger: quietLogger().logger,
      closeServices: async () => undefined,
    });
    expect(await shutdown()).toEqual({ forced: false });
  });
});
