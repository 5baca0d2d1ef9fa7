/**
 * The token and session store: one interface, so SQLite (the default) and a shared engine later
 * can stand behind it. Secrets enter and leave as plain values and are sealed at rest; session ids
 * and browser-binding values are stored only as SHA-256 hashes. Every write is one transaction.
 */
import type { UserId, UserToken } from '../upstream/types.js';

/** How a sign-in was started: browser redirect (`web`) or the PIN flow for headless tools. */
export type FlowKind = 'web' | 'pin';

export interface UserTokenInput {
  readonly userId: UserId;
  readonly screenName: string;
  readonly token: UserToken;
}

export interface StoredUserToken extends UserTokenInput {
  readonly createdAt: Date;
  readonly updatedAt: Date;
  /** Set once the upstream refused the token; a new sign-in clears it. */
  readonly revokedAt: Date | null;
}

export interface SessionInput {
  /** The opaque session id as the client presents it; only its hash is stored. */
  readonly id: string;
  readonly userId: UserId;
  readonly expiresAt: Date;
}

export interface StoredSession {
  readonly userId: UserId;
  readonly createdAt: Date;
  readonly expiresAt: Date;
}

export interface RequestTokenInput {
  /** The OAuth request token and its secret, from `request_token`. */
  readonly token: UserToken;
  /** The browser-binding value (cookie value or PIN flow id); only its hash is stored. */
  readonly binding: string;
  readonly returnTo: string;
  readonly kind: FlowKind;
  readonly expiresAt: Date;
}

export interface PendingRequestToken {
  readonly token: UserToken;
  readonly returnTo: string;
  readonly kind: FlowKind;
  readonly createdAt: Date;
  readonly expiresAt: Date;
}

/** Why a request token could not be taken. `mismatch`: the binding holds a different token. */
export type TakeRefusal = 'unknown' | 'mismatch' | 'used' | 'expired';

export type TakeRequestTokenResult =
  | { readonly kind: 'taken'; readonly request: PendingRequestToken }
  | { readonly kind: 'refused'; readonly reason: TakeRefusal };

export interface TakeRequestTokenInput {
  readonly binding: string;
  readonly kind: FlowKind;
  /** The token the callback came back with; null for the PIN flow, where the binding is enough. */
  readonly token: string | null;
}

export interface Store {
  /** Inserts or replaces the user's token (sealed), clearing any revocation. */
  saveUserToken(input: UserTokenInput): Promise<void>;
  /**
   * The user's token with its secret opened, or null when none is stored. A row sealed with an
   * older key is re-sealed with the current one. Rejects with `SealError` when it cannot be opened.
   */
  getUserToken(userId: UserId): Promise<StoredUserToken | null>;
  /** Marks the token revoked; resolves false when there was no unrevoked token. */
  markUserTokenRevoked(userId: UserId): Promise<boolean>;
  /** Deletes the token and, with it, every session of the user; resolves whether a row existed. */
  deleteUserToken(userId: UserId): Promise<boolean>;
  /**
   * Deletes the user's token only when no unexpired session of theirs remains, in one
   * transaction. Resolves the deleted token (opened) so it can be invalidated upstream, or null
   * when nothing was deleted or the deleted secret could not be opened.
   */
  deleteUserTokenIfUnused(userId: UserId): Promise<StoredUserToken | null>;

  /** Stores a new session; rejects when the user has no stored token. */
  createSession(input: SessionInput): Promise<void>;
  /** The session for this id, or null when unknown or expired. */
  getSession(id: string): Promise<StoredSession | null>;
  /** Deletes the session; resolves what was deleted, or null when there was none. */
  deleteSession(id: string): Promise<StoredSession | null>;
  /** Deletes every session of the user; resolves how many there were. */
  deleteUserSessions(userId: UserId): Promise<number>;

  /** Stores a pending request token (secret sealed, binding hashed). */
  saveRequestToken(input: RequestTokenInput): Promise<void>;
  /**
   * Atomically marks the request token bound to `binding` as used and resolves it, or resolves
   * why it was refused (unknown, bound to another token, already used, expired). Single use.
   */
  takeRequestToken(input: TakeRequestTokenInput): Promise<TakeRequestTokenResult>;

  /** Resolves when the store answers a trivial query; rejects otherwise (readiness). */
  ping(): Promise<void>;
  /** Closes the underlying connection; later calls reject. */
  close(): void;
}

/** The store could not be opened or migrated. The message names the path, never a secret. */
export class StoreError extends Error {
  override name = 'StoreError';
}
