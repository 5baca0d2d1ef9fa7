import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import type { FactReader } from '../../src/loaders/fact-reader.js';
import { startTestService, type TestService } from '../support/test-service.js';
import { codes, postGraphQL, readBody } from './helpers.js';

let service: TestService;
beforeAll(async () => {
  service = await startTestService();
});
afterAll(async () => service.close());
beforeEach(() => service.sandbox.calls.reset());

describe('introspection and suggestions in production', () => {
  it('G1: refuses __schema and __type in production with GRAPHQL_VALIDATION_FAILED', async () => {
    for (const query of ['{ __schema { types { name } } }', '{ __type(name: "Query") { name } }']) {
      const answer = await postGraphQL(service, { query });
      expect(answer.body.data).toBeUndefined();
      expect(codes(answer.body)).toContain('GRAPHQL_VALIDATION_FAILED');
      expect(answer.body.errors?.[0]?.message).toMatch(/^GraphQL introspection has been disabled/);
    }
    expect(service.sandbox.calls.count()).toBe(0);
  });

  it('G1: still answers __typename in production', async () => {
    const answer = await postGraphQL(service, { query: '{ __typename }' });
    expect(answer.body).toEqual({ data: { __typename: 'Query' } });
  });

  it('G1: serves no GraphiQL page in production', async () => {
    const response = await service.app.fetch('http://localhost/graphql', {
      headers: { accept: 'text/html' },
    });
    expect(response.headers.get('content-type') ?? '').not.toContain('text/html');
  });

  it('G1: answers introspection in production when GRAPHQL_INTROSPECTION=true', async () => {
    const open = await startTestService({ env: { GRAPHQL_INTROSPECTION: 'true' } });
    try {
      const answer = await postGraphQL(open, { query: '{ __type(name: "Feature") { kind } }' });
      expect(answer.body).toEqual({ data: { __type: { kind: 'ENUM' } } });
    } finally {
      await open.close();
    }
  });

  const MISSPELT: Array<[string, unknown]> = [
    ['a field', { query: '{ mee { id } }' }],
    ['an argument', { query: '{ me { adAccounts(frist: 1) { nodes { id } } } }' }],
    [
      'an enum literal',
      { query: '{ adAccount(id: "hkk5") { capability(feature: MANAGE_CAMPAIGN) { status } } }' },
    ],
    ['a type', { query: 'query Q($q: Strin) { me { adAccounts(q: $q) { nodes { id } } } }' }],
    [
      'an enum value in variables',
      {
        query:
          'query Q($f: [Feature!]) { adAccount(id: "hkk5") { capabilities(features: $f) { status } } }',
        variables: { f: ['MANAGE_CAMPAIGN'] },
      },
    ],
  ];

  it.each(MISSPELT)(
    'G2: answers a misspelt %s without "Did you mean" in production',
    async (_label, body) => {
      const answer = await postGraphQL(service, body);
      expect(answer.body.errors?.length).toBeGreaterThan(0);
      for (const error of answer.body.errors ?? []) {
        expect(error.message).not.toMatch(/did you mean/i);
        expect(['GRAPHQL_VALIDATION_FAILED', 'BAD_USER_INPUT']).toContain(error.extensions?.code);
      }
      expect(service.sandbox.calls.count()).toBe(0);
    },
  );

  it('G2: keeps suggestions outside production', async () => {
    const dev = await startTestService({ env: { NODE_ENV: 'development' } });
    try {
      const answer = await postGraphQL(dev, { query: '{ mee { id } }' });
      expect(answer.body.errors?.[0]?.message).toBe(
        'Cannot query field "mee" on type "Query". Did you mean "me"?',
      );
    } finally {
      await dev.close();
    }
  });
});

describe('requests yoga refuses by itself', () => {
  it('G5: refuses a batched array body with 400 before any upstream call', async () => {
    const one = { query: '{ adAccount(id: "hkk5") { id } }' };
    const answer = await postGraphQL(service, [one, one]);
    expect(answer.status).toBe(400);
    expect(codes(answer.body)).toEqual(['BAD_REQUEST']);
    expect(service.sandbox.calls.count()).toBe(0);
  });

  it('G5: refuses a mutation over GET with 405 and Allow: POST, forgetting nothing', async () => {
    await postGraphQL(service, { query: '{ adAccount(id: "hkk5") { access { role } } }' });
    const cached = service.services.cache.stats().entries;
    expect(cached).toBeGreaterThan(0);

    const query = 'mutation { refreshAccess { forgottenFacts } }';
    const response = await service.app.fetch(
      `http://localhost/graphql?query=${encodeURIComponent(query)}`,
      { headers: { accept: 'application/json', 'x-sandbox-persona': 'demo' } },
    );
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('POST');
    expect(codes(await readBody(response))).toEqual(['BAD_REQUEST']);
    expect(service.services.cache.stats().entries).toBe(cached);
  });
});

describe('masked errors', () => {
  /** A fact reader whose every read fails with a message holding `secret`. */
  function failingReader(secret: string): FactReader {
    const fail = () => Promise.reject(new Error(`connect ECONNREFUSED password=${secret}`));
    return {
      accounts: fail,
      accountPage: fail,
      access: fail,
      promotableUsers: fail,
      features: fail,
    };
  }

  it('G7: answers an internal error whose message holds a secret with "Unexpected error." and INTERNAL_SERVER_ERROR only', async () => {
    const secret = service.config.consumer?.secret ?? '';
    expect(secret.length).toBeGreaterThan(8);
    const app = createApp(
      { ...service.services, createReader: () => failingReader(secret) },
      { upstreamReady: async () => true },
    );
    const logged = service.logs.length;

    const response = await app.fetch('http://localhost/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-sandbox-persona': 'demo' },
      body: JSON.stringify({ query: '{ adAccount(id: "hkk5") { id name } }' }),
    });
    const text = await response.text();

    expect(JSON.parse(text)).toEqual({
      data: { adAccount: null },
      errors: [
        {
          message: 'Unexpected error.',
          locations: [{ line: 1, column: 3 }],
          path: ['adAccount'],
          extensions: { code: 'INTERNAL_SERVER_ERROR' },
        },
      ],
    });
    expect(text).not.toContain(secret);
    expect(text).not.toContain('ECONNREFUSED');
    const lines = service.logs.slice(logged);
    expect(lines.join('')).not.toContain(secret);
    const unexpected = lines.filter((line) => line.includes('unexpected error while answering'));
    expect(unexpected).toHaveLength(1);
    expect(unexpected[0]).toContain(`"requestId":"${response.headers.get('x-request-id')}"`);
  });

  it('G7: masks a failure while resolving who the request is for the same way', async () => {
    const secret = service.config.consumer?.secret ?? '';
    const app = createApp(
      { ...service.services, identify: () => Promise.reject(new TypeError(`bad key ${secret}`)) },
      { upstreamReady: async () => true },
    );
    const response = await app.fetch('http://localhost/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ me { id } }' }),
    });
    const text = await response.text();
    expect(JSON.parse(text)).toEqual({
      errors: [{ message: 'Unexpected error.', extensions: { code: 'INTERNAL_SERVER_ERROR' } }],
    });
    expect(text).not.toContain(secret);
    expect(service.logs.join('')).not.toContain(secret);
  });
});
