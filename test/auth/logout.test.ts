import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resolveSessionViewer } from '../../src/auth/session.js';
import { UpstreamTokenRejectedError } from '../../src/upstream/errors.js';
import type { UserId } from '../../src/upstream/types.js';
import {
  approveAtX,
  leakedLines,
  pinFromX,
  SERVICE,
  setCookie,
  startHarness,
  type Browser,
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

async function webSignIn(persona: string): Promise<Browser> {
  const browser = h.browser();
  const login = await browser.request('/auth/x/login');
  await browser.request(await approveAtX(login.headers.get('location') ?? '', persona));
  return browser;
}

async function pinSignIn(persona: string): Promise<string> {
  const started = (await (
    await h.browser().request('/auth/pin/start', { method: 'POST' })
  ).json()) as {
    flowId: string;
    authorizeUrl: string;
  };
  const pin = await pinFromX(started.authorizeUrl, persona);
  const done = await h.browser().request('/auth/pin/complete', {
    method: 'POST',
    body: JSON.stringify({ flowId: started.flowId, pin }),
  });
  return ((await done.json()) as { sessionToken: string }).sessionToken;
}

function viewerOf(headers: Record<string, string>) {
  return resolveSessionViewer(new Request(`${SERVICE}/graphql`, { headers }), h.store);
}

describe('POST /auth/logout', () => {
  it('ends the last session, deletes the token and invalidates it at X', async () => {
    const browser = await webSignIn('demo');
    const session = browser.get('xaa_session') ?? '';
    const token = (await h.store.getUserToken('1000000001' as UserId))?.token;

    const response = await browser.request('/auth/logout', { method: 'POST' });

    expect(response.status).toBe(204);
    expect(setCookie(response, 'xaa_session')).toMatchObject({ 'max-age': '0', path: '/' });
    expect(browser.get('xaa_session')).toBeUndefined();
    expect(await viewerOf({ cookie: `xaa_session=${session}` })).toEqual({ kind: 'anonymous' });
    expect(countRows(h.dbPath)).toMatchObject({ userTokens: 0, sessions: 0 });
    expect(h.sandbox.calls.count('invalidate_token')).toBe(1);
    await expect(h.oauth.invalidateToken(token ?? { token: '', secret: '' })).rejects.toThrow(
      UpstreamTokenRejectedError,
    );
    expect(h.logs.some((line) => line.includes('"tokenDeleted":true'))).toBe(true);
  });

  it('keeps the token while another session of the user remains', async () => {
    const browser = await webSignIn('demo');
    const bearer = await pinSignIn('demo');

    const response = await h.browser().request('/auth/logout', {
      method: 'POST',
      headers: { authorization: `Bearer ${bearer}` },
    });

    expect(response.status).toBe(204);
    expect(await viewerOf({ authorization: `Bearer ${bearer}` })).toEqual({ kind: 'anonymous' });
    const cookie = `xaa_session=${browser.get('xaa_session') ?? ''}`;
    expect(await viewerOf({ cookie })).toMatchObject({ userId: '1000000001' });
    expect(userTokenRow(h.dbPath, '1000000001')).toBeDefined();
    expect(h.sandbox.calls.count('invalidate_token')).toBe(0);
  });

  it('redirects an HTML form post to /', async () => {
    const browser = await webSignIn('demo');

    const response = await browser.request('/auth/logout', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: SERVICE },
      body: '',
    });

    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('/');
    expect(countRows(h.dbPath).sessions).toBe(0);
  });

  it('refuses a post from another origin and keeps the session', async () => {
    const browser = await webSignIn('demo');

    const foreign = await browser.request('/auth/logout', {
      method: 'POST',
      headers: { origin: 'https://evil.example' },
    });
    const crossSite = await browser.request('/auth/logout', {
      method: 'POST',
      headers: { 'sec-fetch-site': 'cross-site' },
    });

    expect(foreign.status).toBe(403);
    expect(crossSite.status).toBe(403);
    expect(countRows(h.dbPath).sessions).toBe(1);
  });

  it('answers 204 and clears the cookie when there is no session', async () => {
    const response = await h.browser().request('/auth/logout', { method: 'POST' });

    expect(response.status).toBe(204);
    expect(setCookie(response, 'xaa_session')['max-age']).toBe('0');
    expect(h.sandbox.calls.count('invalidate_token')).toBe(0);
  });

  it('still signs out when X fails to invalidate the token, and logs it', async () => {
    const browser = await webSignIn('demo');
    h.sandbox.faults.add({ endpoint: 'invalidate_token', status: 503, times: 1 });

    const response = await browser.request('/auth/logout', { method: 'POST' });

    expect(response.status).toBe(204);
    expect(countRows(h.dbPath)).toMatchObject({ userTokens: 0, sessions: 0 });
    const warning = h.logs.find((line) => line.includes('Token invalidation failed.'));
    expect(warning).toContain('UpstreamHttpError');
  });

  it('does not call X for a token already marked revoked', async () => {
    const browser = await webSignIn('demo');
    await h.store.markUserTokenRevoked('1000000001' as UserId);

    await browser.request('/auth/logout', { method: 'POST' });

    expect(h.sandbox.calls.count('invalidate_token')).toBe(0);
    expect(countRows(h.dbPath).userTokens).toBe(0);
  });
});
