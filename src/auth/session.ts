/**
 * Sessions of multi-user mode: an opaque random id presented as the `xaa_session` cookie or as
 * `Authorization: Bearer <id>`, valid for 30 days. A sign-in always creates a new id, so an id
 * known before sign-in (session fixation) never becomes a signed-in session.
 */
import { parseCookie, stringifySetCookie } from 'cookie';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import { SealError } from '../store/seal.js';
import type { Store } from '../store/store.js';
import type { UserId } from '../upstream/types.js';
import { RANDOM_TOKEN_PATTERN, randomToken } from './random-token.js';
import type { NoViewer, Viewer } from './viewer.js';

/** The session cookie's name; the same value works as `Authorization: Bearer`. */
export const SESSION_COOKIE = 'xaa_session';
/** Sessions last 30 days from sign-in; there is no sliding renewal. */
export const SESSION_LIFETIME_MS = 30 * 24 * 60 * 60 * 1000;

export interface StartedSession {
  readonly id: string;
  readonly expiresAt: Date;
}

/** True when cookies must carry `Secure`: the public URL is https. */
export function isSecureSite(config: Pick<Config, 'publicUrl'>): boolean {
  return config.publicUrl.startsWith('https:');
}

/** Reads one cookie from the request; null when absent or empty. */
export function readCookie(request: Request, name: string): string | null {
  const header = request.headers.get('cookie');
  if (!header) return null;
  return parseCookie(header)[name] || null;
}

/** The bearer credential of the request, or null when there is no `Bearer` Authorization. */
export function bearerCredential(request: Request): string | null {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.get('authorization') ?? '');
  return match?.[1] ?? null;
}

/**
 * The session id the request presents: the bearer credential when there is one, else the
 * cookie. Null when absent or not shaped like an id this service issues.
 */
export function presentedSessionId(request: Request): string | null {
  const id = bearerCredential(request) ?? readCookie(request, SESSION_COOKIE);
  return id && RANDOM_TOKEN_PATTERN.test(id) ? id : null;
}

/** Creates a session with a fresh id for the user; rejects when the user has no stored token. */
export async function startSession(
  store: Store,
  userId: UserId,
  now: number,
): Promise<StartedSession> {
  const session = { id: randomToken(), expiresAt: new Date(now + SESSION_LIFETIME_MS) };
  await store.createSession({ ...session, userId });
  return session;
}

/** The `Set-Cookie` value carrying a session id: httpOnly, SameSite=Lax, Path=/, 30 days. */
export function sessionCookie(config: Pick<Config, 'publicUrl'>, id: string): string {
  return stringifySetCookie(SESSION_COOKIE, id, {
    httpOnly: true,
    sameSite: 'lax',
    path: '/',
    maxAge: SESSION_LIFETIME_MS / 1000,
    secure: isSecureSite(config),
  });
}

/** The `Set-Cookie` value that removes the session cookie. */
export function clearedSessionCookie(config: Pick<Config, 'publicUrl'>): string {
  return stringifySetCookie(SESSION_COOKIE, '', {
    httpOnly: true,
    sameSite: 'lax',
    path: '/',
    maxAge: 0,
    secure: isSecureSite(config),
  });
}

/**
 * Resolves who a request speaks for from its session. Anonymous when no valid, unexpired session
 * is presented or its user has no stored token; `revoked` when the stored token was marked
 * revoked or can no longer be opened (its key was retired), so the client is asked to sign in
 * again. Rejects only when the store itself fails.
 */
export async function resolveSessionViewer(
  request: Request,
  store: Store,
  logger?: Logger,
): Promise<Viewer | NoViewer> {
  const id = presentedSessionId(request);
  if (!id) return { kind: 'anonymous' };
  const session = await store.getSession(id);
  if (!session) return { kind: 'anonymous' };

  const stored = await readUserToken(store, session.userId, logger);
  if (stored === 'unreadable') return { kind: 'revoked' };
  if (!stored) return { kind: 'anonymous' };
  if (stored.revokedAt) return { kind: 'revoked' };
  return {
    kind: 'viewer',
    source: 'session',
    userId: stored.userId,
    screenName: stored.screenName,
    token: stored.token,
    sessionId: id,
  };
}

async function readUserToken(store: Store, userId: UserId, logger: Logger | undefined) {
  try {
    return await store.getUserToken(userId);
  } catch (error) {
    if (!(error instanceof SealError)) throw error;
    logger?.warn({ userId, reason: error.message }, 'Stored token could not be opened.');
    return 'unreadable' as const;
  }
}
