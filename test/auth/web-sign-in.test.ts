import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resolveSessionViewer } from '../../src/auth/session.js';
import type { UserId } from '../../src/upstream/types.js';
import {
  approveAtX,
  decideAtX,
  leakedLines,
  SERVICE,
  setCookie,
  startHarness,
  type Harness,
} from './harness.js';
import { countRows, userTokenRow } from './rows.js';

let h: Harness;

beforeEach(async () => {
  h = await startHarness();
});

afterEach(async () => {
  expect(leakedLines(h)).toEqual([]);
  await h.close();
});

async function signInAs(persona: string, returnTo = '/dashboard') {
  const browser = h.browser();
  const login = await browser.request(`/auth/x/login?returnTo=${encodeURIComponent(returnTo)}`);
  const callback = await approveAtX(login.headers.get('location') ?? '', persona);
  const done = await browser.request(callback);
  return { browser, login, callback, done };
}

function viewerOf(cookieValue: string | undefined) {
  const request = new Request(`${SERVICE}/graphql`, {
    headers: { cookie: `xaa_session=${cookieValue ?? ''}` },
  });
  return resolveSessionViewer(request, h.store);
}

describe('GET /auth/x/login', () => {
  it('redirects to X with a request token bound to the browser by a short-lived cookie', async () => {
    const browser = h.browser();
    const response = await browser.request('/auth/x/login?returnTo=/dashboard');
    const location = new URL(response.headers.get('location') ?? '');

    expect(response.status).toBe(302);
    expect(`${location.origin}${location.pathname}`).toBe(`${h.sandbox.url}/oauth/authorize`);
    expect(location.searchParams.get('oauth_token')).toMatch(/.+/);
    expect(setCookie(response, 'xaa_oauth')).toMatchObject({
      httponly: true,
      samesite: 'Lax',
      path: '/auth/x/',
      'max-age': '600',
    });
    expect(setCookie(response, 'xaa_oauth')['secure']).toBeUndefined();
    expect(h.sandbox.calls.count('request_token')).toBe(1);
    expect(countRows(h.dbPath)).toEqual({ userTokens: 0, sessions: 0, requests: 1 });
  });

  it('asks X for a callback under PUBLIC_URL', async () => {
    const { callback } = await signInAs('demo');

    expect(callback.startsWith(`${SERVICE}/auth/x/callback?`)).toBe(true);
  });

  it('stops with a 502 page and no redirect when X does not confirm the callback (O3)', async () => {
    h.sandbox.faults.add({
      endpoint: 'request_token',
      status: 200,
      body: 'oauth_token=t1&oauth_token_secret=s1&oauth_callback_confirmed=false',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      times: 1,
    });
    const response = await h.browser().request('/auth/x/login');

    expect(response.status).toBe(502);
    expect(response.headers.get('location')).toBeNull();
    expect(response.headers.getSetCookie()).toEqual([]);
    expect(await response.text()).toContain('X did not start the sign-in');
    expect(countRows(h.dbPath).requests).toBe(0);
    expect(h.logs.some((line) => line.includes('UpstreamBadResponseError'))).toBe(true);
  });

  it('stops with a 502 page when X cannot be reached (O3)', async () => {
    h.sandbox.faults.add({ endpoint: 'request_token', reset: true, times: 1 });
    const response = await h.browser().request('/auth/x/login');

    expect(response.status).toBe(502);
    expect(response.headers.get('location')).toBeNull();
  });

  it.each(['//evil.example/x', 'https://evil.example/', '/\\evil.example', 'javascript:alert(1)'])(
    'refuses returnTo=%s with 400 before asking X for anything (O8)',
    async (returnTo) => {
      const response = await h
        .browser()
        .request(`/auth/x/login?returnTo=${encodeURIComponent(returnTo)}`);

      expect(response.status).toBe(400);
      expect(response.headers.get('location')).toBeNull();
      expect(await response.text()).toContain('must be a path on this site');
      expect(h.sandbox.calls.count('request_token')).toBe(0);
    },
  );

  it('marks the binding cookie Secure when PUBLIC_URL is https', async () => {
    await h.close();
    h = await startHarness({ PUBLIC_URL: 'https://ads-access.example.com' });
    const response = await h.browser().request('/auth/x/login');

    expect(setCookie(response, 'xaa_oauth')['secure']).toBe(true);
  });
});

describe('GET /auth/x/callback', () => {
  it('stores the token, opens a new session and returns to returnTo', async () => {
    const { browser, done } = await signInAs('advertiser', '/accounts?tab=roles');
    const session = setCookie(done, 'xaa_session');

    expect(done.status).toBe(302);
    expect(done.headers.get('location')).toBe('/accounts?tab=roles');
    expect(session).toMatchObject({
      httponly: true,
      samesite: 'Lax',
      path: '/',
      'max-age': String(30 * 24 * 60 * 60),
    });
    expect(session['value']).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(setCookie(done, 'xaa_oauth')['max-age']).toBe('0');
    expect(browser.get('xaa_oauth')).toBeUndefined();
    expect(userTokenRow(h.dbPath, '1000000002')).toMatchObject({
      screen_name: 'acme_brand',
      revoked_at: null,
    });
    expect(countRows(h.dbPath)).toMatchObject({ userTokens: 1, sessions: 1 });
    expect(h.sandbox.calls.count('access_token')).toBe(1);
  });

  it('gives the browser a viewer holding the token X granted', async () => {
    const { browser } = await signInAs('advertiser');
    const viewer = await viewerOf(browser.get('xaa_session'));

    expect(viewer).toMatchObject({
      kind: 'viewer',
      source: 'session',
      userId: '1000000002',
      screenName: 'acme_brand',
      sessionId: browser.get('xaa_session'),
    });
    const stored = await h.store.getUserToken('1000000002' as UserId);
    expect('token' in viewer && viewer.token).toEqual(stored?.token);
    expect(h.secrets.has(stored?.token.secret ?? '')).toBe(true);
  });

  it('returns to / when no returnTo was given', async () => {
    const browser = h.browser();
    const login = await browser.request('/auth/x/login');
    const done = await browser.request(
      await approveAtX(login.headers.get('location') ?? '', 'demo'),
    );

    expect(done.headers.get('location')).toBe('/');
  });

  it('refuses a callback carrying a token bound to another browser, without calling X (O4)', async () => {
    const victim = h.browser();
    const attacker = h.browser();
    await victim.request('/auth/x/login');
    const attackerLogin = await attacker.request('/auth/x/login');
    const attackerCallback = await approveAtX(attackerLogin.headers.get('location') ?? '', 'demo');

    const response = await victim.request(attackerCallback);

    expect(response.status).toBe(400);
    expect(await response.text()).toContain('not the one this browser started');
    expect(response.headers.getSetCookie().some((line) => line.startsWith('xaa_session='))).toBe(
      false,
    );
    expect(h.sandbox.calls.count('access_token')).toBe(0);
    expect(countRows(h.dbPath)).toMatchObject({ userTokens: 0, sessions: 0 });
  });

  it('refuses a callback from a browser that started no sign-in, without calling X (O4)', async () => {
    const starter = h.browser();
    const login = await starter.request('/auth/x/login');
    const callback = await approveAtX(login.headers.get('location') ?? '', 'demo');

    const response = await h.browser().request(callback);

    expect(response.status).toBe(400);
    expect(h.sandbox.calls.count('access_token')).toBe(0);
  });

  it('refuses a forged oauth_token with the right binding cookie (O4)', async () => {
    const browser = h.browser();
    const login = await browser.request('/auth/x/login');
    const callback = new URL(await approveAtX(login.headers.get('location') ?? '', 'demo'));
    callback.searchParams.set('oauth_token', 'forged-token');

    const response = await browser.request(callback.toString());

    expect(response.status).toBe(400);
    expect(h.sandbox.calls.count('access_token')).toBe(0);
  });

  it('refuses a replayed callback, without a second call to X (O5)', async () => {
    const { browser, login, callback } = await signInAs('demo');
    browser.set('xaa_oauth', setCookie(login, 'xaa_oauth')['value'] as string, '/auth/x/');

    const replay = await browser.request(callback);

    expect(replay.status).toBe(400);
    expect(await replay.text()).toContain('already used');
    expect(h.sandbox.calls.count('access_token')).toBe(1);
    expect(countRows(h.dbPath).sessions).toBe(1);
  });

  it('refuses a callback older than 10 minutes, without calling X (O5)', async () => {
    const browser = h.browser();
    const login = await browser.request('/auth/x/login');
    const callback = await approveAtX(login.headers.get('location') ?? '', 'demo');
    h.clock += 10 * 60 * 1000 + 1;

    const response = await browser.request(callback);

    expect(response.status).toBe(400);
    expect(await response.text()).toContain('longer than 10 minutes');
    expect(h.sandbox.calls.count('access_token')).toBe(0);
  });

  it('refuses a callback without oauth_verifier', async () => {
    const browser = h.browser();
    const login = await browser.request('/auth/x/login');
    const token = new URL(login.headers.get('location') ?? '').searchParams.get('oauth_token');

    const response = await browser.request(`/auth/x/callback?oauth_token=${token}`);

    expect(response.status).toBe(400);
    expect(h.sandbox.calls.count('access_token')).toBe(0);
  });

  it('shows a friendly page and stores nothing when the user cancels on X (O6)', async () => {
    const browser = h.browser();
    const login = await browser.request('/auth/x/login?returnTo=/reports');
    const cancel = await decideAtX(login.headers.get('location') ?? '', 'cancel');
    const callback = cancel.headers.get('location') ?? '';

    const response = await browser.request(callback);
    const body = await response.text();

    expect(new URL(callback).searchParams.has('denied')).toBe(true);
    expect(response.status).toBe(200);
    expect(body).toContain('Sign-in cancelled');
    expect(body).toContain(`href="${SERVICE}/auth/x/login?returnTo=%2Freports"`);
    expect(browser.get('xaa_oauth')).toBeUndefined();
    expect(browser.get('xaa_session')).toBeUndefined();
    expect(countRows(h.dbPath)).toMatchObject({ userTokens: 0, sessions: 0 });
    expect(h.sandbox.calls.count('access_token')).toBe(0);
  });

  it('answers 502 and stores nothing when X fails the access-token call', async () => {
    h.sandbox.faults.add({ endpoint: 'access_token', status: 503, times: 1 });
    const { done } = await signInAs('demo');

    expect(done.status).toBe(502);
    expect(await done.text()).toContain('X could not be reached');
    expect(countRows(h.dbPath)).toMatchObject({ userTokens: 0, sessions: 0 });
  });

  it('answers 400 when X refuses the verifier', async () => {
    const browser = h.browser();
    const login = await browser.request('/auth/x/login');
    const callback = new URL(await approveAtX(login.headers.get('location') ?? '', 'demo'));
    callback.searchParams.set('oauth_verifier', '0000000');

    const response = await browser.request(callback.toString());

    expect(response.status).toBe(400);
    expect(await response.text()).toContain('X did not accept this sign-in');
    expect(h.sandbox.calls.count('access_token')).toBe(1);
    expect(countRows(h.dbPath).userTokens).toBe(0);
  });
});

describe('session fixation (O7)', () => {
  it('never keeps a session id planted before sign-in', async () => {
    const browser = h.browser();
    const planted = 'A'.repeat(43);
    browser.set('xaa_session', planted);
    const login = await browser.request('/auth/x/login');
    const done = await browser.request(
      await approveAtX(login.headers.get('location') ?? '', 'demo'),
    );

    const issued = setCookie(done, 'xaa_session')['value'];
    expect(issued).not.toBe(planted);
    expect(await viewerOf(planted)).toEqual({ kind: 'anonymous' });
    expect(await viewerOf(browser.get('xaa_session'))).toMatchObject({ userId: '1000000001' });
  });

  it('issues a new id when a signed-in browser signs in again, ending the old one', async () => {
    const { browser } = await signInAs('demo');
    const first = browser.get('xaa_session');
    const login = await browser.request('/auth/x/login');
    await browser.request(await approveAtX(login.headers.get('location') ?? '', 'analyst'));
    const second = browser.get('xaa_session');

    expect(second).not.toBe(first);
    expect(await viewerOf(first)).toEqual({ kind: 'anonymous' });
    expect(await viewerOf(second)).toMatchObject({ userId: '1000000004' });
  });
});

describe('persistence', () => {
  it('keeps a sign-in across reopening the store: session and token read back from the file', async () => {
    const { browser } = await signInAs('advertiser');
    const before = await viewerOf(browser.get('xaa_session'));
    h.reopenStore();

    const after = await viewerOf(browser.get('xaa_session'));
    expect(after).toEqual(before);
    expect(after).toMatchObject({ kind: 'viewer', userId: '1000000002' });
  });
});

describe('routing', () => {
  it('answers null outside /auth/, 404 for unknown auth paths and 405 for other methods', async () => {
    const browser = h.browser();

    expect(await h.routes(new Request(`${SERVICE}/graphql`))).toBeNull();
    expect(await h.routes(new Request(`${SERVICE}/authors`))).toBeNull();
    expect((await browser.request('/auth/nope')).status).toBe(404);
    const wrong = await browser.request('/auth/x/login', { method: 'POST' });
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get('allow')).toBe('GET');
  });
});
