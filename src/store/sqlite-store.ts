/**
 * The SQLite implementation of `Store` (better-sqlite3). The file and its directory are created
 * on first open, in WAL mode, and migrated to the bundled schema. better-sqlite3 is synchronous:
 * each operation runs as one transaction inside a single call, so it is atomic within the process,
 * and writes take the write lock up front (`BEGIN IMMEDIATE`) so processes sharing the file cannot
 * interleave a read-then-write.
 */
import { chmodSync, existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { UserId } from '../upstream/types.js';
import { lookupHash } from './lookup-hash.js';
import { applyMigrations, bundledMigrations } from './migrate.js';
import {
  decodeSealed,
  encodeSealed,
  openSecret,
  SealError,
  sealSecret,
  type SealKeys,
} from './seal.js';
import {
  StoreError,
  type FlowKind,
  type PendingRequestToken,
  type RequestTokenInput,
  type SessionInput,
  type Store,
  type StoredSession,
  type StoredUserToken,
  type TakeRequestTokenInput,
  type TakeRefusal,
  type TakeRequestTokenResult,
  type UserTokenInput,
} from './store.js';

/** Pending request tokens are kept this long past expiry so a replay reads as "used". */
const REQUEST_TOKEN_GRACE_MS = 60 * 60 * 1000;

export interface OpenStoreOptions {
  /** Path of the SQLite file (`:memory:` for a throwaway store). */
  readonly path: string;
  /** `config.encryptionKeys`: the first seals, every one opens. */
  readonly keys: SealKeys;
  /** Clock in epoch milliseconds; defaults to `Date.now`. */
  readonly now?: () => number;
}

interface UserTokenRow {
  user_id: string;
  screen_name: string;
  token: string;
  sealed_secret: Buffer;
  key_id: string;
  created_at: number;
  updated_at: number;
  revoked_at: number | null;
}

interface SessionRow {
  user_id: string;
  created_at: number;
  expires_at: number;
}

interface RequestTokenRow {
  token: string;
  sealed_secret: Buffer;
  key_id: string;
  return_to: string;
  kind: FlowKind;
  created_at: number;
  expires_at: number;
  used_at: number | null;
}

/**
 * Opens (creating when missing) the SQLite store at `path` and applies pending migrations.
 * Throws `StoreError` naming the path when the file cannot be opened or migrated.
 */
export function openStore(options: OpenStoreOptions): Store {
  const db = openDatabase(options.path);
  try {
    applyMigrations(db, bundledMigrations());
  } catch (error) {
    db.close();
    throw error;
  }
  return new SqliteStore(db, options.keys, options.now ?? Date.now);
}

function openDatabase(path: string): Database.Database {
  const inMemory = path === ':memory:' || path === '';
  const created = !inMemory && !existsSync(path);
  try {
    if (!inMemory) mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    const db = new Database(path);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    // The file holds sealed secrets; keep it to the service's own user.
    if (created) chmodSync(path, 0o600);
    return db;
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new StoreError(`Cannot open the token store at "${path}": ${reason}`, { cause });
  }
}

function userTokenData(userId: string): string {
  return `user-token\0${userId}`;
}

function requestTokenData(token: string): string {
  return `request-token\0${token}`;
}

class SqliteStore implements Store {
  constructor(
    private readonly db: Database.Database,
    private readonly keys: SealKeys,
    private readonly now: () => number,
  ) {}

  async saveUserToken(input: UserTokenInput): Promise<void> {
    const sealed = sealSecret(this.keys, input.token.secret, userTokenData(input.userId));
    const now = this.now();
    this.write(() => {
      this.db
        .prepare(
          `INSERT INTO user_tokens
             (user_id, screen_name, token, sealed_secret, key_id, created_at, updated_at, revoked_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, NULL)
           ON CONFLICT (user_id) DO UPDATE SET
             screen_name = excluded.screen_name, token = excluded.token,
             sealed_secret = excluded.sealed_secret, key_id = excluded.key_id,
             updated_at = excluded.updated_at, revoked_at = NULL`,
        )
        .run(
          input.userId,
          input.screenName,
          input.token.token,
          encodeSealed(sealed),
          sealed.keyId,
          now,
          now,
        );
    });
  }

  async getUserToken(userId: UserId): Promise<StoredUserToken | null> {
    const row = this.db
      .prepare<[string], UserTokenRow>('SELECT * FROM user_tokens WHERE user_id = ?')
      .get(userId);
    if (!row) return null;
    return this.openUserToken(row, true);
  }

  async markUserTokenRevoked(userId: UserId): Promise<boolean> {
    const now = this.now();
    return this.write(
      () =>
        this.db
          .prepare(
            `UPDATE user_tokens SET revoked_at = ?, updated_at = ?
             WHERE user_id = ? AND revoked_at IS NULL`,
          )
          .run(now, now, userId).changes > 0,
    );
  }

  async deleteUserToken(userId: UserId): Promise<boolean> {
    return this.write(
      () => this.db.prepare('DELETE FROM user_tokens WHERE user_id = ?').run(userId).changes > 0,
    );
  }

  async deleteUserTokenIfUnused(userId: UserId): Promise<StoredUserToken | null> {
    const now = this.now();
    const row = this.write(() => {
      this.db
        .prepare('DELETE FROM sessions WHERE user_id = ? AND expires_at <= ?')
        .run(userId, now);
      const live = this.db.prepare('SELECT 1 FROM sessions WHERE user_id = ? LIMIT 1').get(userId);
      if (live) return undefined;
      return this.db
        .prepare<[string], UserTokenRow>('DELETE FROM user_tokens WHERE user_id = ? RETURNING *')
        .get(userId);
    });
    if (!row) return null;
    try {
      return this.openUserToken(row, false);
    } catch (error) {
      if (error instanceof SealError) return null;
      throw error;
    }
  }

  async createSession(input: SessionInput): Promise<void> {
    const now = this.now();
    this.write(() => {
      const owner = this.db
        .prepare('SELECT 1 FROM user_tokens WHERE user_id = ?')
        .get(input.userId);
      if (!owner) {
        throw new StoreError(`Cannot create a session for user ${input.userId}: no stored token.`);
      }
      this.db.prepare('DELETE FROM sessions WHERE expires_at <= ?').run(now);
      this.db
        .prepare(
          'INSERT INTO sessions (id_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)',
        )
        .run(lookupHash(input.id), input.userId, now, input.expiresAt.getTime());
    });
  }

  async getSession(id: string): Promise<StoredSession | null> {
    const row = this.db
      .prepare<[string, number], SessionRow>(
        'SELECT user_id, created_at, expires_at FROM sessions WHERE id_hash = ? AND expires_at > ?',
      )
      .get(lookupHash(id), this.now());
    return row ? sessionFrom(row) : null;
  }

  async deleteSession(id: string): Promise<StoredSession | null> {
    const row = this.write(() =>
      this.db
        .prepare<[string], SessionRow>(
          'DELETE FROM sessions WHERE id_hash = ? RETURNING user_id, created_at, expires_at',
        )
        .get(lookupHash(id)),
    );
    return row ? sessionFrom(row) : null;
  }

  async deleteUserSessions(userId: UserId): Promise<number> {
    return this.write(
      () => this.db.prepare('DELETE FROM sessions WHERE user_id = ?').run(userId).changes,
    );
  }

  async saveRequestToken(input: RequestTokenInput): Promise<void> {
    const sealed = sealSecret(this.keys, input.token.secret, requestTokenData(input.token.token));
    const now = this.now();
    this.write(() => {
      this.db
        .prepare('DELETE FROM oauth_requests WHERE expires_at < ?')
        .run(now - REQUEST_TOKEN_GRACE_MS);
      this.db
        .prepare(
          `INSERT INTO oauth_requests (token, sealed_secret, key_id, binding_hash, return_to, kind,
             created_at, expires_at, used_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL)`,
        )
        .run(
          input.token.token,
          encodeSealed(sealed),
          sealed.keyId,
          lookupHash(input.binding),
          input.returnTo,
          input.kind,
          now,
          input.expiresAt.getTime(),
        );
    });
  }

  async takeRequestToken(input: TakeRequestTokenInput): Promise<TakeRequestTokenResult> {
    const now = this.now();
    const outcome = this.write(() => {
      const row = this.db
        .prepare<[string], RequestTokenRow>('SELECT * FROM oauth_requests WHERE binding_hash = ?')
        .get(lookupHash(input.binding));
      const refusal = refuseRequestToken(row, input, now);
      if (refusal || !row) return { kind: 'refused', reason: refusal ?? 'unknown' } as const;
      this.db.prepare('UPDATE oauth_requests SET used_at = ? WHERE token = ?').run(now, row.token);
      return { kind: 'taken', row } as const;
    });
    if (outcome.kind === 'refused') return outcome;
    return { kind: 'taken', request: this.openRequestToken(outcome.row) };
  }

  async ping(): Promise<void> {
    this.db.prepare('SELECT 1').get();
  }

  close(): void {
    this.db.close();
  }

  /** Runs `work` as one immediate transaction (rolled back when it throws). */
  private write<T>(work: () => T): T {
    return this.db.transaction(work).immediate();
  }

  private openUserToken(row: UserTokenRow, resealWhenStale: boolean): StoredUserToken {
    const sealed = decodeSealed(row.key_id, row.sealed_secret);
    const opened = openSecret(this.keys, sealed, userTokenData(row.user_id));
    if (opened.stale && resealWhenStale) this.resealUserToken(row, opened.plaintext);
    return {
      userId: row.user_id as UserId,
      screenName: row.screen_name,
      token: { token: row.token, secret: opened.plaintext },
      createdAt: new Date(row.created_at),
      updatedAt: new Date(row.updated_at),
      revokedAt: row.revoked_at === null ? null : new Date(row.revoked_at),
    };
  }

  /** Re-seals with the current key, unless the row changed since it was read. */
  private resealUserToken(row: UserTokenRow, secret: string): void {
    const sealed = sealSecret(this.keys, secret, userTokenData(row.user_id));
    this.write(() =>
      this.db
        .prepare(
          `UPDATE user_tokens SET sealed_secret = ?, key_id = ?
           WHERE user_id = ? AND key_id = ? AND sealed_secret = ?`,
        )
        .run(encodeSealed(sealed), sealed.keyId, row.user_id, row.key_id, row.sealed_secret),
    );
  }

  private openRequestToken(row: RequestTokenRow): PendingRequestToken {
    const sealed = decodeSealed(row.key_id, row.sealed_secret);
    const opened = openSecret(this.keys, sealed, requestTokenData(row.token));
    return {
      token: { token: row.token, secret: opened.plaintext },
      returnTo: row.return_to,
      kind: row.kind,
      createdAt: new Date(row.created_at),
      expiresAt: new Date(row.expires_at),
    };
  }
}

function refuseRequestToken(
  row: RequestTokenRow | undefined,
  input: TakeRequestTokenInput,
  now: number,
): TakeRefusal | null {
  if (!row || row.kind !== input.kind) return 'unknown';
  if (input.token !== null && row.token !== input.token) return 'mismatch';
  if (row.used_at !== null) return 'used';
  if (row.expires_at <= now) return 'expired';
  return null;
}

function sessionFrom(row: SessionRow): StoredSession {
  return {
    userId: row.user_id as UserId,
    createdAt: new Date(row.created_at),
    expiresAt: new Date(row.expires_at),
  };
}
