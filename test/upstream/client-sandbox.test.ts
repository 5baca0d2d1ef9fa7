import { createServer } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSandbox, type Persona, type Sandbox } from '../../src/sandbox/index.js';
import type { AdsApi, CallTarget } from '../../src/upstream/ads-api.js';
import { createAdsClient, type AdsClientOptions } from '../../src/upstream/client.js';
import {
  UpstreamBadResponseError,
  UpstreamHttpError,
  UpstreamNetworkError,
  UpstreamRateLimitedError,
  UpstreamTimeoutError,
  UpstreamTokenRejectedError,
} from '../../src/upstream/errors.js';
import type { AccountId, AdAccount, ResponseMeta, UserToken } from '../../src/upstream/types.js';

let sandbox: Sandbox;
let demo: UserToken;

function tokenOf(persona: Persona): UserToken {
  return { token: persona.token, secret: persona.tokenSecret };
}

function id(value: string): AccountId {
  return value as AccountId;
}

function client(extra: Partial<AdsClientOptions> = {}): AdsApi {
  return createAdsClient({
    baseUrl: sandbox.url,
    version: sandbox.version,
    consumerKey: sandbox.consumer.key,
    consumerSecret: sandbox.consumer.secret,
    timeoutMs: 2000,
    retryBaseMs: 5,
    ...extra,
  });
}

/** Resolves with the rejection reason; fails the test when the promise resolves. */
async function failure(promise: Promise<unknown>): Promise<Error> {
  const outcome = await promise.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
  if (!('error' in outcome)) throw new Error('expected a rejection, got a value');
  expect(outcome.error).toBeInstanceOf(Error);
  return outcome.error as Error;
}

/** A fetch that counts the attempts made through it. */
function countingFetch(): { fetch: typeof globalThis.fetch; attempts: () => number } {
  let attempts = 0;
  return {
    fetch: (input, init) => {
      attempts += 1;
      return globalThis.fetch(input, init);
    },
    attempts: () => attempts,
  };
}

beforeAll(async () => {
  sandbox = await startSandbox();
  demo = tokenOf(sandbox.persona('demo'));
});

afterAll(async () => {
  await sandbox.close();
});

beforeEach(() => {
  sandbox.faults.clear();
  sandbox.calls.reset();
  sandbox.resetRateLimits();
});

describe('signed requests against an independent verifier (O2)', () => {
  it('signs q values with reserved characters and non-ASCII text', async () => {
    const api = client();
    for (const q of ["!*'() ,+/=~:", 'Café ☃ 北京 😀', 'a+b c%20d&e=f#g?h']) {
      const page = await api.listAccounts(demo, { q });
      expect(page.meta.status).toBe(200);
      expect(page.data).toEqual([]);
    }
    expect(sandbox.calls.count('accounts')).toBe(3);
  });

  it('finds accounts by a case-insensitive name prefix', async () => {
    const page = await client().listAccounts(demo, { q: 'northwind co' });
    expect(page.data.map((account) => account.id)).toEqual(['18ce54d4x5t']);
  });

  it('signs comma-joined id lists and returns only the ids asked for', async () => {
    const ids = ['18ce54d4x5t', 'gq12fh', 'hkk5'].map(id);
    const page = await client().listAccounts(demo, { accountIds: ids });
    expect(page.data.map((account) => account.id).sort()).toEqual([
      '18ce54d4x5t',
      'gq12fh',
      'hkk5',
    ]);
    expect(page.nextCursor).toBeNull();
    expect(sandbox.calls.count('accounts')).toBe(1);
  });
});

describe('reads and decoding', () => {
  it('reads one account, deleted ones included', async () => {
    const read = await client().getAccount(demo, id('dead1'));
    expect(read.data).toMatchObject({ id: 'dead1', name: 'Old Campaigns Ltd', deleted: true });
    expect(read.data.createdAt).toBeInstanceOf(Date);
    expect(sandbox.calls.count('account', 'dead1')).toBe(1);
  });

  it("reads the token user's permissions on an account", async () => {
    const read = await client().getAuthenticatedUserAccess(demo, id('18ce54d4x5t'));
    expect(read.data).toEqual({
      userId: '1000000001',
      permissions: ['ACCOUNT_ADMIN', 'TWEET_COMPOSER'],
      unknownPermissions: [],
    });
  });

  it('reads promotable users with the FULL one', async () => {
    const page = await client().listPromotableUsers(demo, id('gq180y'));
    const full = page.data.filter((user) => user.type === 'FULL');
    expect(full.map((user) => user.userId)).toEqual(['1000000103']);
    expect(page.data.length).toBeGreaterThan(1);
  });

  it('reads the feature keys of an account', async () => {
    const read = await client().getAccountFeatures(demo, id('18ce54d4x5t'));
    expect(read.data.length).toBeGreaterThan(0);
    expect(read.data.every((key) => /^[A-Z_]+$/.test(key))).toBe(true);
  });

  it('decodes a numeric user_id, an unknown permission and an extra field (R15)', async () => {
    sandbox.faults.add({
      endpoint: 'authenticated_user_access',
      status: 200,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        data: { user_id: 1000000001, permissions: ['AD_MANAGER', 'MEDIA_WIZARD'], note: 'x' },
        data_type: 'user_access',
        request: { params: { account_id: 'gq12fh' } },
        surprise: { nested: true },
      }),
    });
    const read = await client().getAuthenticatedUserAccess(demo, id('gq12fh'));
    expect(read.data).toEqual({
      userId: '1000000001',
      permissions: ['AD_MANAGER'],
      unknownPermissions: ['MEDIA_WIZARD'],
    });
  });

  it('answers 404 NOT_FOUND for an account the user cannot reach', async () => {
    const error = await failure(client().getAuthenticatedUserAccess(demo, id('acme1')));
    expect(error).toBeInstanceOf(UpstreamHttpError);
    expect((error as UpstreamHttpError).status).toBe(404);
    expect((error as UpstreamHttpError).errors[0]?.code).toBe('NOT_FOUND');
    expect(sandbox.calls.count('authenticated_user_access')).toBe(1);
  });
});

describe('listing accounts', () => {
  it('splits 450 ids into 3 parallel calls of at most 200 and merges them', async () => {
    const agency = sandbox.persona('agency');
    const ids = agency.accountIds.map(id);
    expect(ids).toHaveLength(450);
    const page = await client().listAccounts(tokenOf(agency), { accountIds: ids });
    expect(page.data).toHaveLength(450);
    expect(new Set(page.data.map((account) => account.id))).toEqual(new Set(ids));
    expect(sandbox.calls.count('accounts')).toBe(3);
  });

  it('leaves out ids the user cannot reach without extra calls (R10)', async () => {
    const ids = ['gq12fh', 'acme1', 'zz999', 'hkk5'].map(id);
    const page = await client().listAccounts(demo, { accountIds: ids });
    expect(page.data.map((account) => account.id).sort()).toEqual(['gq12fh', 'hkk5']);
    expect(sandbox.calls.count('accounts')).toBe(1);
  });

  it('surfaces next_cursor and follows it to the end (R11)', async () => {
    const api = client();
    const seen: AdAccount[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await api.listAccounts(demo, { count: 4, withDeleted: true, cursor });
      seen.push(...page.data);
      pages += 1;
      if (page.nextCursor !== null) expect(page.data).toHaveLength(4);
      cursor = page.nextCursor ?? undefined;
    } while (cursor !== undefined && pages < 10);

    expect(cursor).toBeUndefined();
    const expected = sandbox.persona('demo').accountIds;
    expect(seen.map((account) => account.id).sort()).toEqual([...expected].sort());
    expect(pages).toBe(Math.ceil(expected.length / 4));
    expect(sandbox.calls.count('accounts')).toBe(pages);
  });

  it('surfaces total_count when asked', async () => {
    const page = await client().listAccounts(demo, { count: 2, withTotalCount: true });
    expect(page.totalCount).toBeGreaterThanOrEqual(page.data.length);
    expect(page.nextCursor).not.toBeNull();
  });
});

describe('response metadata', () => {
  it('exposes rate-limit headers with their scope and x-access-level', async () => {
    const targets: CallTarget[] = [];
    const metas: ResponseMeta[] = [];
    const api = client({ onResponse: (target, meta) => (targets.push(target), metas.push(meta)) });

    const features = await api.getAccountFeatures(demo, id('gq12fh'));
    expect(features.meta.status).toBe(200);
    expect(features.meta.accessLevel).toBe('read-write');
    expect(features.meta.rateLimit).toMatchObject({
      scope: 'account',
      limit: 2000,
      remaining: 1999,
    });
    expect(features.meta.rateLimit?.resetAt.getTime()).toBeGreaterThan(Date.now());

    const accounts = await api.listAccounts(demo, {});
    expect(accounts.meta.rateLimit).toMatchObject({ scope: 'user', remaining: 1999 });

    expect(targets).toEqual([
      { token: demo.token, endpoint: 'features', accountId: 'gq12fh' },
      { token: demo.token, endpoint: 'accounts', accountId: null },
    ]);
    expect(metas).toEqual([features.meta, accounts.meta]);
  });

  it('reports x-access-level read for a read-only token', async () => {
    const readonly = tokenOf(sandbox.persona('readonly'));
    const read = await client().getAuthenticatedUserAccess(readonly, id('rdo1'));
    expect(read.meta.accessLevel).toBe('read');
  });
});

describe('failures', () => {
  it('retries one 500 and one 503 once each, then succeeds (R4)', async () => {
    let attempts = 0;
    const api = client({ beforeRequest: () => void (attempts += 1) });
    for (const status of [500, 503]) {
      sandbox.calls.reset();
      attempts = 0;
      sandbox.faults.add({ endpoint: 'features', status, times: 1 });
      const read = await api.getAccountFeatures(demo, id('gq12fh'));
      expect(read.meta.status).toBe(200);
      expect(sandbox.calls.count('features')).toBe(2);
      expect(attempts).toBe(2);
    }
  });

  it('gives up after maxRetries on a sustained 503 and keeps the envelope', async () => {
    sandbox.faults.add({ endpoint: 'features', status: 503 });
    const error = await failure(client({ maxRetries: 2 }).getAccountFeatures(demo, id('gq12fh')));
    expect(error).toBeInstanceOf(UpstreamHttpError);
    expect((error as UpstreamHttpError).status).toBe(503);
    expect((error as UpstreamHttpError).errors[0]?.code).toBe('SERVICE_UNAVAILABLE');
    expect((error as UpstreamHttpError).meta?.status).toBe(503);
    expect(sandbox.calls.count('features')).toBe(3);
  });

  it('does not retry a 401 and never shows the secret (token rejected)', async () => {
    const wrong = { token: demo.token, secret: 'not-the-secret' };
    const error = await failure(client().getAuthenticatedUserAccess(wrong, id('gq12fh')));
    expect(error).toBeInstanceOf(UpstreamTokenRejectedError);
    expect((error as UpstreamTokenRejectedError).status).toBe(401);
    expect((error as UpstreamTokenRejectedError).errors[0]?.code).toBe('UNAUTHORIZED_ACCESS');
    expect(error.message).not.toContain('not-the-secret');
    expect(error.message).not.toContain(sandbox.consumer.secret);
    expect(sandbox.calls.count('authenticated_user_access')).toBe(1);
  });

  it('does not retry a 429 and takes resetAt from the account header first', async () => {
    const accountReset = new Date(Math.ceil(Date.now() / 1000) * 1000 + 600_000);
    sandbox.faults.add({
      endpoint: 'authenticated_user_access',
      rateLimited: { resetAt: accountReset },
    });
    const api = client();
    const first = await failure(api.getAuthenticatedUserAccess(demo, id('gq12fh')));
    expect(first).toBeInstanceOf(UpstreamRateLimitedError);
    expect((first as UpstreamRateLimitedError).resetAt).toEqual(accountReset);
    expect((first as UpstreamRateLimitedError).errors[0]?.code).toBe('TOO_MANY_REQUESTS');
    expect(sandbox.calls.count('authenticated_user_access')).toBe(1);

    sandbox.faults.clear();
    sandbox.faults.add({
      endpoint: 'features',
      status: 429,
      headers: { 'x-account-rate-limit-reset': '2000000100', 'x-rate-limit-reset': '2000000200' },
    });
    const second = await failure(api.getAccountFeatures(demo, id('gq12fh')));
    expect((second as UpstreamRateLimitedError).resetAt).toEqual(new Date(2_000_000_100_000));
    expect(sandbox.calls.count('features')).toBe(1);
  });

  it('answers 429 once the sandbox budget is spent, without a retry', async () => {
    const small = await startSandbox({ rateLimits: { features: 1 } });
    try {
      const api = createAdsClient({
        baseUrl: small.url,
        version: small.version,
        consumerKey: small.consumer.key,
        consumerSecret: small.consumer.secret,
      });
      const token = tokenOf(small.persona('demo'));
      const ok = await api.getAccountFeatures(token, id('gq12fh'));
      expect(ok.meta.rateLimit?.remaining).toBe(0);
      const error = await failure(api.getAccountFeatures(token, id('gq12fh')));
      expect(error).toBeInstanceOf(UpstreamRateLimitedError);
      expect((error as UpstreamRateLimitedError).meta?.rateLimit?.remaining).toBe(0);
      expect(small.calls.count('features')).toBe(2);
    } finally {
      await small.close();
    }
  });

  it('times out a hanging call and retries it once at most (R6)', async () => {
    sandbox.faults.add({ endpoint: 'features', hang: true });
    const error = await failure(
      client({ timeoutMs: 150, maxRetries: 2 }).getAccountFeatures(demo, id('gq12fh')),
    );
    expect(error).toBeInstanceOf(UpstreamTimeoutError);
    expect(error.message).toContain('timed out');
    expect(error.cause).toBeDefined();
    expect(sandbox.calls.count('features')).toBe(2);
  });

  it('times out a body that trickles past the limit (R7)', async () => {
    sandbox.faults.add({ endpoint: 'accounts', slowBody: { chunkDelayMs: 100 } });
    const agency = tokenOf(sandbox.persona('agency'));
    const error = await failure(
      client({ timeoutMs: 300, maxRetries: 0 }).listAccounts(agency, { count: 200 }),
    );
    expect(error).toBeInstanceOf(UpstreamTimeoutError);
    expect(sandbox.calls.count('accounts')).toBe(1);
  });

  it('retries a refused connection once, then fails with a network error (R8)', async () => {
    const port = await freePort();
    const counting = countingFetch();
    const api = createAdsClient({
      baseUrl: `http://127.0.0.1:${port}`,
      version: '12',
      consumerKey: 'ck',
      consumerSecret: 'cs',
      retryBaseMs: 5,
      fetch: counting.fetch,
    });
    const error = await failure(api.getAccountFeatures(demo, id('gq12fh')));
    expect(error).toBeInstanceOf(UpstreamNetworkError);
    expect(error.message).toContain('ECONNREFUSED');
    expect(error.cause).toBeDefined();
    expect(counting.attempts()).toBe(2);
  });

  it('retries a reset connection once, then fails with a network error (R8)', async () => {
    sandbox.faults.add({ endpoint: 'features', reset: true });
    const error = await failure(client().getAccountFeatures(demo, id('gq12fh')));
    expect(error).toBeInstanceOf(UpstreamNetworkError);
    expect(sandbox.calls.count('features')).toBe(2);
  });

  it('recovers when a reset happens once', async () => {
    sandbox.faults.add({ endpoint: 'features', reset: true, times: 1 });
    const read = await client().getAccountFeatures(demo, id('gq12fh'));
    expect(read.meta.status).toBe(200);
    expect(sandbox.calls.count('features')).toBe(2);
  });

  it('refuses an HTML page and broken JSON without retrying (R9)', async () => {
    const api = client();
    sandbox.faults.add({
      endpoint: 'features',
      times: 1,
      status: 200,
      headers: { 'content-type': 'text/html' },
      body: '<html><body>Over capacity</body></html>',
    });
    const html = await failure(api.getAccountFeatures(demo, id('gq12fh')));
    expect(html).toBeInstanceOf(UpstreamBadResponseError);
    expect(html.message).toContain('HTML');

    sandbox.faults.add({
      endpoint: 'features',
      times: 1,
      status: 200,
      headers: { 'content-type': 'application/json' },
      body: '{"data": ["CITY_TARGETING",',
    });
    const broken = await failure(api.getAccountFeatures(demo, id('gq12fh')));
    expect(broken).toBeInstanceOf(UpstreamBadResponseError);
    expect(broken.cause).toBeInstanceOf(SyntaxError);
    expect(sandbox.calls.count('features')).toBe(2);
  });

  it('keeps an HTML 502 as an HTTP error with an empty envelope', async () => {
    sandbox.faults.add({
      endpoint: 'features',
      status: 502,
      headers: { 'content-type': 'text/html' },
      body: '<html>Bad gateway</html>',
    });
    const error = await failure(client({ maxRetries: 0 }).getAccountFeatures(demo, id('gq12fh')));
    expect(error).toBeInstanceOf(UpstreamHttpError);
    expect((error as UpstreamHttpError).errors).toEqual([]);
  });

  it('starts no retry that cannot finish before the deadline', async () => {
    sandbox.faults.add({ endpoint: 'features', hang: true });
    const api = client({ timeoutMs: 200, maxRetries: 2 });
    const error = await failure(
      api.getAccountFeatures(demo, id('gq12fh'), { deadline: Date.now() + 300 }),
    );
    expect(error).toBeInstanceOf(UpstreamTimeoutError);
    expect(sandbox.calls.count('features')).toBe(1);
  });

  it('cuts the attempt at the deadline when it comes before the timeout', async () => {
    sandbox.faults.add({ endpoint: 'features', hang: true });
    const api = client({ timeoutMs: 5000, maxRetries: 2 });
    const error = await failure(
      api.getAccountFeatures(demo, id('gq12fh'), { deadline: Date.now() + 150 }),
    );
    expect(error).toBeInstanceOf(UpstreamTimeoutError);
    expect(sandbox.calls.count('features')).toBe(1);
  });

  it("turns the caller's abort into a timeout error that says aborted", async () => {
    sandbox.faults.add({ endpoint: 'features', hang: true });
    const controller = new AbortController();
    const pending = client().getAccountFeatures(demo, id('gq12fh'), { signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    const error = await failure(pending);
    expect(error).toBeInstanceOf(UpstreamTimeoutError);
    expect(error.message).toContain('aborted');
    expect(sandbox.calls.count('features')).toBe(1);
  });

  it('makes no request when the signal is already aborted', async () => {
    const error = await failure(
      client().getAccountFeatures(demo, id('gq12fh'), { signal: AbortSignal.abort() }),
    );
    expect(error).toBeInstanceOf(UpstreamTimeoutError);
    expect(sandbox.calls.count('features')).toBe(0);
  });

  it('reports the metadata of a failed answer to onResponse before rejecting', async () => {
    sandbox.faults.add({ endpoint: 'features', status: 404 });
    const metas: ResponseMeta[] = [];
    const api = client({ onResponse: (_target, meta) => metas.push(meta) });
    const error = await failure(api.getAccountFeatures(demo, id('gq12fh')));
    expect(metas.map((meta) => meta.status)).toEqual([404]);
    expect((error as UpstreamHttpError).meta).toBe(metas[0]);
  });
});

/** A local port with nothing listening on it. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}
