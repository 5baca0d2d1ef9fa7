import { afterEach, describe, expect, it } from 'vitest';
import {
  cell,
  MATRIX_BY_IDS,
  startTestService,
  type MatrixAccount,
  type TestService,
  type TestServiceOptions,
} from '../support/test-service.js';

const DEMO_LIVE = ['18ce54d4x5t', '18ce54ayf0z', 'gq12fh', 'gq180y', '2iqph', 'hkk5', 'abc1'];
/** Every cached fact is immediately past its lifetime but may still be served stale. */
const ALWAYS_STALE = {
  CACHE_TTL_ACCOUNTS_SECONDS: '0',
  CACHE_TTL_ACCESS_SECONDS: '0',
  CACHE_TTL_PROMOTABLE_USERS_SECONDS: '0',
  CACHE_TTL_FEATURES_SECONDS: '0',
};
const TEN_MINUTES = 10 * 60_000;

let service: TestService | null = null;
afterEach(async () => {
  await service?.close();
  service = null;
});

async function start(options: TestServiceOptions = {}): Promise<TestService> {
  service = await startTestService(options);
  return service;
}

async function matrix(target: TestService, ids: string[], persona = 'demo') {
  const body = await target.graphql(MATRIX_BY_IDS, { variables: { ids }, persona });
  return { body, accounts: (body.data?.['adAccounts'] ?? []) as Array<MatrixAccount | null> };
}

/** Settles pending background refreshes. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 50));

describe('upstream rate limits and faults, seen through GraphQL', () => {
  it("R1: a 429 on one account's permissions gives UNKNOWN there, answers the rest, and is not asked again before the reset", async () => {
    const svc = await start();
    const resetAt = new Date(Date.now() + TEN_MINUTES);
    svc.sandbox.faults.add({
      endpoint: 'authenticated_user_access',
      accountId: 'hkk5',
      rateLimited: { resetAt },
    });

    for (let round = 0; round < 3; round += 1) {
      const { accounts } = await matrix(svc, DEMO_LIVE);
      const unknown = cell(accounts, 'hkk5', 'VIEW_ORGANIC_ANALYTICS');
      expect(unknown).toMatchObject({ status: 'UNKNOWN', errorCode: 'UPSTREAM_RATE_LIMITED' });
      expect(Math.abs(Date.parse(unknown.retryAfter ?? '') - resetAt.getTime())).toBeLessThan(1000);
      expect(cell(accounts, '2iqph', 'VIEW_CAMPAIGN_ANALYTICS').status).toBe('ALLOWED');
    }
    expect(svc.sandbox.calls.count('authenticated_user_access', 'hkk5')).toBe(1);
  });

  it('R2: a 429 on GET accounts with nothing cached answers UPSTREAM_RATE_LIMITED with retryAfter, once', async () => {
    const svc = await start();
    const resetAt = new Date(Date.now() + TEN_MINUTES);
    svc.sandbox.faults.add({ endpoint: 'accounts', rateLimited: { resetAt } });

    const byIds = await matrix(svc, ['18ce54d4x5t', '2iqph']);
    expect(byIds.accounts).toEqual([null, null]);
    expect(byIds.body.errors?.map((error) => error.extensions?.code)).toEqual([
      'UPSTREAM_RATE_LIMITED',
      'UPSTREAM_RATE_LIMITED',
    ]);
    const retryAfter = String(byIds.body.errors?.[0]?.extensions?.['retryAfter']);
    expect(Math.abs(Date.parse(retryAfter) - resetAt.getTime())).toBeLessThan(1000);

    const listed = await svc.graphql('{ me { adAccounts { nodes { id } } } }', { persona: 'demo' });
    expect(listed.errors?.[0]?.extensions?.code).toBe('UPSTREAM_RATE_LIMITED');
    expect(svc.sandbox.calls.count('accounts')).toBe(1);
  });

  it('R2: a 429 on GET accounts with the accounts cached answers from the stale cache', async () => {
    const svc = await start({ env: ALWAYS_STALE });
    const warm = await matrix(svc, DEMO_LIVE);
    expect(warm.body.errors).toBeUndefined();
    await settle();
    svc.sandbox.faults.add({ rateLimited: { resetAt: new Date(Date.now() + TEN_MINUTES) } });
    svc.sandbox.calls.reset();

    const { body, accounts } = await matrix(svc, DEMO_LIVE);
    expect(body.errors).toBeUndefined();
    expect(accounts.map((account) => account?.id)).toEqual(DEMO_LIVE);
    expect(cell(accounts, '2iqph', 'CONVERSION_API')).toMatchObject({
      status: 'DENIED',
      source: 'CACHED',
    });
    await settle();
    const again = await matrix(svc, DEMO_LIVE);
    expect(again.body.errors).toBeUndefined();
    await settle();
    // One refresh attempt per fact at most: the 429s close those keys until the reset.
    expect(svc.sandbox.calls.count()).toBeLessThanOrEqual(1 + DEMO_LIVE.length + 2);
    const before = svc.sandbox.calls.count();
    await matrix(svc, DEMO_LIVE);
    await settle();
    expect(svc.sandbox.calls.count()).toBe(before);
  });

  it('R3: when X says the budget is nearly spent the service answers from cache and sends nothing', async () => {
    const svc = await start({
      env: ALWAYS_STALE,
      sandbox: { rateLimits: { authenticated_user_access: 3 } },
    });
    const first = await matrix(svc, ['2iqph']);
    expect(cell(first.accounts, '2iqph', 'VIEW_CAMPAIGN_ANALYTICS').status).toBe('ALLOWED');
    await settle();
    for (let round = 0; round < 4; round += 1) {
      const { accounts } = await matrix(svc, ['2iqph']);
      expect(cell(accounts, '2iqph', 'VIEW_CAMPAIGN_ANALYTICS')).toMatchObject({
        status: 'ALLOWED',
        source: 'CACHED',
        stale: true,
      });
      await settle();
    }
    // Two remaining is the reserve: the first answer leaves 2, so no second call goes out.
    expect(svc.sandbox.calls.count('authenticated_user_access', '2iqph')).toBe(1);
  });

  it('R5: sustained 503s stop reaching X once the breaker opens; answers come back UNKNOWN', async () => {
    const svc = await start({ upstreamRetries: 0 });
    await matrix(svc, DEMO_LIVE); // accounts cached; permissions too
    svc.services.cache.invalidate('u:1000000001');
    svc.sandbox.faults.add({ endpoint: 'authenticated_user_access', status: 503 });
    svc.sandbox.calls.reset();

    const failing = await matrix(svc, DEMO_LIVE);
    expect(cell(failing.accounts, '18ce54d4x5t', 'MANAGE_CAMPAIGNS').errorCode).toBe(
      'UPSTREAM_UNAVAILABLE',
    );
    const afterFirst = svc.sandbox.calls.count('authenticated_user_access');
    expect(afterFirst).toBe(DEMO_LIVE.length);

    const refused = await matrix(svc, DEMO_LIVE);
    for (const id of DEMO_LIVE) {
      expect(cell(refused.accounts, id, 'MANAGE_CAMPAIGNS')).toMatchObject({
        status: 'UNKNOWN',
        blockedBy: ['UPSTREAM'],
        errorCode: 'UPSTREAM_UNAVAILABLE',
      });
    }
    expect(svc.sandbox.calls.count('authenticated_user_access')).toBe(afterFirst);
  });

  it('R13: 50 identical cold queries at once cost what one query costs', async () => {
    const svc = await start();
    const results = await Promise.all(Array.from({ length: 50 }, () => matrix(svc, DEMO_LIVE)));
    for (const { body } of results) expect(body.errors).toBeUndefined();
    expect(svc.sandbox.calls.snapshot()).toMatchObject({
      accounts: 1,
      authenticated_user_access: 7,
      promotable_users: 2,
      features: 0,
    });
  });

  it('R14: two users on one account each see their own role; the cache never mixes them', async () => {
    const svc = await start();
    const admin = await matrix(svc, ['acme1'], 'advertiser');
    const analyst = await matrix(svc, ['acme1'], 'analyst');
    const adminAgain = await matrix(svc, ['acme1'], 'advertiser');
    expect(admin.accounts[0]?.access?.role).toBe('ACCOUNT_ADMIN');
    expect(analyst.accounts[0]?.access?.role).toBe('CAMPAIGN_ANALYST');
    expect(adminAgain.accounts[0]?.access?.role).toBe('ACCOUNT_ADMIN');
    expect(cell(admin.accounts, 'acme1', 'MANAGE_CAMPAIGNS').status).toBe('ALLOWED');
    expect(cell(analyst.accounts, 'acme1', 'MANAGE_CAMPAIGNS').status).toBe('DENIED');
    expect(svc.sandbox.calls.count('authenticated_user_access', 'acme1')).toBe(2);
  });

  it('F5: with X answering 429 for the whole run, every warm page load is still answered', async () => {
    const svc = await start({ env: ALWAYS_STALE });
    await matrix(svc, DEMO_LIVE);
    await settle();
    svc.sandbox.faults.add({ rateLimited: { resetAt: new Date(Date.now() + TEN_MINUTES) } });
    await matrix(svc, DEMO_LIVE); // the refreshes meet the 429s and close their keys
    await settle();
    const opened = svc.sandbox.calls.count();

    for (let load = 0; load < 20; load += 1) {
      const { body, accounts } = await matrix(svc, DEMO_LIVE);
      expect(body.errors).toBeUndefined();
      expect(
        accounts.every((account) => account !== null && account.capabilities.length === 9),
      ).toBe(true);
    }
    await settle();
    expect(svc.sandbox.calls.count()).toBe(opened);
  });
});
