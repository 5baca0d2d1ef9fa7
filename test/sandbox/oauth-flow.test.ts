import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../src/sandbox/index.js';
import { startSandbox } from '../../src/sandbox/index.js';
import { DEFAULT_PERSONAS_FILE } from '../../src/sandbox/personas.js';
import type { Credentials } from './signed-fetch.js';
import { signedFetch } from './signed-fetch.js';

const CALLBACK = 'http://localhost:4000/auth/callback?from=test';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(() => sandbox.close());

interface Timed {
  readonly timestamp?: number;
}

async function requestToken(
  target: Sandbox,
  callback: string,
  options: Timed & { query?: Record<string, string> } = {},
) {
  const response = await signedFetch(target.url, {
    method: 'POST',
    path: '/oauth/request_token',
    consumer: target.consumer,
    token: null,
    oauthParams: { oauth_callback: callback },
    ...options,
  });
  return { response, form: new URLSearchParams(await response.text()) };
}

async function requestTokenCredentials(target: Sandbox, callback: string, options: Timed = {}) {
  const { form } = await requestToken(target, callback, options);
  return { key: form.get('oauth_token') ?? '', secret: form.get('oauth_token_secret') ?? '' };
}

function postAuthorize(target: Sandbox, fields: Record<string, string>): Promise<Response> {
  return fetch(`${target.url}/oauth/authorize`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
    redirect: 'manual',
  });
}

async function approve(target: Sandbox, token: string, persona: string): Promise<string> {
  const response = await postAuthorize(target, { oauth_token: token, persona });
  expect(response.status).toBe(302);
  const location = new URL(response.headers.get('location') ?? '');
  expect(location.searchParams.get('oauth_token')).toBe(token);
  return location.searchParams.get('oauth_verifier') ?? '';
}

function accessToken(
  target: Sandbox,
  requestCredentials: Credentials,
  verifier: string,
  options: Timed = {},
) {
  return signedFetch(target.url, {
    method: 'POST',
    path: '/oauth/access_token',
    consumer: target.consumer,
    token: requestCredentials,
    oauthParams: { oauth_verifier: verifier },
    ...options,
  });
}

function userAccess(target: Sandbox, token: Credentials, accountId: string): Promise<Response> {
  return signedFetch(target.url, {
    path: `/12/accounts/${accountId}/authenticated_user_access`,
    consumer: target.consumer,
    token,
  });
}

async function signIn(target: Sandbox, persona: string): Promise<Credentials> {
  const request = await requestTokenCredentials(target, CALLBACK);
  const verifier = await approve(target, request.key, persona);
  const form = new URLSearchParams(await (await accessToken(target, request, verifier)).text());
  return { key: form.get('oauth_token') ?? '', secret: form.get('oauth_token_secret') ?? '' };
}

describe('sandbox OAuth sign-in with a callback', () => {
  it('runs request_token → authorize → access_token and the new token reads as that persona', async () => {
    sandbox.calls.reset();
    const { response, form } = await requestToken(sandbox, CALLBACK);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/x-www-form-urlencoded');
    expect(form.get('oauth_callback_confirmed')).toBe('true');
    const request = {
      key: form.get('oauth_token') ?? '',
      secret: form.get('oauth_token_secret') ?? '',
    };

    const page = await fetch(`${sandbox.url}/oauth/authorize?oauth_token=${request.key}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('sandbox-consumer-key');
    expect(html).toContain('@numbers_person');
    expect(html).toContain('name="cancel"');
    expect(html).not.toContain(sandbox.persona('analyst').tokenSecret);

    const approval = await postAuthorize(sandbox, { oauth_token: request.key, persona: 'analyst' });
    expect(approval.status).toBe(302);
    const location = new URL(approval.headers.get('location') ?? '');
    expect(`${location.origin}${location.pathname}`).toBe('http://localhost:4000/auth/callback');
    expect(location.searchParams.get('from')).toBe('test');
    const verifier = location.searchParams.get('oauth_verifier') ?? '';

    const granted = await accessToken(sandbox, request, verifier);
    expect(granted.status).toBe(200);
    const access = new URLSearchParams(await granted.text());
    expect(access.get('user_id')).toBe('1000000004');
    expect(access.get('screen_name')).toBe('numbers_person');
    const minted = {
      key: access.get('oauth_token') ?? '',
      secret: access.get('oauth_token_secret') ?? '',
    };
    expect(minted.key).toMatch(/^1000000004-/);
    expect(minted.key).not.toBe(sandbox.persona('analyst').token);

    const read = await userAccess(sandbox, minted, 'acme1');
    expect(await read.json()).toMatchObject({
      data: { user_id: '1000000004', permissions: ['CAMPAIGN_ANALYST'] },
    });
    expect(sandbox.calls.snapshot()).toMatchObject({
      request_token: 1,
      authorize: 2,
      access_token: 1,
    });
  });

  it('serves the same consent page at /oauth/authenticate', async () => {
    const request = await requestTokenCredentials(sandbox, CALLBACK);
    const page = await fetch(`${sandbox.url}/oauth/authenticate?oauth_token=${request.key}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('@demo_marketer');
  });

  it('mints a new access token for the same persona on each sign-in', async () => {
    const first = await signIn(sandbox, 'demo');
    const second = await signIn(sandbox, 'demo');
    expect(first.key).not.toBe(second.key);
    expect((await userAccess(sandbox, first, 'gq12fh')).status).toBe(200);
    expect((await userAccess(sandbox, second, 'gq12fh')).status).toBe(200);
  });

  it('uses request tokens and verifiers once', async () => {
    const request = await requestTokenCredentials(sandbox, CALLBACK);
    const verifier = await approve(sandbox, request.key, 'demo');
    expect(
      (await postAuthorize(sandbox, { oauth_token: request.key, persona: 'demo' })).status,
    ).toBe(401);
    expect((await accessToken(sandbox, request, verifier)).status).toBe(200);
    const again = await accessToken(sandbox, request, verifier);
    expect(again.status).toBe(401);
    expect(await again.json()).toEqual({
      errors: [{ code: 89, message: 'Invalid or expired token.' }],
    });
  });

  it('refuses a wrong verifier, and the request token is then gone', async () => {
    const request = await requestTokenCredentials(sandbox, CALLBACK);
    const verifier = await approve(sandbox, request.key, 'demo');
    expect((await accessToken(sandbox, request, `${verifier}x`)).status).toBe(401);
    expect((await accessToken(sandbox, request, verifier)).status).toBe(401);
  });

  it('redirects with denied=<token> on Cancel and grants nothing', async () => {
    const request = await requestTokenCredentials(sandbox, CALLBACK);
    const cancelled = await postAuthorize(sandbox, { oauth_token: request.key, cancel: '1' });
    expect(cancelled.status).toBe(302);
    const location = new URL(cancelled.headers.get('location') ?? '');
    expect(location.searchParams.get('denied')).toBe(request.key);
    expect(location.searchParams.get('oauth_verifier')).toBeNull();
    expect((await accessToken(sandbox, request, 'anything')).status).toBe(401);
  });

  it('grants a read-only token when asked with x_auth_access_type=read', async () => {
    const { form } = await requestToken(sandbox, CALLBACK, {
      query: { x_auth_access_type: 'read' },
    });
    const request = {
      key: form.get('oauth_token') ?? '',
      secret: form.get('oauth_token_secret') ?? '',
    };
    const verifier = await approve(sandbox, request.key, 'demo');
    const access = new URLSearchParams(
      await (await accessToken(sandbox, request, verifier)).text(),
    );
    const minted = {
      key: access.get('oauth_token') ?? '',
      secret: access.get('oauth_token_secret') ?? '',
    };
    expect((await userAccess(sandbox, minted, 'gq12fh')).headers.get('x-access-level')).toBe(
      'read',
    );
  });
});

describe('sandbox OAuth PIN sign-in', () => {
  it('shows a 7-digit PIN that works once as the verifier', async () => {
    const request = await requestTokenCredentials(sandbox, 'oob');
    const answer = await postAuthorize(sandbox, {
      oauth_token: request.key,
      persona: 'advertiser',
    });
    expect(answer.status).toBe(200);
    const pin = /<code id="oauth_pin">(\d+)<\/code>/.exec(await answer.text())?.[1] ?? '';
    expect(pin).toMatch(/^\d{7}$/);
    const granted = await accessToken(sandbox, request, pin);
    expect(new URLSearchParams(await granted.text()).get('screen_name')).toBe('acme_brand');
    expect((await accessToken(sandbox, request, pin)).status).toBe(401);
  });
});

describe('sandbox OAuth refusals', () => {
  it('refuses request_token with a bad signature, no callback or a non-http callback', async () => {
    const badSignature = await signedFetch(sandbox.url, {
      method: 'POST',
      path: '/oauth/request_token',
      consumer: { key: sandbox.consumer.key, secret: 'wrong' },
      token: null,
      oauthParams: { oauth_callback: CALLBACK },
    });
    expect(badSignature.status).toBe(401);
    expect(await badSignature.json()).toEqual({
      errors: [{ code: 32, message: 'Could not authenticate you.' }],
    });
    const noCallback = await signedFetch(sandbox.url, {
      method: 'POST',
      path: '/oauth/request_token',
      consumer: sandbox.consumer,
      token: null,
    });
    expect(noCallback.status).toBe(400);
    expect((await requestToken(sandbox, 'javascript:alert(1)')).response.status).toBe(403);
  });

  it('answers an unknown request token on the consent page with 401', async () => {
    const page = await fetch(`${sandbox.url}/oauth/authorize?oauth_token=%3Cscript%3E`);
    expect(page.status).toBe(401);
    expect(await page.text()).not.toContain('<script>');
  });

  it('expires request tokens after ten minutes', async () => {
    let now = Date.now();
    const local = await startSandbox({ now: () => now });
    try {
      const timestamp = () => Math.floor(now / 1000);
      const request = await requestTokenCredentials(local, CALLBACK, { timestamp: timestamp() });
      const verifier = await approve(local, request.key, 'demo');
      now += 10 * 60_000 + 1;
      expect((await fetch(`${local.url}/oauth/authorize?oauth_token=${request.key}`)).status).toBe(
        401,
      );
      expect((await accessToken(local, request, verifier, { timestamp: timestamp() })).status).toBe(
        401,
      );
    } finally {
      await local.close();
    }
  });
});

describe('sandbox invalidate_token', () => {
  it('revokes the signing token: later Ads API calls and a second invalidation get 401', async () => {
    const minted = await signIn(sandbox, 'demo');
    const invalidate = () =>
      signedFetch(sandbox.url, {
        method: 'POST',
        path: '/1.1/oauth/invalidate_token',
        consumer: sandbox.consumer,
        token: minted,
      });
    const revoked = await invalidate();
    expect(revoked.status).toBe(200);
    expect(await revoked.json()).toEqual({ access_token: minted.key });
    const refused = await userAccess(sandbox, minted, 'gq12fh');
    expect(refused.status).toBe(401);
    expect(await refused.json()).toMatchObject({ errors: [{ code: 'UNAUTHORIZED_ACCESS' }] });
    expect((await invalidate()).status).toBe(401);
  });
});

describe('sandbox consent page escaping', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sandbox-oauth-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('escapes persona text on the page', async () => {
    const file = JSON.parse(await readFile(DEFAULT_PERSONAS_FILE, 'utf8')) as {
      personas: { screenName: string; description: string }[];
    };
    const first = file.personas[0];
    if (first) {
      first.screenName = '<img src=x onerror=alert(1)>';
      first.description = 'A "quoted" & <b>bold</b> one';
    }
    const path = join(dir, 'personas.json');
    await writeFile(path, JSON.stringify(file));
    const local = await startSandbox({ personasFile: path });
    try {
      const request = await requestTokenCredentials(local, CALLBACK);
      const html = await (
        await fetch(`${local.url}/oauth/authorize?oauth_token=${request.key}`)
      ).text();
      expect(html).toContain('@&lt;img src=x onerror=alert(1)&gt;');
      expect(html).toContain('A &quot;quoted&quot; &amp; &lt;b&gt;bold&lt;/b&gt; one');
      expect(html).not.toContain('<img');
    } finally {
      await local.close();
    }
  });
});
