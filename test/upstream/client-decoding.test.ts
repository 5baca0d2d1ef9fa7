import { describe, expect, it } from 'vitest';
import type { CallTarget } from '../../src/upstream/ads-api.js';
import { createAdsClient } from '../../src/upstream/client.js';
import {
  UpstreamBadResponseError,
  UpstreamHttpError,
  UpstreamRateLimitedError,
} from '../../src/upstream/errors.js';
import { createOAuthClient } from '../../src/upstream/oauth.js';
import type { AccountId, ResponseMeta } from '../../src/upstream/types.js';

const TOKEN = { token: 'tk-public', secret: 'tk-secret-value' };
const ACCOUNT = 'gq12fh' as AccountId;

interface Answer {
  status?: number;
  body: string;
  headers?: Record<string, string>;
}

/** A fetch double that answers from a list and records the URLs asked for. */
function scriptedFetch(answers: Answer[]) {
  const urls: string[] = [];
  const fetch: typeof globalThis.fetch = async (input) => {
    urls.push(String(input));
    const answer = answers.shift() ?? { status: 500, body: '' };
    return new Response(answer.body, {
      status: answer.status ?? 200,
      headers: { 'content-type': 'application/json', ...answer.headers },
    });
  };
  return { fetch, urls };
}

function client(fetch: typeof globalThis.fetch, extra: object = {}) {
  return createAdsClient({
    baseUrl: 'http://127.0.0.1:9/',
    version: '12',
    consumerKey: 'ck',
    consumerSecret: 'cs',
    retryBaseMs: 1,
    fetch,
    ...extra,
  });
}

describe('createAdsClient decoding', () => {
  it('keeps every digit of a user_id sent as a number beyond 2^53', async () => {
    const body = '{"data":{"user_id": 1234567890123456789 ,"permissions":["AD_MANAGER"]}}';
    const { fetch } = scriptedFetch([{ body }]);
    const read = await client(fetch).getAuthenticatedUserAccess(TOKEN, ACCOUNT);
    expect(read.data.userId).toBe('1234567890123456789');
  });

  it('keeps non-text permission entries as unknown permissions', async () => {
    const body = '{"data":{"user_id":"7","permissions":["ANALYST",42,"NEW_ROLE","ANALYST"]}}';
    const { fetch } = scriptedFetch([{ body }]);
    const read = await client(fetch).getAuthenticatedUserAccess(TOKEN, ACCOUNT);
    expect(read.data).toEqual({
      userId: '7',
      permissions: ['ANALYST'],
      unknownPermissions: ['42', 'NEW_ROLE'],
    });
  });

  it('names the endpoint and the field of a body that does not decode', async () => {
    const body = '{"data":[{"id":"a1","name":"A"},{"id":"a2","name":7}],"next_cursor":null}';
    const { fetch } = scriptedFetch([{ body }]);
    const error = await client(fetch)
      .listAccounts(TOKEN, {})
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UpstreamBadResponseError);
    expect((error as UpstreamBadResponseError).endpoint).toBe('accounts');
    expect((error as Error).message).toContain('GET accounts');
    expect((error as Error).message).toContain('data[1].name');
  });

  it('decodes accounts with dates, nulls, absent optional fields and extra fields', async () => {
    const body = JSON.stringify({
      data_type: 'account',
      data: [
        {
          id: 'hkk5',
          name: 'Wingtip',
          salt: 'ab12',
          timezone: 'America/New_York',
          timezone_switch_at: null,
          created_at: '2021-03-01T10:00:00Z',
          deleted: false,
        },
      ],
      next_cursor: 'c-1',
      total_count: 9,
    });
    const { fetch } = scriptedFetch([{ body }]);
    const page = await client(fetch).listAccounts(TOKEN, { count: 1, withTotalCount: true });
    expect(page.data).toEqual([
      {
        id: 'hkk5',
        name: 'Wingtip',
        businessName: null,
        businessId: null,
        timezone: 'America/New_York',
        timezoneSwitchAt: null,
        approvalStatus: null,
        deleted: false,
        createdAt: new Date('2021-03-01T10:00:00Z'),
        updatedAt: null,
      },
    ]);
    expect(page.nextCursor).toBe('c-1');
    expect(page.totalCount).toBe(9);
  });

  it('decodes promotable users and keeps an unknown type as raw text', async () => {
    const body = JSON.stringify({
      data: [
        { id: 'l310s', user_id: 101, promotable_user_type: 'FULL', deleted: false },
        { id: 'l310t', user_id: '102', promotable_user_type: 'RETWEET_ONLY', deleted: true },
      ],
      next_cursor: null,
    });
    const { fetch } = scriptedFetch([{ body }]);
    const page = await client(fetch).listPromotableUsers(TOKEN, ACCOUNT);
    expect(page.data).toEqual([
      { id: 'l310s', userId: '101', type: 'FULL', rawType: 'FULL', deleted: false },
      { id: 'l310t', userId: '102', type: null, rawType: 'RETWEET_ONLY', deleted: true },
    ]);
  });

  it('returns an empty page without a call for an empty id list', async () => {
    const { fetch, urls } = scriptedFetch([]);
    const page = await client(fetch).listAccounts(TOKEN, { accountIds: [] });
    expect(page.data).toEqual([]);
    expect(urls).toHaveLength(0);
  });

  it('deduplicates ids and encodes the comma of account_ids', async () => {
    const { fetch, urls } = scriptedFetch([{ body: '{"data":[],"next_cursor":null}' }]);
    const ids = ['a1', 'a2', 'a1'] as AccountId[];
    await client(fetch).listAccounts(TOKEN, { accountIds: ids });
    expect(urls).toEqual([
      'http://127.0.0.1:9/12/accounts?account_ids=a1%2Ca2&count=2&with_deleted=true',
    ]);
  });

  it('percent-encodes an account id so it stays one path segment', async () => {
    const { fetch, urls } = scriptedFetch([{ body: '{"data":[]}' }]);
    await client(fetch).getAccountFeatures(TOKEN, '../x?y#z' as AccountId);
    expect(urls).toEqual(['http://127.0.0.1:9/12/accounts/..%2Fx%3Fy%23z/features']);
  });
});

describe('createAdsClient failures and hooks', () => {
  it('reads numeric v1.1 error codes and the parameter of the error envelope', async () => {
    const body = '{"errors":[{"code":"INVALID_PARAMETER","message":"bad","parameter":"count"}]}';
    const { fetch } = scriptedFetch([{ status: 400, body }]);
    const error = await client(fetch)
      .listAccounts(TOKEN, { count: 5000 })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UpstreamHttpError);
    expect((error as UpstreamHttpError).errors).toEqual([
      { code: 'INVALID_PARAMETER', message: 'bad', parameter: 'count' },
    ]);
  });

  it('uses the user reset header for a 429 without the account one, else a minute', async () => {
    const { fetch } = scriptedFetch([
      { status: 429, body: '', headers: { 'x-rate-limit-reset': '2000000000' } },
      { status: 429, body: '<html></html>', headers: { 'content-type': 'text/html' } },
    ]);
    const api = client(fetch);
    const first = await api.getAccount(TOKEN, ACCOUNT).catch((e: unknown) => e);
    expect((first as UpstreamRateLimitedError).resetAt).toEqual(new Date(2_000_000_000_000));

    const before = Date.now();
    const second = await api.getAccount(TOKEN, ACCOUNT).catch((e: unknown) => e);
    expect(second).toBeInstanceOf(UpstreamRateLimitedError);
    const resetAt = (second as UpstreamRateLimitedError).resetAt.getTime();
    expect(resetAt).toBeGreaterThanOrEqual(before + 60_000);
    expect((second as UpstreamRateLimitedError).errors).toEqual([]);
  });

  it('does not retry a 503 that asks to wait longer than one attempt may last', async () => {
    const { fetch, urls } = scriptedFetch([
      { status: 503, body: '', headers: { 'retry-after': '120' } },
      { body: '{"data":[]}' },
    ]);
    const error = await client(fetch)
      .getAccountFeatures(TOKEN, ACCOUNT)
      .catch((e: unknown) => e);
    expect((error as UpstreamHttpError).status).toBe(503);
    expect(urls).toHaveLength(1);
  });

  it('refuses the call with the beforeRequest error and makes no request', async () => {
    const { fetch, urls } = scriptedFetch([{ body: '{"data":[]}' }]);
    const refusal = new UpstreamRateLimitedError('budget spent', 'features', new Date(), [], null);
    const api = client(fetch, {
      beforeRequest: () => {
        throw refusal;
      },
    });
    await expect(api.getAccountFeatures(TOKEN, ACCOUNT)).rejects.toBe(refusal);
    expect(urls).toHaveLength(0);
  });

  it('reports every answer to onResponse, retried ones included, without the secret', async () => {
    const seen: [CallTarget, ResponseMeta][] = [];
    const { fetch } = scriptedFetch([
      { status: 500, body: '' },
      { body: '{"data":["CITY_TARGETING"]}', headers: { 'x-access-level': 'read' } },
    ]);
    const api = client(fetch, {
      onResponse: (t: CallTarget, m: ResponseMeta) => seen.push([t, m]),
    });
    const read = await api.getAccountFeatures(TOKEN, ACCOUNT);
    expect(read.data).toEqual(['CITY_TARGETING']);
    expect(seen.map(([, meta]) => meta.status)).toEqual([500, 200]);
    expect(seen[1]?.[0]).toEqual({ token: 'tk-public', endpoint: 'features', accountId: ACCOUNT });
    expect(seen[1]?.[1].accessLevel).toBe('read');
    expect(JSON.stringify(seen)).not.toContain('tk-secret-value');
  });

  it('refuses bad options at creation', () => {
    const { fetch } = scriptedFetch([]);
    expect(() => client(fetch, { baseUrl: 'ftp://x' })).toThrow(TypeError);
    expect(() => client(fetch, { version: '12/../1' })).toThrow(TypeError);
    expect(() => client(fetch, { timeoutMs: 0 })).toThrow(TypeError);
    expect(() => client(fetch, { maxRetries: -1 })).toThrow(TypeError);
  });
});

describe('createOAuthClient answers', () => {
  function oauthClient(answers: Answer[]) {
    const { fetch } = scriptedFetch(answers);
    return createOAuthClient({
      apiUrl: 'http://127.0.0.1:9',
      consumerKey: 'ck',
      consumerSecret: 'cs',
      fetch,
    });
  }

  it('refuses a request token answer without oauth_callback_confirmed=true', async () => {
    const api = oauthClient([
      { body: 'oauth_token=rt&oauth_token_secret=rs&oauth_callback_confirmed=false' },
    ]);
    const error = await api.requestToken('oob').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UpstreamBadResponseError);
    expect((error as UpstreamBadResponseError).endpoint).toBe('oauth');
    expect((error as Error).message).not.toContain('rs');
  });

  it('refuses an access token answer whose user_id is not a number', async () => {
    const api = oauthClient([
      { body: 'oauth_token=at&oauth_token_secret=as&user_id=abc&screen_name=x' },
    ]);
    const error = await api.accessToken({ token: 'rt', secret: 'rs' }, '123').catch((e) => e);
    expect(error).toBeInstanceOf(UpstreamBadResponseError);
  });

  it('builds the authorize URL with the request token encoded', () => {
    const api = oauthClient([]);
    expect(api.authorizeUrl('a b&c')).toBe(
      'http://127.0.0.1:9/oauth/authorize?oauth_token=a%20b%26c',
    );
  });
});
