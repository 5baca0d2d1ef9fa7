import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { UserId } from '../../src/upstream/types.js';
import { Browser } from '../support/browser.js';
import {
  cell,
  MATRIX_BY_IDS,
  startTestService,
  type MatrixAccount,
  type TestService,
} from '../support/test-service.js';

let service: TestService;
beforeEach(async () => {
  service = await startTestService({ multiUser: true });
});
afterEach(async () => service.close());

const ME = '{ me { id screenName } }';

describe('multi-user mode: sign in with X, then query as yourself', () => {
  it('answers UNAUTHENTICATED with the login path when the request has no session', async () => {
    const body = await service.graphql(ME);
    expect(body.data).toBeNull();
    expect(body.errors?.[0]?.extensions).toMatchObject({
      code: 'UNAUTHENTICATED',
      loginPath: '/auth/x/login',
    });
    expect(service.sandbox.calls.count()).toBe(0);
  });

  it('ignores the sandbox persona header outside sandbox mode', async () => {
    const body = await service.graphql(ME, { persona: 'demo' });
    expect(body.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
  });

  it('signs in through the consent page and answers me as the chosen persona, across a restart', async () => {
    const browser = new Browser(service);
    const done = await browser.signIn('analyst', '/dashboard');
    expect(done.status).toBe(302);
    expect(done.headers.get('location')).toBe('/dashboard');
    expect(browser.cookies.has('xaa_session')).toBe(true);

    const first = await browser.graphql(ME);
    expect(first).toEqual({ data: { me: { id: '1000000004', screenName: 'numbers_person' } } });

    await service.restart();
    const afterRestart = await browser.graphql(
      `{ me { id } adAccount(id: "acme1") { access { role } } }`,
    );
    expect(afterRestart).toEqual({
      data: { me: { id: '1000000004' }, adAccount: { access: { role: 'CAMPAIGN_ANALYST' } } },
    });
  });

  it('R12: a revoked token is not retried, is marked revoked, signs the user out and answers REAUTH_REQUIRED', async () => {
    const browser = new Browser(service);
    await browser.signIn('advertiser');
    const stored = await service.services.store.getUserToken('1000000002' as UserId);
    if (!stored) throw new Error('the sign-in stored no token');
    const warm = await browser.graphql(`{ adAccount(id: "acme1") { features } }`);
    expect(warm.errors).toBeUndefined();
    expect(service.services.cache.stats().entries).toBeGreaterThan(0);

    service.sandbox.revokeToken(stored.token.token);
    service.sandbox.calls.reset();
    const body = await service.graphql(MATRIX_BY_IDS, {
      variables: { ids: ['acme1'] },
      headers: { cookie: `xaa_session=${browser.cookies.get('xaa_session')}` },
    });
    // The account itself is cached; its permissions are read and refused.
    const accounts = (body.data?.['adAccounts'] ?? []) as MatrixAccount[];
    expect(cell(accounts, 'acme1', 'MANAGE_CAMPAIGNS')).toMatchObject({
      status: 'UNKNOWN',
      errorCode: 'REAUTH_REQUIRED',
    });
    expect(body.errors?.[0]?.extensions).toMatchObject({
      code: 'REAUTH_REQUIRED',
      loginPath: '/auth/x/login',
    });
    expect(service.sandbox.calls.count('authenticated_user_access')).toBe(1);

    await new Promise((resolve) => setTimeout(resolve, 20));
    const after = await service.services.store.getUserToken('1000000002' as UserId);
    expect(after?.revokedAt).toBeInstanceOf(Date);
    expect(
      service.services.cache.peek({ user: 'u:1000000002', kind: 'features', id: 'acme1' }),
    ).toBeUndefined();
    const next = await browser.graphql(ME);
    // Its sessions were dropped with the token: the user signs in again.
    expect(next.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
    expect(service.sandbox.calls.count('authenticated_user_access')).toBe(1);
  });

  it('ends the session on logout: the cookie no longer answers', async () => {
    const browser = new Browser(service);
    await browser.signIn('advertiser');
    const out = await browser.visit('/auth/logout', {
      method: 'POST',
      headers: { origin: 'http://localhost:4000' },
    });
    expect([204, 302]).toContain(out.status);
    const body = await browser.graphql(ME);
    expect(body.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
  });
});
