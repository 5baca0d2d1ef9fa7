import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../src/sandbox/index.js';
import { startSandbox } from '../../src/sandbox/index.js';
import type { SignedRequestInit } from './signed-fetch.js';
import { signedFetch } from './signed-fetch.js';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(() => sandbox.close());

function asDemo(init: Partial<SignedRequestInit> & { path: string }): SignedRequestInit {
  const { token, tokenSecret } = sandbox.defaultPersona;
  return { consumer: sandbox.consumer, token: { key: token, secret: tokenSecret }, ...init };
}

async function errorCode(response: Response): Promise<string | undefined> {
  const body = (await response.json()) as { errors?: { code: string }[] };
  return body.errors?.[0]?.code;
}

describe('sandbox signature checks', () => {
  it('answers a correctly signed request', async () => {
    const response = await signedFetch(sandbox.url, asDemo({ path: '/12/accounts' }));
    expect(response.status).toBe(200);
    expect(response.headers.get('x-access-level')).toBe('read-write');
  });

  it('refuses a signature that is off by one character', async () => {
    const editHeader = (header: string) =>
      header.replace(
        /oauth_signature="(.)/,
        (_, c: string) => `oauth_signature="${c === 'A' ? 'B' : 'A'}`,
      );
    const response = await signedFetch(sandbox.url, asDemo({ path: '/12/accounts', editHeader }));
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({
      errors: [
        { code: 'UNAUTHORIZED_ACCESS', message: 'This request is not properly authenticated' },
      ],
      request: { params: {} },
    });
  });

  it('refuses a replayed nonce', async () => {
    const init = asDemo({ path: '/12/accounts', nonce: 'replayed-nonce-0123456789abcdef' });
    expect((await signedFetch(sandbox.url, init)).status).toBe(200);
    const replay = await signedFetch(sandbox.url, init);
    expect(replay.status).toBe(401);
    expect(await errorCode(replay)).toBe('UNAUTHORIZED_ACCESS');
  });

  it('refuses a timestamp more than five minutes off', async () => {
    const timestamp = Math.floor(Date.now() / 1000) - 6 * 60;
    const response = await signedFetch(sandbox.url, asDemo({ path: '/12/accounts', timestamp }));
    expect(response.status).toBe(401);
  });

  it('refuses a wrong consumer key, a wrong consumer secret and an unknown token', async () => {
    const wrongKey = asDemo({
      path: '/12/accounts',
      consumer: { key: 'other', secret: sandbox.consumer.secret },
    });
    const wrongSecret = asDemo({
      path: '/12/accounts',
      consumer: { key: sandbox.consumer.key, secret: 'x' },
    });
    const unknownToken = asDemo({ path: '/12/accounts', token: { key: '1-unknown', secret: 'x' } });
    for (const init of [wrongKey, wrongSecret, unknownToken]) {
      expect((await signedFetch(sandbox.url, init)).status).toBe(401);
    }
  });

  it('refuses a request without an Authorization header', async () => {
    const response = await fetch(`${sandbox.url}/12/accounts`);
    expect(response.status).toBe(401);
    expect(await errorCode(response)).toBe('UNAUTHORIZED_ACCESS');
  });

  it('refuses a signature method other than HMAC-SHA1', async () => {
    const editHeader = (h: string) => h.replace('HMAC-SHA1', 'PLAINTEXT');
    const response = await signedFetch(sandbox.url, asDemo({ path: '/12/accounts', editHeader }));
    expect(response.status).toBe(401);
  });

  it("refuses a revoked token and keeps answering other personas' tokens", async () => {
    const local = await startSandbox();
    try {
      const analyst = local.persona('analyst');
      const init: SignedRequestInit = {
        path: '/12/accounts',
        consumer: local.consumer,
        token: { key: analyst.token, secret: analyst.tokenSecret },
      };
      expect((await signedFetch(local.url, init)).status).toBe(200);
      local.revokeToken(analyst.token);
      expect((await signedFetch(local.url, init)).status).toBe(401);
      const demo = local.defaultPersona;
      const other = { ...init, token: { key: demo.token, secret: demo.tokenSecret } };
      expect((await signedFetch(local.url, other)).status).toBe(200);
    } finally {
      await local.close();
    }
  });

  it('verifies values with reserved and non-ASCII characters and comma-joined ids', async () => {
    const q = "Nor!*'() ,+/=~:é";
    const response = await signedFetch(
      sandbox.url,
      asDemo({
        path: '/12/accounts',
        query: { q, account_ids: '18ce54d4x5t,gq12fh', with_deleted: 'true' },
      }),
    );
    expect(response.status).toBe(200);
    const body = (await response.json()) as { request: { params: Record<string, unknown> } };
    expect(body.request.params).toEqual({
      q,
      account_ids: ['18ce54d4x5t', 'gq12fh'],
      with_deleted: true,
    });
  });

  it('counts refused requests under their endpoint', async () => {
    const before = sandbox.calls.count('account', 'gq12fh');
    await fetch(`${sandbox.url}/12/accounts/gq12fh`);
    expect(sandbox.calls.count('account', 'gq12fh')).toBe(before + 1);
  });
});

describe('sandbox without signature checks', () => {
  it('answers as the default persona, or as the persona whose token the header names', async () => {
    const local = await startSandbox({ checkSignatures: false });
    try {
      const plain = await fetch(`${local.url}/12/accounts/gq12fh/authenticated_user_access`);
      expect(((await plain.json()) as { data: { user_id: string } }).data.user_id).toBe(
        '1000000001',
      );
      const analyst = local.persona('analyst');
      const named = await fetch(`${local.url}/12/accounts/acme1/authenticated_user_access`, {
        headers: { authorization: `OAuth oauth_token="${analyst.token}"` },
      });
      expect(await named.json()).toMatchObject({
        data: { user_id: '1000000004', permissions: ['CAMPAIGN_ANALYST'] },
      });
    } finally {
      await local.close();
    }
  });
});
