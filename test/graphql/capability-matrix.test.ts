import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  cell,
  MATRIX_BY_IDS,
  startTestService,
  type MatrixAccount,
  type TestService,
} from '../support/test-service.js';

const DEMO_LIVE = ['18ce54d4x5t', '18ce54ayf0z', 'gq12fh', 'gq180y', '2iqph', 'hkk5', 'abc1'];

let service: TestService;
beforeAll(async () => {
  service = await startTestService();
});
afterAll(async () => service.close());
beforeEach(() => {
  service.sandbox.calls.reset();
  service.sandbox.faults.clear();
  service.services.cache.purgeUser('u:1000000001');
});

async function matrix(ids: string[], persona = 'demo'): Promise<Array<MatrixAccount | null>> {
  const body = await service.graphql(MATRIX_BY_IDS, { variables: { ids }, persona });
  expect(body.errors).toBeUndefined();
  return (body.data?.['adAccounts'] ?? []) as Array<MatrixAccount | null>;
}

describe('capability answers for the sandbox personas', () => {
  it('allows Promoted-only posts and the Conversion API to an account admin with TWEET_COMPOSER', async () => {
    const accounts = await matrix(['18ce54d4x5t']);
    expect(accounts[0]?.access).toEqual({
      role: 'ACCOUNT_ADMIN',
      permissions: ['ACCOUNT_ADMIN', 'TWEET_COMPOSER'],
      tweetComposer: true,
    });
    expect(cell(accounts, '18ce54d4x5t', 'PROMOTED_ONLY_POSTS').status).toBe('ALLOWED');
    expect(cell(accounts, '18ce54d4x5t', 'CONVERSION_API').status).toBe('ALLOWED');
    expect(cell(accounts, '18ce54d4x5t', 'MANAGE_ACCOUNT_USERS').allowed).toBe(true);
  });

  it("denies Promoted-only posts to an ad manager without TWEET_COMPOSER on someone else's account", async () => {
    const accounts = await matrix(['18ce54ayf0z']);
    const posts = cell(accounts, '18ce54ayf0z', 'PROMOTED_ONLY_POSTS');
    expect(posts).toMatchObject({
      status: 'DENIED',
      allowed: false,
      blockedBy: ['TWEET_COMPOSER'],
    });
    expect(posts.grantedBy).toEqual(['TWEET_COMPOSER']);
    expect(posts.reason).toContain('TWEET_COMPOSER');
    expect(cell(accounts, '18ce54ayf0z', 'CONVERSION_API').status).toBe('ALLOWED');
    expect(cell(accounts, '18ce54ayf0z', 'MANAGE_ACCOUNT_USERS')).toMatchObject({
      status: 'DENIED',
      blockedBy: ['ROLE'],
      grantedBy: ['ACCOUNT_ADMIN'],
    });
  });

  it('denies the Conversion API to a campaign analyst, naming the roles that grant it', async () => {
    const accounts = await matrix(['2iqph']);
    const conversions = cell(accounts, '2iqph', 'CONVERSION_API');
    expect(conversions).toMatchObject({
      status: 'DENIED',
      blockedBy: ['ROLE'],
      grantedBy: ['ACCOUNT_ADMIN', 'AD_MANAGER'],
      reason: 'Requires Account administrator or Ad manager; you are Campaign analyst.',
    });
    expect(cell(accounts, '2iqph', 'VIEW_CAMPAIGN_ANALYTICS').status).toBe('ALLOWED');
  });

  it('allows Promoted-only posts to an ad manager who owns the account, as an ADVERTISER token', async () => {
    const body = await service.graphql(
      `{ adAccount(id: "gq12fh") { access { role tokenKind tweetComposer }
         capability(feature: PROMOTED_ONLY_POSTS) { status blockedBy } } }`,
      { persona: 'demo' },
    );
    expect(body.errors).toBeUndefined();
    expect(body.data?.['adAccount']).toEqual({
      access: { role: 'AD_MANAGER', tokenKind: 'ADVERTISER', tweetComposer: false },
      capability: { status: 'ALLOWED', blockedBy: [] },
    });
  });

  it('denies features that change a deleted or unapproved account with the ACCOUNT_STATE gate', async () => {
    const accounts = await matrix(['dead1', 'pend1']);
    expect(accounts.map((account) => account?.id)).toEqual(['dead1', 'pend1']);
    expect(cell(accounts, 'dead1', 'MANAGE_CAMPAIGNS').blockedBy).toEqual(['ACCOUNT_STATE']);
    expect(cell(accounts, 'pend1', 'PROMOTED_ONLY_POSTS')).toMatchObject({
      status: 'DENIED',
      blockedBy: ['ACCOUNT_STATE'],
    });
    expect(cell(accounts, 'pend1', 'VIEW_CAMPAIGN_ANALYTICS').status).toBe('ALLOWED');
  });

  it('denies every write feature to a read-only token with the APP_ACCESS gate', async () => {
    const accounts = await matrix(['rdo1'], 'readonly');
    expect(cell(accounts, 'rdo1', 'MANAGE_CAMPAIGNS').blockedBy).toEqual(['APP_ACCESS']);
    expect(cell(accounts, 'rdo1', 'PROMOTED_ONLY_POSTS').blockedBy).toEqual(['APP_ACCESS']);
    expect(cell(accounts, 'rdo1', 'VIEW_CAMPAIGN_ANALYTICS').status).toBe('ALLOWED');
  });

  it('answers UNKNOWN with retryAfter for a rate-limited account while the others resolve', async () => {
    // Its own service: the rate-limit budget remembers the 429 until the reset.
    const own = await startTestService();
    const resetAt = new Date(Date.now() + 10 * 60_000);
    own.sandbox.faults.add({
      endpoint: 'authenticated_user_access',
      accountId: '2iqph',
      rateLimited: { resetAt },
    });
    const body = await own.graphql(MATRIX_BY_IDS, {
      variables: { ids: ['18ce54d4x5t', '2iqph'] },
      persona: 'demo',
    });
    const accounts = body.data?.['adAccounts'] as MatrixAccount[];
    const unknown = cell(accounts, '2iqph', 'CONVERSION_API');
    expect(unknown).toMatchObject({
      status: 'UNKNOWN',
      allowed: false,
      blockedBy: ['UPSTREAM'],
      errorCode: 'UPSTREAM_RATE_LIMITED',
    });
    // X sends the reset in whole epoch seconds.
    expect(Math.abs(Date.parse(unknown.retryAfter ?? '') - resetAt.getTime())).toBeLessThan(1000);
    expect(accounts[1]?.access).toBeNull();
    expect(body.errors).toHaveLength(1);
    expect(body.errors?.[0]).toMatchObject({
      path: ['adAccounts', 1, 'access'],
      extensions: { code: 'UPSTREAM_RATE_LIMITED' },
    });
    expect(cell(accounts, '18ce54d4x5t', 'CONVERSION_API').status).toBe('ALLOWED');
    expect(own.sandbox.calls.count('authenticated_user_access', '2iqph')).toBe(1);
    await own.close();
  });

  it('gives null for an account the user cannot reach, without extra calls', async () => {
    const accounts = await matrix(['18ce54d4x5t', 'acme1']);
    expect(accounts[0]?.id).toBe('18ce54d4x5t');
    expect(accounts[1]).toBeNull();
    expect(service.sandbox.calls.count('accounts')).toBe(1);
  });
});

describe('the upstream cost of the capability matrix', () => {
  /** The design's lower bound for the matrix over ids: see design.md "Cost model". */
  function lowerBound(accounts: Array<MatrixAccount | null>, n: number) {
    const ownerRule = ['ACCOUNT_ADMIN', 'AD_MANAGER', 'CREATIVE_MANAGER'];
    const needOwners = accounts.filter(
      (account) =>
        account?.access &&
        !account.access.tweetComposer &&
        ownerRule.includes(account.access.role ?? ''),
    ).length;
    return {
      accounts: Math.ceil(n / 200),
      authenticated_user_access: n,
      promotable_users: needOwners,
      features: 0,
      account: 0,
    };
  }

  async function cost(ids: string[], persona: string) {
    service.sandbox.calls.reset();
    const accounts = await matrix(ids, persona);
    const calls = service.sandbox.calls.snapshot();
    return { accounts, calls };
  }

  it.each([
    ['one account', 'demo', DEMO_LIVE.slice(0, 1)],
    ['seven accounts', 'demo', DEMO_LIVE],
  ])('costs exactly the lower bound for %s', async (_label, persona, ids) => {
    const { accounts, calls } = await cost(ids, persona);
    expect(accounts.every((account) => account !== null)).toBe(true);
    const bound = lowerBound(accounts, ids.length);
    expect(calls).toMatchObject(bound);
  });

  it('costs exactly the lower bound for 450 accounts (three pages of ids)', async () => {
    const ids = service.sandbox.persona('agency').accountIds.slice(0, 450);
    expect(ids).toHaveLength(450);
    const { accounts, calls } = await cost(ids, 'agency');
    expect(accounts.filter((account) => account !== null)).toHaveLength(450);
    const bound = lowerBound(accounts, 450);
    expect(bound.promotable_users).toBeGreaterThan(0);
    expect(calls).toMatchObject(bound);
  });

  it('sends the permission reads while the account read is still outstanding when ids are given', async () => {
    service.sandbox.faults.add({ endpoint: 'accounts', delayMs: 3000, times: 1 });
    let answered = false;
    const pending = matrix(DEMO_LIVE).then((accounts) => {
      answered = true;
      return accounts;
    });
    await vi.waitFor(
      () => expect(service.sandbox.calls.count('authenticated_user_access')).toBe(7),
      { timeout: 2500, interval: 20 },
    );
    expect(answered).toBe(false);
    expect(service.sandbox.calls.count('accounts')).toBe(1);
    expect((await pending).every((account) => account !== null)).toBe(true);
  });

  it('spends nothing upstream when the same matrix is asked again within the cache lifetime', async () => {
    await cost(DEMO_LIVE, 'demo');
    const { accounts, calls } = await cost(DEMO_LIVE, 'demo');
    expect(accounts).toHaveLength(7);
    expect(Object.values(calls).reduce((sum, count) => sum + count, 0)).toBe(0);
    expect(cell(accounts, '18ce54d4x5t', 'CONVERSION_API').source).toBe('CACHED');
  });
});
