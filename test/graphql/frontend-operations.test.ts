import { print } from 'graphql';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  AccountCapabilitiesDocument,
  CapabilityMatrixDocument,
  MeDocument,
  RefreshAccessDocument,
  type CapabilityMatrixQuery,
} from '../../generated/graphql.js';
import { startTestService, type TestService } from '../support/test-service.js';

let service: TestService;
beforeAll(async () => {
  service = await startTestService();
});
afterAll(async () => service.close());
beforeEach(() => {
  service.sandbox.calls.reset();
  service.services.cache.purgeUser('u:1000000001');
  service.services.cache.purgeUser('u:1000000003');
});

describe('the generated frontend operations against the sandbox', () => {
  it("answers Me with the persona's X user id and screen name", async () => {
    const body = await service.graphql(print(MeDocument), { persona: 'demo' });
    expect(body).toEqual({ data: { me: { id: '1000000001', screenName: 'demo_marketer' } } });
  });

  it("lists the demo persona's live accounts with every capability", async () => {
    const body = await service.graphql(print(CapabilityMatrixDocument), { persona: 'demo' });
    expect(body.errors).toBeUndefined();
    const data = body.data as CapabilityMatrixQuery;
    const ids = data.me.adAccounts.nodes.map((node) => node.id).sort();
    expect(ids).toEqual([
      '18ce54ayf0z',
      '18ce54d4x5t',
      '2iqph',
      'abc1',
      'gq12fh',
      'gq180y',
      'hkk5',
      'pend1',
    ]);
    for (const node of data.me.adAccounts.nodes) expect(node.capabilities).toHaveLength(9);
    expect(data.me.adAccounts.pageInfo).toEqual({ hasNextPage: false, endCursor: null });
    // Listing costs one page of accounts, then one permission read per account.
    expect(service.sandbox.calls.count('accounts')).toBe(1);
    expect(service.sandbox.calls.count('authenticated_user_access')).toBe(8);
  });

  it("pages through the agency's 450 accounts with endCursor (R11: the cursor is never dropped)", async () => {
    const seen = new Set<string>();
    let after: string | null = null;
    let pages = 0;
    do {
      const body = await service.graphql(print(CapabilityMatrixDocument), {
        persona: 'agency',
        variables: { first: 200, after },
      });
      expect(body.errors).toBeUndefined();
      const data = body.data as CapabilityMatrixQuery;
      for (const node of data.me.adAccounts.nodes) seen.add(node.id);
      after = data.me.adAccounts.pageInfo.endCursor ?? null;
      expect(data.me.adAccounts.pageInfo.hasNextPage).toBe(after !== null);
      pages += 1;
    } while (after && pages < 10);
    expect(pages).toBe(3);
    expect(seen.size).toBe(450);
    expect(service.sandbox.calls.count('accounts')).toBe(3);
  });

  it('answers AccountCapabilities for chosen features in the order asked', async () => {
    const body = await service.graphql(print(AccountCapabilitiesDocument), {
      persona: 'demo',
      variables: { id: 'gq180y', features: ['MANAGE_CREATIVES', 'MANAGE_CAMPAIGNS'] },
    });
    expect(body.errors).toBeUndefined();
    const account = body.data?.['adAccount'] as {
      access: { role: string; tweetComposer: boolean; tokenKind: string };
      capabilities: Array<{ feature: string; status: string; grantedBy: string[] }>;
    };
    expect(account.access).toEqual({
      role: 'CREATIVE_MANAGER',
      tweetComposer: true,
      tokenKind: 'DELEGATED',
    });
    expect(account.capabilities.map((row) => [row.feature, row.status])).toEqual([
      ['MANAGE_CREATIVES', 'ALLOWED'],
      ['MANAGE_CAMPAIGNS', 'DENIED'],
    ]);
  });

  it('reads permissions from X again after RefreshAccess, and only for the accounts named', async () => {
    const query = print(AccountCapabilitiesDocument);
    await service.graphql(query, { persona: 'demo', variables: { id: '2iqph' } });
    await service.graphql(query, { persona: 'demo', variables: { id: 'hkk5' } });
    expect(service.sandbox.calls.count('authenticated_user_access')).toBe(2);

    const refreshed = await service.graphql(print(RefreshAccessDocument), {
      persona: 'demo',
      variables: { accountIds: ['2iqph'] },
    });
    expect(refreshed.data).toMatchObject({ refreshAccess: { accountIds: ['2iqph'] } });
    const forgotten = (refreshed.data?.['refreshAccess'] as { forgottenFacts: number })
      .forgottenFacts;
    expect(forgotten).toBeGreaterThanOrEqual(2);

    await service.graphql(query, { persona: 'demo', variables: { id: '2iqph' } });
    await service.graphql(query, { persona: 'demo', variables: { id: 'hkk5' } });
    expect(service.sandbox.calls.count('authenticated_user_access', '2iqph')).toBe(2);
    expect(service.sandbox.calls.count('authenticated_user_access', 'hkk5')).toBe(1);
  });

  it('refuses RefreshAccess with a malformed id before touching anything', async () => {
    const body = await service.graphql(print(RefreshAccessDocument), {
      persona: 'demo',
      variables: { accountIds: ['../accounts'] },
    });
    expect(body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(body.errors?.[0]?.message).toContain('"../accounts"');
  });
});
