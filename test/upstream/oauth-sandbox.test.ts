import { createServer } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { createAdsClient } from '../../src/upstream/client.js';
import {
  UpstreamBadResponseError,
  UpstreamNetworkError,
  UpstreamTimeoutError,
  UpstreamTokenRejectedError,
} from '../../src/upstream/errors.js';
import { createOAuthClient, type OAuthClient } from '../../src/upstream/oauth.js';
import type { AccountId, UserToken } from '../../src/upstream/types.js';

const CALLBACK = 'http://127.0.0.1:4000/auth/callback';
let sandbox: Sandbox;

function oauth(extra: { consumerSecret?: string; fetch?: typeof globalThis.fetch } = {}) {
  return createOAuthClient({
    apiUrl: sandbox.url,
    consumerKey: sandbox.consumer.key,
    consumerSecret: sandbox.consumer.secret,
    timeoutMs: 1000,
    ...extra,
  });
}

/** Approves the request token on the sandbox's consent form as `persona`; returns the answer. */
async function approve(requestToken: string, persona: string): Promise<Response> {
  const body = new URLSearchParams({ oauth_token: requestToken, persona });
  return fetch(`${sandbox.url}/oauth/authorize`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: body.toString(),
    redirect: 'manual',
  });
}

/** Runs request token → consent → callback and returns the request token and verifier. */
async function consent(api: OAuthClient, persona: string) {
  const requestToken = await api.requestToken(CALLBACK);
  const answer = await approve(requestToken.token, persona);
  expect(answer.status).toBe(302);
  const callback = new URL(answer.headers.get('location') ?? '');
  expect(`${callback.origin}${callback.pathname}`).toBe(CALLBACK);
  expect(callback.searchParams.get('oauth_token')).toBe(requestToken.token);
  return { requestToken, verifier: callback.searchParams.get('oauth_verifier') ?? '' };
}

async function failure(promise: Promise<unknown>): Promise<Error> {
  const outcome = await promise.then(
    () => null,
    (error: unknown) => error,
  );
  expect(outcome).toBeInstanceOf(Error);
  return outcome as Error;
}

beforeAll(async () => {
  sandbox = await startSandbox();
});

afterAll(async () => {
  await sandbox.close();
});

beforeEach(() => {
  sandbox.faults.clear();
  sandbox.calls.reset();
});

describe('createOAuthClient against the sandbox', () => {
  it('runs the three-legged sign-in and the token works on the Ads API', async () => {
    const api = oauth();
    const { requestToken, verifier } = await consent(api, 'analyst');
    const grant = await api.accessToken(requestToken, verifier);

    expect(grant.userId).toBe('1000000004');
    expect(grant.screenName).toBe('numbers_person');
    expect(grant.token).not.toBe(requestToken.token);
    expect(sandbox.calls.count('request_token')).toBe(1);
    expect(sandbox.calls.count('access_token')).toBe(1);

    const ads = createAdsClient({
      baseUrl: sandbox.url,
      version: sandbox.version,
      consumerKey: sandbox.consumer.key,
      consumerSecret: sandbox.consumer.secret,
    });
    const read = await ads.getAuthenticatedUserAccess(grant, 'acme1' as AccountId);
    expect(read.data.permissions).toEqual(['CAMPAIGN_ANALYST']);
  });

  it('builds the authorize URL of the consent page', async () => {
    const requestToken = await oauth().requestToken(CALLBACK);
    const url = oauth().authorizeUrl(requestToken.token);
    expect(url).toBe(
      `${sandbox.url}/oauth/authorize?oauth_token=${encodeURIComponent(requestToken.token)}`,
    );
    const page = await fetch(url);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('numbers_person');
  });

  it('completes the PIN flow with callback oob', async () => {
    const api = oauth();
    const requestToken = await api.requestToken('oob');
    const page = await (await approve(requestToken.token, 'demo')).text();
    const pin = /\b(\d{7})\b/.exec(page)?.[1] ?? '';
    expect(pin).toMatch(/^\d{7}$/);
    const grant = await api.accessToken(requestToken, pin);
    expect(grant.userId).toBe('1000000001');
    expect(grant.screenName).toBe('demo_marketer');
  });

  it('refuses a replayed verifier with a token error and no retry', async () => {
    const api = oauth();
    const { requestToken, verifier } = await consent(api, 'demo');
    await api.accessToken(requestToken, verifier);
    const error = await failure(api.accessToken(requestToken, verifier));
    expect(error).toBeInstanceOf(UpstreamTokenRejectedError);
    expect((error as UpstreamTokenRejectedError).endpoint).toBe('oauth');
    expect(error.message).not.toContain(verifier);
    expect(error.message).not.toContain(requestToken.secret);
    expect(sandbox.calls.count('access_token')).toBe(2);
  });

  it('refuses a wrong verifier', async () => {
    const api = oauth();
    const { requestToken } = await consent(api, 'demo');
    const error = await failure(api.accessToken(requestToken, '0000000'));
    expect(error).toBeInstanceOf(UpstreamTokenRejectedError);
    expect((error as UpstreamTokenRejectedError).errors[0]?.code).toBe('89');
  });

  it('refuses a request token call signed with the wrong consumer secret', async () => {
    const error = await failure(oauth({ consumerSecret: 'wrong' }).requestToken(CALLBACK));
    expect(error).toBeInstanceOf(UpstreamTokenRejectedError);
    expect((error as UpstreamTokenRejectedError).errors[0]?.code).toBe('32');
    expect(error.message).not.toContain(sandbox.consumer.secret);
  });

  it('stops when the answer lacks oauth_callback_confirmed=true (O3)', async () => {
    sandbox.faults.add({
      endpoint: 'request_token',
      status: 200,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'oauth_token=rt&oauth_token_secret=rs',
    });
    const error = await failure(oauth().requestToken(CALLBACK));
    expect(error).toBeInstanceOf(UpstreamBadResponseError);
    expect(error.message).toContain('oauth_callback_confirmed');
    expect(sandbox.calls.count('request_token')).toBe(1);
  });

  it('invalidates a token so the Ads API refuses it afterwards', async () => {
    const api = oauth();
    const { requestToken, verifier } = await consent(api, 'advertiser');
    const grant: UserToken = await api.accessToken(requestToken, verifier);
    await api.invalidateToken(grant);
    expect(sandbox.calls.count('invalidate_token')).toBe(1);

    const ads = createAdsClient({
      baseUrl: sandbox.url,
      version: sandbox.version,
      consumerKey: sandbox.consumer.key,
      consumerSecret: sandbox.consumer.secret,
    });
    const error = await failure(ads.getAccountFeatures(grant, 'acme1' as AccountId));
    expect(error).toBeInstanceOf(UpstreamTokenRejectedError);
  });

  it('times out a hanging access token call without retrying it', async () => {
    const api = oauth();
    const { requestToken, verifier } = await consent(api, 'demo');
    sandbox.faults.add({ endpoint: 'access_token', hang: true });
    const error = await failure(
      createOAuthClient({
        apiUrl: sandbox.url,
        consumerKey: sandbox.consumer.key,
        consumerSecret: sandbox.consumer.secret,
        timeoutMs: 150,
      }).accessToken(requestToken, verifier),
    );
    expect(error).toBeInstanceOf(UpstreamTimeoutError);
    expect((error as UpstreamTimeoutError).endpoint).toBe('oauth');
    expect(sandbox.calls.count('access_token')).toBe(1);
  });

  it('fails with a network error after one attempt when nothing listens', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const port = typeof address === 'object' && address !== null ? address.port : 0;

    let attempts = 0;
    const api = createOAuthClient({
      apiUrl: `http://127.0.0.1:${port}`,
      consumerKey: 'ck',
      consumerSecret: 'cs',
      fetch: (input, init) => ((attempts += 1), globalThis.fetch(input, init)),
    });
    const error = await failure(api.requestToken(CALLBACK));
    expect(error).toBeInstanceOf(UpstreamNetworkError);
    expect((error as UpstreamNetworkError).endpoint).toBe('oauth');
    expect(attempts).toBe(1);
  });
});
