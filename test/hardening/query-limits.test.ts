import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';
import { MATRIX_EXAMPLE } from '../../src/yoga.js';
import { startTestService, type TestService } from '../support/test-service.js';
import { codes, postGraphQL } from './helpers.js';

const CAPABILITY =
  'feature status allowed reason blockedBy grantedBy retryAfter checkedAt source stale errorCode';
/** Every field of an ad account, once. */
const EVERY_ACCOUNT_FIELD = `id name businessName timezone approvalStatus deleted createdAt updatedAt
  source stale checkedAt features
  access { userId permissions unknownPermissions role tweetComposer tokenKind source checkedAt }
  promotableUsers { id userId type deleted }
  capability(feature: MANAGE_CAMPAIGNS) { ${CAPABILITY} } capabilities { ${CAPABILITY} }`;
const FULL_PAGE = `adAccounts(first: 1000) { nodes { ${EVERY_ACCOUNT_FIELD} } pageInfo { hasNextPage endCursor } }`;

let service: TestService;
beforeAll(async () => {
  service = await startTestService();
});
afterAll(async () => service.close());
beforeEach(() => service.sandbox.calls.reset());

/** Asserts one refusal naming `limit`, coded GRAPHQL_VALIDATION_FAILED, and no upstream call. */
async function expectRefused(query: string, limit: RegExp): Promise<void> {
  const answer = await postGraphQL(service, { query });
  expect(answer.body.data).toBeUndefined();
  expect(codes(answer.body)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
  expect(answer.body.errors?.[0]?.message).toMatch(limit);
  expect(service.sandbox.calls.count()).toBe(0);
}

describe('document limits, checked before anything runs', () => {
  it('G3: refuses a query nested deeper than 8 levels before any upstream call', async () => {
    const deep = '{ me { adAccounts { nodes { access { a { b { c { d { e } } } } } } } } }';
    await expectRefused(deep, /^Query depth limit of 8 exceeded, found 9\.$/);
  });

  it('G3: refuses more than 15 aliases before any upstream call', async () => {
    const aliases = Array.from({ length: 100 }, (_, i) => `a${i}: adAccount(id: "hkk5") { id }`);
    await expectRefused(`{ ${aliases.join(' ')} }`, /^Aliases limit of 15 exceeded, found 100\.$/);
  });

  it('G3: refuses a document of more than 5,000 tokens before any upstream call', async () => {
    await expectRefused(`{ me { ${'id '.repeat(6000)}} }`, /^Token limit of 5000 exceeded\.$/);
  });

  it('G3: refuses more than 20 directives before any upstream call', async () => {
    const fields = Array.from({ length: 21 }, () => 'id @skip(if: false)').join(' ');
    await expectRefused(`{ me { ${fields} } }`, /^Directives limit of 20 exceeded, found 21\.$/);
  });

  it('G3: refuses a query over the cost limit that is within every other limit, before any upstream call', async () => {
    const twoFullPages = `{ me { first: ${FULL_PAGE} again: ${FULL_PAGE} } }`;
    await expectRefused(twoFullPages, /^Query Cost limit of 300000 exceeded, found \d+(\.\d+)?\.$/);
  });

  it('G3: refuses a request body over 100 KiB with 413 before any upstream call', async () => {
    const query = 'query Big($q: String) { me { adAccounts(q: $q) { nodes { id } } } }';
    const answer = await postGraphQL(service, { query, variables: { q: 'a'.repeat(200_000) } });
    expect(answer.status).toBe(413);
    expect(codes(answer.body)).toEqual(['REQUEST_ENTITY_TOO_LARGE']);
    expect(service.sandbox.calls.count()).toBe(0);
  });

  it('accepts every frontend operation, the GraphiQL example and a full page of 1000 accounts with every field', async () => {
    const operations = readdirSync('operations').map((file) => ({
      query: readFileSync(`operations/${file}`, 'utf8'),
      variables: { id: 'hkk5', first: 1000, accountIds: ['hkk5'] },
    }));
    const documents = [
      ...operations,
      { query: MATRIX_EXAMPLE, variables: {} },
      { query: `{ me { id ${FULL_PAGE} } }`, variables: {} },
    ];
    expect(operations.length).toBeGreaterThanOrEqual(4);
    for (const document of documents) {
      const answer = await postGraphQL(service, document);
      expect(answer.status).toBe(200);
      expect(codes(answer.body)).toEqual([]);
      expect(answer.body.data).toBeTruthy();
    }
  });
});

describe('limits come from the environment', () => {
  it('refuses the capability matrix (depth 5) when GRAPHQL_MAX_DEPTH is 4', async () => {
    const strict = await startTestService({ env: { GRAPHQL_MAX_DEPTH: '4' } });
    try {
      const answer = await postGraphQL(strict, { query: MATRIX_EXAMPLE });
      expect(codes(answer.body)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
      expect(answer.body.errors?.[0]?.message).toBe('Query depth limit of 4 exceeded, found 5.');
      expect(strict.sandbox.calls.count()).toBe(0);
    } finally {
      await strict.close();
    }
  });

  it('stops start-up with one line naming a limit variable given a bad value', () => {
    expect(() => loadConfig({ GRAPHQL_MAX_COST: 'lots' })).toThrow(ConfigError);
    expect(() => loadConfig({ GRAPHQL_MAX_COST: 'lots' })).toThrow(
      'GRAPHQL_MAX_COST must be a whole number from 1 to 100000000, got "lots".',
    );
    expect(() => loadConfig({ GRAPHQL_MAX_BODY_BYTES: '10' })).toThrow(/^GRAPHQL_MAX_BODY_BYTES/);
  });

  it('reads every limit and the shutdown grace period, with documented defaults', () => {
    expect(loadConfig({}).queryLimits).toEqual({
      maxDepth: 8,
      maxAliases: 15,
      maxTokens: 5000,
      maxDirectives: 20,
      maxCost: 300_000,
      maxBodyBytes: 102_400,
    });
    expect(loadConfig({}).shutdownGraceMs).toBe(10_000);
    const tuned = loadConfig({ GRAPHQL_MAX_ALIASES: '3', SHUTDOWN_GRACE_MS: '500' });
    expect(tuned.queryLimits.maxAliases).toBe(3);
    expect(tuned.shutdownGraceMs).toBe(500);
  });
});
