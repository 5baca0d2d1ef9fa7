import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../src/sandbox/index.js';
import { startSandbox } from '../../src/sandbox/index.js';
import { getAs } from './signed-fetch.js';

interface AccountJson {
  id: string;
  name: string;
  deleted: boolean;
  approval_status: string;
}
interface ListJson<T> {
  data: T[];
  next_cursor: string | null;
  total_count?: number;
  data_type?: string;
  request: { params: Record<string, unknown> };
}
interface ErrorJson {
  errors: { code: string; message: string; parameter?: string }[];
}

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(() => sandbox.close());

async function json<T>(response: Response | Promise<Response>): Promise<T> {
  return (await (await response).json()) as T;
}

describe('GET accounts', () => {
  it("lists the persona's accounts without deleted ones, oldest first", async () => {
    const body = await json<ListJson<AccountJson>>(getAs(sandbox, 'demo', 'accounts'));
    expect(body.data.map((a) => a.id)).toEqual([
      '18ce54d4x5t',
      '18ce54ayf0z',
      'gq12fh',
      'gq180y',
      '2iqph',
      'hkk5',
      'abc1',
      'pend1',
    ]);
    expect(body.next_cursor).toBeNull();
    expect(body.data_type).toBe('account');
    expect(body.data.find((a) => a.id === 'pend1')?.approval_status).toBe('UNDER_REVIEW');
  });

  it('includes deleted accounts with with_deleted=true', async () => {
    const body = await json<ListJson<AccountJson>>(
      getAs(sandbox, 'demo', 'accounts', { with_deleted: 'true' }),
    );
    expect(body.data.find((a) => a.id === 'dead1')).toMatchObject({
      deleted: true,
      name: 'Old Campaigns Ltd',
    });
    expect(body.data).toHaveLength(9);
  });

  it('pages 450 agency accounts with opaque cursors until next_cursor is null', async () => {
    const ids: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: Record<string, string> =
        cursor === null ? { count: '200' } : { count: '200', cursor };
      const page: ListJson<AccountJson> = await json(getAs(sandbox, 'agency', 'accounts', query));
      ids.push(...page.data.map((a) => a.id));
      cursor = page.next_cursor;
      pages++;
    } while (cursor !== null);
    expect(pages).toBe(3);
    expect(ids).toHaveLength(450);
    expect(new Set(ids).size).toBe(450);
    expect(ids[0]).toBe('ag000');
    expect(ids[449]).toBe('ag449');
  });

  it('adds total_count when asked, and refuses it together with a cursor', async () => {
    const first = await json<ListJson<AccountJson>>(
      getAs(sandbox, 'agency', 'accounts', { count: '10', with_total_count: 'true' }),
    );
    expect(first.total_count).toBe(450);
    expect(first.data).toHaveLength(10);
    const refused = await getAs(sandbox, 'agency', 'accounts', {
      cursor: first.next_cursor ?? '',
      with_total_count: 'true',
    });
    expect(refused.status).toBe(400);
    expect((await json<ErrorJson>(refused)).errors[0]).toMatchObject({
      code: 'EXCLUSIVE_PARAMETERS',
      parameter: 'with_total_count',
    });
  });

  it('filters by a case-insensitive name prefix and sorts by name', async () => {
    const prefixed = await json<ListJson<AccountJson>>(
      getAs(sandbox, 'demo', 'accounts', { q: 'nORTH' }),
    );
    expect(prefixed.data.map((a) => a.name)).toEqual(['Northwind Coffee']);
    const sorted = await json<ListJson<AccountJson>>(
      getAs(sandbox, 'demo', 'accounts', { sort_by: 'name-desc' }),
    );
    expect(sorted.data.map((a) => a.name).slice(0, 3)).toEqual([
      'Wingtip Radio',
      'Tailspin Toys',
      'Northwind Coffee',
    ]);
  });

  it('restricts to account_ids, leaving out ids the user cannot reach', async () => {
    const body = await json<ListJson<AccountJson>>(
      getAs(sandbox, 'demo', 'accounts', {
        account_ids: 'gq12fh,acme1,hkk5',
        with_deleted: 'true',
      }),
    );
    expect(body.data.map((a) => a.id).sort()).toEqual(['gq12fh', 'hkk5']);
    expect(body.request.params).toEqual({
      account_ids: ['gq12fh', 'acme1', 'hkk5'],
      with_deleted: true,
    });
  });

  it('answers 400 with the parameter for bad values', async () => {
    const cases: [Record<string, string>, string, string][] = [
      [{ count: '0' }, 'INVALID_PARAMETER', 'count'],
      [{ count: '1001' }, 'INVALID_PARAMETER', 'count'],
      [{ with_deleted: 'yes' }, 'INVALID_PARAMETER', 'with_deleted'],
      [{ sort_by: 'id-asc' }, 'INVALID_PARAMETER', 'sort_by'],
      [{ cursor: 'not-a-cursor' }, 'INVALID_PARAMETER', 'cursor'],
      [
        { account_ids: Array.from({ length: 201 }, (_, i) => `ag${i}`).join(',') },
        'INVALID_PARAMETER',
        'account_ids',
      ],
      [{ account_ids: '' }, 'MISSING_PARAMETER', 'account_ids'],
    ];
    for (const [query, code, parameter] of cases) {
      const response = await getAs(sandbox, 'demo', 'accounts', query);
      expect(response.status).toBe(400);
      expect((await json<ErrorJson>(response)).errors[0]).toMatchObject({ code, parameter });
    }
  });

  it('returns an empty list for a user without ad accounts', async () => {
    const body = await json<ListJson<AccountJson>>(getAs(sandbox, 'nobody', 'accounts'));
    expect(body).toMatchObject({ data: [], next_cursor: null });
  });
});

describe('GET accounts/:account_id', () => {
  it('returns one account object', async () => {
    const body = await json<{ data: AccountJson; request: unknown }>(
      getAs(sandbox, 'demo', 'accounts/gq180y'),
    );
    expect(body.data).toMatchObject({ id: 'gq180y', name: 'Fabrikam Studio', deleted: false });
    expect(body.request).toEqual({ params: { account_id: 'gq180y' } });
  });

  it('answers 404 NOT_FOUND for an account the user cannot reach', async () => {
    const response = await getAs(sandbox, 'demo', 'accounts/acme1');
    expect(response.status).toBe(404);
    expect((await json<ErrorJson>(response)).errors[0]?.code).toBe('NOT_FOUND');
  });

  it('answers a deleted account only with with_deleted=true', async () => {
    expect((await getAs(sandbox, 'demo', 'accounts/dead1')).status).toBe(404);
    const body = await json<{ data: AccountJson }>(
      getAs(sandbox, 'demo', 'accounts/dead1', { with_deleted: 'true' }),
    );
    expect(body.data.deleted).toBe(true);
  });
});

describe('GET accounts/:account_id/authenticated_user_access', () => {
  it('gives each user sharing an account their own permissions, with user_id as a string', async () => {
    const advertiser = await json<unknown>(
      getAs(sandbox, 'advertiser', 'accounts/acme1/authenticated_user_access'),
    );
    expect(advertiser).toEqual({
      data: { user_id: '1000000002', permissions: ['ACCOUNT_ADMIN'] },
      request: { params: { account_id: 'acme1' } },
    });
    const analyst = await json<{ data: unknown }>(
      getAs(sandbox, 'analyst', 'accounts/acme1/authenticated_user_access'),
    );
    expect(analyst.data).toEqual({ user_id: '1000000004', permissions: ['CAMPAIGN_ANALYST'] });
  });

  it('answers 404 NOT_FOUND for an account the user cannot reach', async () => {
    const response = await getAs(sandbox, 'analyst', 'accounts/gq12fh/authenticated_user_access');
    expect(response.status).toBe(404);
  });

  it('marks every answer to the read-only token with x-access-level: read', async () => {
    const response = await getAs(sandbox, 'readonly', 'accounts/rdo1/authenticated_user_access');
    expect(response.headers.get('x-access-level')).toBe('read');
    expect(
      ((await response.json()) as { data: { permissions: string[] } }).data.permissions,
    ).toEqual(['ACCOUNT_ADMIN', 'TWEET_COMPOSER']);
  });
});

describe('GET accounts/:account_id/promotable_users and features', () => {
  interface PromotableUserJson {
    id: string;
    user_id: string;
    promotable_user_type: string;
    deleted: boolean;
  }

  it('lists the FULL and RETWEETS_ONLY users, deleted ones only when asked', async () => {
    const body = await json<ListJson<PromotableUserJson>>(
      getAs(sandbox, 'demo', 'accounts/18ce54d4x5t/promotable_users'),
    );
    expect(body.data.map((u) => [u.user_id, u.promotable_user_type])).toEqual([
      ['1000000101', 'FULL'],
      ['1000000201', 'RETWEETS_ONLY'],
      ['1000000202', 'RETWEETS_ONLY'],
    ]);
    const all = await json<ListJson<PromotableUserJson>>(
      getAs(sandbox, 'demo', 'accounts/18ce54d4x5t/promotable_users', { with_deleted: 'true' }),
    );
    expect(all.data).toHaveLength(4);
  });

  it('restricts to promotable_user_ids and pages with count', async () => {
    const picked = await json<ListJson<PromotableUserJson>>(
      getAs(sandbox, 'demo', 'accounts/18ce54d4x5t/promotable_users', {
        promotable_user_ids: 'l310u',
      }),
    );
    expect(picked.data.map((u) => u.id)).toEqual(['l310u']);
    const paged = await json<ListJson<PromotableUserJson>>(
      getAs(sandbox, 'demo', 'accounts/18ce54d4x5t/promotable_users', { count: '2' }),
    );
    expect(paged.data).toHaveLength(2);
    expect(paged.next_cursor).toEqual(expect.any(String));
  });

  it("returns the account's feature keys, filtered by feature_keys", async () => {
    const all = await json<ListJson<string>>(
      getAs(sandbox, 'demo', 'accounts/18ce54d4x5t/features'),
    );
    expect(all.data).toEqual(['CITY_TARGETING', 'CONVERSATION_CARD', 'PROMOTED_MEDIA_POLLS']);
    const some = await json<ListJson<string>>(
      getAs(sandbox, 'demo', 'accounts/18ce54d4x5t/features', {
        feature_keys: 'CONVERSATION_CARD,AGE_TARGETING',
      }),
    );
    expect(some.data).toEqual(['CONVERSATION_CARD']);
  });
});

describe('unknown routes and methods', () => {
  it('answers 404 ROUTE_NOT_FOUND for unknown paths and other versions', async () => {
    for (const path of ['/12/campaigns', '/11/accounts', '/12/accounts/gq12fh/nothing']) {
      const response = await fetch(`${sandbox.url}${path}`);
      expect(response.status).toBe(404);
      expect((await json<ErrorJson>(response)).errors[0]?.code).toBe('ROUTE_NOT_FOUND');
    }
    expect(sandbox.calls.count('unknown')).toBeGreaterThanOrEqual(3);
  });

  it('answers 405 to methods other than GET', async () => {
    const response = await fetch(`${sandbox.url}/12/accounts`, { method: 'DELETE' });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET');
  });
});
