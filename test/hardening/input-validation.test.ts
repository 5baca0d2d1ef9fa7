import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestService, type TestService } from '../support/test-service.js';
import { codes, postGraphQL } from './helpers.js';

let service: TestService;
beforeAll(async () => {
  service = await startTestService();
});
afterAll(async () => service.close());
beforeEach(() => service.sandbox.calls.reset());

const BY_IDS = 'query ByIds($ids: [ID!]!) { adAccounts(ids: $ids) { id name } }';
const BY_ID = 'query ById($id: ID!) { adAccount(id: $id) { id name } }';
const REFRESH = 'mutation Refresh($ids: [ID!]) { refreshAccess(accountIds: $ids) { accountIds } }';
const PAGE = `query Page($first: Int, $after: String, $q: String) {
  me { adAccounts(first: $first, after: $after, q: $q) { nodes { id } } }
}`;

/** Asserts a single BAD_USER_INPUT naming `argument`, and no upstream call. */
async function expectBadInput(
  query: string,
  variables: Record<string, unknown>,
  argument: string,
  headers: Record<string, string> = {},
) {
  const answer = await postGraphQL(service, { query, variables }, headers);
  expect(codes(answer.body)).toEqual(['BAD_USER_INPUT']);
  expect(answer.body.errors?.[0]?.extensions?.['argument']).toBe(argument);
  expect(service.sandbox.calls.count()).toBe(0);
  return answer.body.errors?.[0]?.message ?? '';
}

describe('account ids are checked before they reach an upstream URL', () => {
  it('G4: refuses 5,000 ids with BAD_USER_INPUT before any upstream call', async () => {
    const ids = Array.from({ length: 5000 }, (_, i) => `18ce${i.toString(36).padStart(7, '0')}`);
    const message = await expectBadInput(BY_IDS, { ids }, 'ids');
    expect(message).toBe('adAccounts takes at most 1000 ids, got 5000.');
  });

  it('G4: refuses 5,000 ids in refreshAccess with BAD_USER_INPUT', async () => {
    const ids = Array.from({ length: 5000 }, (_, i) => `a${i}`);
    await expectBadInput(REFRESH, { ids }, 'accountIds');
  });

  const HOSTILE_IDS: Array<[string, string]> = [
    ['a comma', '18ce54d4x5t,gq12fh'],
    ['a slash', 'hkk5/promotable_users'],
    ['a parent segment', '..'],
    ['a dotted path', '../../1.1/users'],
    ['a query string', 'hkk5?with_deleted=true'],
    ['a fragment', 'hkk5#x'],
    ['a percent escape', 'hkk5%2F..'],
    ['a space', 'hkk5 '],
    ['an empty id', ''],
    ['33 characters', 'a'.repeat(33)],
    ['10,000 characters', 'a'.repeat(10_000)],
    ['non-ASCII letters', 'hkk5é'],
    ['non-ASCII digits', '١٢٣'],
    ['full-width letters', 'ｈｋｋ５'],
    ['a NUL byte', 'hkk5\u0000'],
  ];

  it.each(HOSTILE_IDS)(
    'G8: refuses an id with %s in adAccount(id:) before any upstream call',
    async (_label, id) => {
      const message = await expectBadInput(BY_ID, { id }, 'id');
      expect(message).toMatch(/^Invalid ad account id "/);
      expect(message.length).toBeLessThan(200);
    },
  );

  it('G8: refuses a list holding one hostile id among good ones, with no upstream call at all', async () => {
    const ids = ['hkk5', '2iqph', '18ce54d4x5t,gq12fh', 'gq12fh'];
    await expectBadInput(BY_IDS, { ids }, 'ids');
  });

  it('G8: refuses hostile ids in refreshAccess before forgetting anything', async () => {
    await postGraphQL(service, { query: BY_IDS, variables: { ids: ['hkk5'] } });
    const cached = service.services.cache.stats().entries;
    service.sandbox.calls.reset();
    await expectBadInput(REFRESH, { ids: ['hkk5/..'] }, 'accountIds');
    expect(service.services.cache.stats().entries).toBe(cached);
  });

  it('G8: accepts a well-formed id and reads it upstream', async () => {
    const answer = await postGraphQL(service, { query: BY_ID, variables: { id: 'gq180y' } });
    expect(answer.body.errors).toBeUndefined();
    expect(answer.body.data?.['adAccount']).toMatchObject({ id: 'gq180y' });
    expect(service.sandbox.calls.count('accounts')).toBe(1);
  });
});

describe('every other argument is bounded', () => {
  it.each([0, -1, 1001])(
    'refuses first: %i with BAD_USER_INPUT before any upstream call',
    async (first) => {
      const message = await expectBadInput(PAGE, { first }, 'first');
      expect(message).toBe(`first must be from 1 to 1000, got ${first}.`);
    },
  );

  it.each([
    ['a cursor of 257 characters', 'c'.repeat(257)],
    ['a cursor with a slash', 'abc/def'],
    ['a cursor with a space', 'abc def'],
  ])('refuses after: %s with BAD_USER_INPUT before any upstream call', async (_label, after) => {
    await expectBadInput(PAGE, { after }, 'after');
  });

  it('refuses q longer than 256 characters with BAD_USER_INPUT before any upstream call', async () => {
    const message = await expectBadInput(PAGE, { q: 'q'.repeat(257) }, 'q');
    expect(message).toBe('q must be at most 256 characters, got 257.');
  });

  it('refuses capabilities(features:) with more than 50 entries with BAD_USER_INPUT', async () => {
    const query = `query Caps($features: [Feature!]) {
      adAccount(id: "hkk5") { capabilities(features: $features) { status } }
    }`;
    const features = Array.from({ length: 51 }, () => 'MANAGE_CAMPAIGNS');
    const answer = await postGraphQL(service, { query, variables: { features } });
    expect(codes(answer.body)).toEqual(['BAD_USER_INPUT']);
    expect(answer.body.errors?.[0]?.message).toBe(
      'capabilities takes at most 50 features, got 51.',
    );
  });

  it('refuses an unknown Feature value in variables with BAD_USER_INPUT before any upstream call', async () => {
    const query = `query Caps($features: [Feature!]) {
      adAccount(id: "hkk5") { capabilities(features: $features) { status } }
    }`;
    const answer = await postGraphQL(service, { query, variables: { features: ['NOPE'] } });
    expect(codes(answer.body)).toEqual(['BAD_USER_INPUT']);
    expect(service.sandbox.calls.count()).toBe(0);
  });

  it('refuses an unknown sandbox persona of 10,000 characters with BAD_USER_INPUT, quoting 40 of them', async () => {
    const answer = await postGraphQL(
      service,
      { query: '{ me { id } }' },
      { 'x-sandbox-persona': 'p'.repeat(10_000) },
    );
    expect(codes(answer.body)).toEqual(['BAD_USER_INPUT']);
    expect(answer.body.errors?.[0]?.message).toContain(`"${'p'.repeat(40)}"`);
    expect(answer.body.errors?.[0]?.message).not.toContain('p'.repeat(41));
    expect(service.sandbox.calls.count()).toBe(0);
  });
});
