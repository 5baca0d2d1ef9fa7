import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { revokeUser } from '../../src/auth/revoke.js';
import {
  clearedSessionCookie,
  presentedSessionId,
  resolveSessionViewer,
  sessionCookie,
  SESSION_LIFETIME_MS,
} from '../../src/auth/session.js';
import { openStore } from '../../src/store/sqlite-store.js';
import type { UserId } from '../../src/upstream/types.js';
import { keysFrom, newKeyText } from '../store/keys.js';
import { approveAtX, leakedLines, SERVICE, startHarness, type Harness } from './harness.js';
import { userTokenRow } from './rows.js';

let h: Harness;
let session: string;
const demo = '1000000001' as UserId;

beforeEach(async () => {
  h = await startHarness();
  const browser = h.browser();
  const login = await browser.request('/auth/x/login');
  await browser.request(await approveAtX(login.headers.get('location') ?? '', 'demo'));
  session = browser.get('xaa_session') ?? '';
});

afterEach(async () => {
  expect(leakedLines(h)).toEqual([]);
  await h.close();
});

function request(headers: Record<string, string>): Request {
  return new Request(`${SERVICE}/graphql`, { headers });
}

describe('resolveSessionViewer', () => {
  it('resolves the session from the cookie or from a bearer credential', async () => {
    const fromCookie = await resolveSessionViewer(
      request({ cookie: `xaa_session=${session}` }),
      h.store,
    );
    const fromBearer = await resolveSessionViewer(
      request({ authorization: `Bearer ${session}` }),
      h.store,
    );

    expect(fromCookie).toMatchObject({ kind: 'viewer', userId: demo, screenName: 'demo_marketer' });
    expect(fromBearer).toEqual(fromCookie);
  });

  it('prefers the bearer credential over the cookie', async () => {
    const viewer = await resolveSessionViewer(
      request({ authorization: `Bearer ${'Z'.repeat(43)}`, cookie: `xaa_session=${session}` }),
      h.store,
    );

    expect(viewer).toEqual({ kind: 'anonymous' });
  });

  it('is anonymous without credentials, with a malformed id, or after 30 days', async () => {
    expect(await resolveSessionViewer(request({}), h.store)).toEqual({ kind: 'anonymous' });
    expect(
      await resolveSessionViewer(request({ authorization: 'Bearer not-an-id' }), h.store),
    ).toEqual({ kind: 'anonymous' });
    h.clock += SESSION_LIFETIME_MS;
    expect(
      await resolveSessionViewer(request({ cookie: `xaa_session=${session}` }), h.store),
    ).toEqual({ kind: 'anonymous' });
  });

  it('is revoked when the stored token was marked revoked', async () => {
    await h.store.markUserTokenRevoked(demo);

    expect(
      await resolveSessionViewer(request({ cookie: `xaa_session=${session}` }), h.store),
    ).toEqual({ kind: 'revoked' });
  });

  it('is revoked when the stored token no longer opens with the configured keys', async () => {
    const rekeyed = openStore({ path: h.dbPath, keys: keysFrom(newKeyText()), now: () => h.clock });

    const viewer = await resolveSessionViewer(
      request({ cookie: `xaa_session=${session}` }),
      rekeyed,
    );
    rekeyed.close();

    expect(viewer).toEqual({ kind: 'revoked' });
  });

  it('reads the bearer scheme case-insensitively', () => {
    expect(presentedSessionId(request({ authorization: `bearer ${session}` }))).toBe(session);
  });
});

describe('revokeUser', () => {
  it('marks the token revoked and ends every session of the user', async () => {
    await revokeUser(h.store, demo);

    expect(userTokenRow(h.dbPath, demo)?.revoked_at).toBe(h.clock);
    expect(await h.store.getSession(session)).toBeNull();
    expect(
      await resolveSessionViewer(request({ cookie: `xaa_session=${session}` }), h.store),
    ).toEqual({ kind: 'anonymous' });
  });

  it('is cleared by the next sign-in', async () => {
    await revokeUser(h.store, demo);
    const browser = h.browser();
    const login = await browser.request('/auth/x/login');
    await browser.request(await approveAtX(login.headers.get('location') ?? '', 'demo'));

    expect(userTokenRow(h.dbPath, demo)?.revoked_at).toBeNull();
    expect(
      await resolveSessionViewer(
        request({ cookie: `xaa_session=${browser.get('xaa_session') ?? ''}` }),
        h.store,
      ),
    ).toMatchObject({ kind: 'viewer', userId: demo });
  });
});

describe('session cookies', () => {
  it('carries Secure only when PUBLIC_URL is https', () => {
    expect(sessionCookie({ publicUrl: 'https://a.example' }, session)).toContain('Secure');
    expect(sessionCookie({ publicUrl: 'http://localhost:4000' }, session)).not.toContain('Secure');
    expect(clearedSessionCookie({ publicUrl: 'https://a.example' })).toBe(
      'xaa_session=; Max-Age=0; Path=/; HttpOnly; Secure; SameSite=Lax',
    );
  });
});
