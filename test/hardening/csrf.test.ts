import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Browser, SERVICE_ORIGIN } from '../support/browser.js';
import { startTestService, type TestService } from '../support/test-service.js';
import { codes, readBody } from './helpers.js';

const APP_ORIGIN = 'https://dashboard.example.com';
const EVIL_ORIGIN = 'https://evil.example';
const ME = '{ me { id } }';
const REFRESH = 'mutation { refreshAccess { forgottenFacts } }';
const ADVERTISER_ID = '1000000002';

let service: TestService;
let browser: Browser;
beforeEach(async () => {
  service = await startTestService({ multiUser: true, env: { CORS_ORIGINS: APP_ORIGIN } });
  browser = new Browser(service);
  await browser.signIn('advertiser');
  service.sandbox.calls.reset();
});
afterEach(async () => service.close());

/** A request to /graphql carrying the browser's session cookie. */
function send(init: { method?: string; headers?: Record<string, string>; body?: string }) {
  return browser.visit('/graphql', { method: 'POST', ...init });
}

/** Asserts a 403 FORBIDDEN answer and that nothing ran (no upstream call). */
async function expectRefused(response: Response): Promise<void> {
  expect(response.status).toBe(403);
  expect(codes(await readBody(response))).toEqual(['FORBIDDEN']);
  expect(service.sandbox.calls.count()).toBe(0);
}

describe('cross-site requests carrying the session cookie', () => {
  it('G6: refuses a cross-site form POST with the session cookie before execution', async () => {
    const response = await send({
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: EVIL_ORIGIN },
      body: new URLSearchParams({ query: '{ adAccount(id: "acme1") { id } }' }).toString(),
    });
    await expectRefused(response);
  });

  it('G6: refuses a form-encoded mutation with the cookie and no Origin, forgetting nothing', async () => {
    await browser.graphql('{ adAccount(id: "acme1") { access { role } } }');
    const cached = service.services.cache.stats().entries;
    service.sandbox.calls.reset();
    const response = await send({
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ query: REFRESH }).toString(),
    });
    await expectRefused(response);
    expect(service.services.cache.stats().entries).toBe(cached);
  });

  it.each([
    [
      'multipart/form-data; boundary=x',
      '--x\r\nContent-Disposition: form-data; name="operations"\r\n\r\n{}\r\n--x--',
    ],
    ['text/plain', JSON.stringify({ query: ME })],
    ['text/plain;charset=UTF-8', JSON.stringify({ query: ME })],
  ])(
    'G6: refuses a same-site-looking %s POST with the cookie but without the CSRF header',
    async (type, body) => {
      await expectRefused(await send({ headers: { 'content-type': type }, body }));
    },
  );

  it('G6: refuses a JSON POST with the cookie from an origin that is not allowed', async () => {
    const response = await send({
      headers: { 'content-type': 'application/json', origin: EVIL_ORIGIN },
      body: JSON.stringify({ query: ME }),
    });
    await expectRefused(response);
  });

  it('G6: refuses a cookie-bearing request the browser marks cross-site when it has no Origin', async () => {
    const response = await send({
      headers: { 'content-type': 'application/json', 'sec-fetch-site': 'cross-site' },
      body: JSON.stringify({ query: ME }),
    });
    await expectRefused(response);
  });

  it('G6: refuses a GET query with the cookie and without the CSRF header', async () => {
    const response = await browser.visit(`/graphql?query=${encodeURIComponent(ME)}`, {
      headers: { accept: 'application/json' },
    });
    await expectRefused(response);
  });

  it('G6: answers a GET query with the cookie and the x-graphql-yoga-csrf header', async () => {
    const response = await browser.visit(`/graphql?query=${encodeURIComponent(ME)}`, {
      headers: { accept: 'application/json', 'x-graphql-yoga-csrf': '1' },
    });
    expect(await readBody(response)).toEqual({ data: { me: { id: ADVERTISER_ID } } });
  });

  it('G6: serves the GraphiQL page (a GET without a query) to a signed-in browser, even from a link on another site', async () => {
    const open = await startTestService({
      multiUser: true,
      env: { GRAPHQL_INTROSPECTION: 'true' },
    });
    try {
      const signedIn = new Browser(open);
      await signedIn.signIn('advertiser');
      const page = await signedIn.visit('/graphql', {
        headers: { accept: 'text/html', 'sec-fetch-site': 'cross-site' },
      });
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toContain('text/html');
    } finally {
      await open.close();
    }
  });

  it.each([
    ['the public URL', SERVICE_ORIGIN],
    ['an origin in CORS_ORIGINS', APP_ORIGIN],
  ])('G6: answers a JSON POST with the cookie from %s', async (_label, origin) => {
    const response = await send({
      headers: { 'content-type': 'application/json', origin },
      body: JSON.stringify({ query: ME }),
    });
    expect(response.status).toBe(200);
    expect(await readBody(response)).toEqual({ data: { me: { id: ADVERTISER_ID } } });
  });

  it('G6: answers a JSON POST with the cookie and no Origin (a same-origin script or a tool)', async () => {
    const response = await send({
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: ME }),
    });
    expect(await readBody(response)).toEqual({ data: { me: { id: ADVERTISER_ID } } });
  });

  it('G6: answers a bearer-token JSON POST from any origin as before', async () => {
    const session = browser.cookies.get('xaa_session') ?? '';
    const response = await service.app.fetch('http://localhost/graphql', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${session}`,
        origin: EVIL_ORIGIN,
      },
      body: JSON.stringify({ query: ME }),
    });
    expect(await readBody(response)).toEqual({ data: { me: { id: ADVERTISER_ID } } });
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('cross-site POSTs to the sign-in routes', () => {
  it('G6: refuses a cross-site logout with the session cookie and keeps the session', async () => {
    const session = browser.cookies.get('xaa_session') ?? '';
    const response = await browser.visit('/auth/logout', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: EVIL_ORIGIN },
      body: '',
    });
    expect(response.status).toBe(403);
    expect(await response.json()).toEqual({
      error: `Requests with the session cookie are not accepted from origin "${EVIL_ORIGIN}".`,
    });
    expect(await service.services.store.getSession(session)).not.toBeNull();
  });

  it('G6: refuses a cross-site POST /auth/pin/start with the cookie before asking X for a token', async () => {
    const response = await browser.visit('/auth/pin/start', {
      method: 'POST',
      headers: { origin: EVIL_ORIGIN },
    });
    expect(response.status).toBe(403);
    expect(service.sandbox.calls.count('request_token')).toBe(0);
  });

  it('G6: signs out from the public URL origin', async () => {
    const session = browser.cookies.get('xaa_session') ?? '';
    const response = await browser.visit('/auth/logout', {
      method: 'POST',
      headers: { origin: SERVICE_ORIGIN },
    });
    expect(response.status).toBe(204);
    expect(await service.services.store.getSession(session)).toBeNull();
  });
});

describe('CORS', () => {
  async function preflight(origin: string): Promise<Response> {
    return service.app.fetch('http://localhost/graphql', {
      method: 'OPTIONS',
      headers: {
        origin,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type',
      },
    });
  }

  it('answers a preflight from an origin in CORS_ORIGINS with that origin and credentials', async () => {
    const response = await preflight(APP_ORIGIN);
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe(APP_ORIGIN);
    expect(response.headers.get('access-control-allow-credentials')).toBe('true');
    expect(response.headers.get('access-control-allow-headers')).toContain('content-type');
    expect(response.headers.get('vary')).toContain('Origin');
  });

  it('gives no CORS headers to an origin outside CORS_ORIGINS', async () => {
    const response = await preflight(EVIL_ORIGIN);
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
    expect(response.headers.get('access-control-allow-credentials')).toBeNull();
  });

  it('gives CORS headers on the answer to an allowed origin only', async () => {
    const ask = (origin: string) =>
      service.app.fetch('http://localhost/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin },
        body: JSON.stringify({ query: '{ __typename }' }),
      });
    const allowed = await ask(APP_ORIGIN);
    expect(allowed.headers.get('access-control-allow-origin')).toBe(APP_ORIGIN);
    expect(allowed.headers.get('access-control-allow-credentials')).toBe('true');
    const refused = await ask(EVIL_ORIGIN);
    expect(refused.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('gives no CORS headers to any origin when CORS_ORIGINS is unset', async () => {
    const closed = await startTestService();
    try {
      const response = await closed.app.fetch('http://localhost/graphql', {
        method: 'OPTIONS',
        headers: { origin: APP_ORIGIN, 'access-control-request-method': 'POST' },
      });
      expect(response.headers.get('access-control-allow-origin')).toBeNull();
    } finally {
      await closed.close();
    }
  });
});
