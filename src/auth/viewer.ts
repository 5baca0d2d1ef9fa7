/**
 * Who a GraphQL request speaks for. Resolved once per request by the identity of the current mode
 * (sandbox persona, static token, or session) and carried in the context; everything below the
 * schema reads the user's token only from here.
 */
import type { UserId, UserToken } from '../upstream/types.js';

export type ViewerSource = 'sandbox-persona' | 'static-token' | 'session';

export interface Viewer {
  readonly kind: 'viewer';
  readonly source: ViewerSource;
  /** The X user id when known before any upstream call (persona data, stored sign-in). */
  readonly userId: UserId | null;
  readonly screenName: string | null;
  readonly token: UserToken;
  /** The session this request came with, when `source` is `session`. */
  readonly sessionId: string | null;
}

/**
 * Why a request has no viewer: no credentials at all, a session whose token was revoked, or
 * credentials that name nobody (`message` says what was wrong, e.g. an unknown sandbox persona).
 */
export type NoViewer =
  | { readonly kind: 'anonymous' }
  | { readonly kind: 'revoked' }
  | { readonly kind: 'invalid'; readonly message: string };
