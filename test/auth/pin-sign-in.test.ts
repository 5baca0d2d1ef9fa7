import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resolveSessionViewer } from '../../src/auth/session.js';
import { leakedLines, pinFromX, SERVICE, startHarness, type Harness } from './harness.js';
import { countRows } from './rows.js';

let h: Harness;

beforeEach(async () => {
  h = await startHarness();
});

afterEach(async () => {
  expect(leakedLines(h)).toEqual([]);
  await h.close();
});

interface Started {
  flowId: string;
  authorizeUrl: string;
  expiresAt: string;
}

async function post(path: string, body?: unknown): Promise<Response> {
  return h.browser().request(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
}

async function start(): Promise<Started> {
  const response = await post('/auth/pin/start');
  expect(response.status).toBe(200);
  return (await response.json()) as Started;
}

describe('POST /auth/pin/start', () => {
  it('answers a flow id, X’s authorize address and when the flow expires', async () => {
    const started = await start();

    expect(started.flowId).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(started.authorizeUrl).toMatch(`${h.sandbox.url}/oauth/authorize?oauth_token=`);
    expect(new Date(started.expiresAt).getTime()).toBe(h.clock + 10 * 60 * 1000);
    expect(started.authorizeUrl).not.toContain(started.flowId);
    expect(countRows(h.dbPath).requests).toBe(1);
  });

  it('answers 502 with one sentence when X does not confirm the callback (O3)', async () => {
    h.sandbox.faults.add({
      endpoint: 'request_token',
      status: 200,
      body: 'oauth_token=t&oauth_token_secret=s',
      times: 1,
    });
    const response = await post('/auth/pin/start');

    expect(response.status).toBe(502);
    expect(await response.json()).toEqual({
      error: 'X did not start the sign-in; please try again in a moment.',
    });
    expect(countRows(h.dbPath).requests).toBe(0);
  });
});

describe('POST /auth/pin/complete', () => {
  it('trades the PIN for a session token usable as a bearer credential', async () => {
    const started = await start();
    const pin = await pinFromX(started.authorizeUrl, 'analyst');

    const response = await post('/auth/pin/complete', { flowId: started.flowId, pin });
    const body = (await response.json()) as Record<string, string>;

    expect(response.status).toBe(200);
    expect(body).toMatchObject({ userId: '1000000004', screenName: 'numbers_person' });
    expect(body['sessionToken']).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(response.headers.getSetCookie()).toEqual([]);
    const request = new Request(`${SERVICE}/graphql`, {
      headers: { authorization: `Bearer ${body['sessionToken']}` },
    });
    expect(await resolveSessionViewer(request, h.store)).toMatchObject({
      kind: 'viewer',
      source: 'session',
      userId: '1000000004',
    });
  });

  it('refuses an unknown flow id without calling X', async () => {
    const started = await start();
    const pin = await pinFromX(started.authorizeUrl, 'demo');

    const response = await post('/auth/pin/complete', { flowId: 'B'.repeat(43), pin });

    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: string }).error).toContain('POST /auth/pin/start');
    expect(h.sandbox.calls.count('access_token')).toBe(0);
  });

  it('refuses the request token itself in place of the flow id', async () => {
    const started = await start();
    const token = new URL(started.authorizeUrl).searchParams.get('oauth_token');
    const pin = await pinFromX(started.authorizeUrl, 'demo');

    const response = await post('/auth/pin/complete', { flowId: token, pin });

    expect(response.status).toBe(400);
    expect(h.sandbox.calls.count('access_token')).toBe(0);
  });

  it('completes a flow once; a replay is refused without calling X (O5)', async () => {
    const started = await start();
    const pin = await pinFromX(started.authorizeUrl, 'demo');
    await post('/auth/pin/complete', { flowId: started.flowId, pin });

    const replay = await post('/auth/pin/complete', { flowId: started.flowId, pin });

    expect(replay.status).toBe(400);
    expect(((await replay.json()) as { error: string }).error).toContain('already completed');
    expect(h.sandbox.calls.count('access_token')).toBe(1);
  });

  it('refuses a flow older than 10 minutes without calling X (O5)', async () => {
    const started = await start();
    const pin = await pinFromX(started.authorizeUrl, 'demo');
    h.clock += 10 * 60 * 1000;

    const response = await post('/auth/pin/complete', { flowId: started.flowId, pin });

    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: string }).error).toContain('expired');
    expect(h.sandbox.calls.count('access_token')).toBe(0);
  });

  it('answers 400 for a PIN X refuses, and the flow cannot be retried', async () => {
    const started = await start();
    await pinFromX(started.authorizeUrl, 'demo');

    const wrong = await post('/auth/pin/complete', { flowId: started.flowId, pin: '0000000' });

    expect(wrong.status).toBe(400);
    expect(await wrong.json()).toEqual({
      error: 'X did not accept this PIN; start a new sign-in and enter the PIN X shows.',
    });
    expect(countRows(h.dbPath)).toMatchObject({ userTokens: 0, sessions: 0 });
  });

  it.each([
    ['not JSON', 'pin=1234'],
    ['no PIN', { flowId: 'C'.repeat(43) }],
    ['a numeric PIN', { flowId: 'C'.repeat(43), pin: 1234567 }],
    ['letters in the PIN', { flowId: 'C'.repeat(43), pin: '12ab' }],
    ['a malformed flow id', { flowId: 'short', pin: '1234567' }],
    ['a huge body', { flowId: 'C'.repeat(43), pin: '1', pad: 'x'.repeat(10_000) }],
  ])('answers 400 for %s without touching the store or X', async (_case, body) => {
    const response = await post('/auth/pin/complete', body);

    expect(response.status).toBe(400);
    expect(typeof ((await response.json()) as { error: unknown }).error).toBe('string');
    expect(h.sandbox.calls.count('access_token')).toBe(0);
  });
});
