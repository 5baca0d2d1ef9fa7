import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createApp } from '../../src/app.js';
import { startTestService, type TestService } from '../support/test-service.js';

let service: TestService;
beforeAll(async () => {
  service = await startTestService();
});
afterAll(async () => service.close());

interface LogLine {
  level: number;
  msg: string;
  error?: string;
  requestId?: string;
  method?: string;
  path?: string;
  status?: number;
  durationMs?: number;
  operationName?: string | null;
}

/** The parsed log lines written since `from`. */
function linesSince(from: number): LogLine[] {
  return service.logs.slice(from).map((line) => JSON.parse(line) as LogLine);
}

describe('health and readiness', () => {
  it('answers /health with 200 and status ok', async () => {
    const response = await service.app.fetch('http://localhost/health');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('answers /ready with 200 when the store and the upstream answer', async () => {
    const response = await service.app.fetch('http://localhost/ready');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ready', store: true, upstream: true });
  });

  it('answers /ready with 503 when the store ping fails', async () => {
    const ping = vi
      .spyOn(service.services.store, 'ping')
      .mockRejectedValue(new Error('database is locked'));
    try {
      const response = await service.app.fetch('http://localhost/ready');
      expect(response.status).toBe(503);
      expect(await response.json()).toEqual({ status: 'not ready', store: false, upstream: true });
      expect(ping).toHaveBeenCalledTimes(1);
    } finally {
      ping.mockRestore();
    }
  });
});

describe('request ids', () => {
  it('echoes a sane incoming x-request-id', async () => {
    const response = await service.app.fetch('http://localhost/health', {
      headers: { 'x-request-id': 'edge-7f3a.42:b_9' },
    });
    expect(response.headers.get('x-request-id')).toBe('edge-7f3a.42:b_9');
  });

  it.each([
    ['too long', 'r'.repeat(129)],
    ['with spaces', 'a b'],
    ['with a quote', 'a"b'],
    ['non-ASCII', 'idé'],
  ])('replaces an incoming x-request-id %s with a generated UUID', async (_label, incoming) => {
    const response = await service.app.fetch('http://localhost/health', {
      headers: { 'x-request-id': incoming },
    });
    expect(response.headers.get('x-request-id')).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });

  it('gives every answer a different generated id, on every route', async () => {
    const paths = ['/health', '/ready', '/graphql', '/nowhere', '/auth/nowhere'];
    const ids = new Set<string | null>();
    for (const path of paths) {
      const response = await service.app.fetch(`http://localhost${path}`);
      ids.add(response.headers.get('x-request-id'));
    }
    expect(ids.size).toBe(paths.length);
    expect(ids.has(null)).toBe(false);
  });
});

describe('request log', () => {
  it('writes one info line per request with id, method, path, status, duration and operation name', async () => {
    const from = service.logs.length;
    const response = await service.app.fetch('http://localhost/graphql?debug=1', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-sandbox-persona': 'demo' },
      body: JSON.stringify({ query: 'query WhoAmI { me { id } }' }),
    });
    expect(response.status).toBe(200);

    const requestLines = linesSince(from).filter((line) => line.msg === 'request');
    expect(requestLines).toHaveLength(1);
    const [line] = requestLines;
    expect(line).toMatchObject({
      level: 30,
      requestId: response.headers.get('x-request-id'),
      method: 'POST',
      path: '/graphql',
      status: 200,
      operationName: 'WhoAmI',
    });
    expect(typeof line?.durationMs).toBe('number');
  });

  it('logs the operationName parameter over the document name, and null for an anonymous query', async () => {
    const from = service.logs.length;
    const ask = (body: unknown) =>
      service.app.fetch('http://localhost/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-sandbox-persona': 'demo' },
        body: JSON.stringify(body),
      });
    await ask({ query: 'query A { me { id } } query B { me { id } }', operationName: 'B' });
    await ask({ query: '{ me { id } }' });
    const names = linesSince(from)
      .filter((line) => line.msg === 'request')
      .map((line) => line.operationName);
    expect(names).toEqual(['B', null]);
  });

  it('logs no header, cookie, query string, variable or token', async () => {
    const from = service.logs.length;
    const marker = 'marker-4cf1d2e9';
    const persona = service.sandbox.personas.find((candidate) => candidate.key === 'demo');
    const response = await service.app.fetch(`http://localhost/graphql?token=${marker}-query`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${marker}-bearer`,
        cookie: `xaa_session=${marker}-cookie`,
        'x-sandbox-persona': 'demo',
        'user-agent': `${marker}-agent`,
      },
      body: JSON.stringify({
        query: 'query Page($q: String) { me { adAccounts(q: $q) { nodes { id } } } }',
        variables: { q: `${marker}-variable` },
      }),
    });
    await response.text();

    const text = service.logs.slice(from).join('');
    expect(text).toContain('"msg":"request"');
    expect(text).not.toContain(marker);
    expect(text).not.toContain(persona?.token ?? 'no persona');
    expect(text).not.toContain(persona?.tokenSecret ?? 'no persona');
  });

  it('answers 500 when a route throws, logging its name and the request line but not its message', async () => {
    const app = createApp(service.services, {
      auth: async () => {
        throw new RangeError('secret-db-password');
      },
      upstreamReady: async () => true,
    });
    const from = service.logs.length;
    const response = await app.fetch('http://localhost/auth/x/login');

    expect(response.status).toBe(500);
    expect(await response.json()).toEqual({ error: 'Unexpected error.' });
    const lines = linesSince(from);
    expect(lines.map((line) => line.msg)).toEqual(['request failed unexpectedly', 'request']);
    expect(lines[0]).toMatchObject({ level: 50, error: 'RangeError' });
    expect(lines[1]).toMatchObject({ status: 500, path: '/auth/x/login' });
    expect(service.logs.slice(from).join('')).not.toContain('secret-db-password');
  });
});
