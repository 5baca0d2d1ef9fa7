import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyMigrations, bundledMigrations } from '../../src/store/migrate.js';
import { SealError } from '../../src/store/seal.js';
import { openStore } from '../../src/store/sqlite-store.js';
import { StoreError, type Store } from '../../src/store/store.js';
import type { UserId } from '../../src/upstream/types.js';
import { keysFrom, newKeyText } from './keys.js';

const alice = '1000000001' as UserId;
const bob = '1000000002' as UserId;
const aliceToken = { token: '1000000001-public', secret: 'alice-secret-4u8QwErTy' };
const bobToken = { token: '1000000002-public', secret: 'bob-secret-9pLmNbVcX' };
const keyText = newKeyText();
const keys = keysFrom(keyText);
const DAY = 24 * 60 * 60 * 1000;

let dir: string;
let path: string;
let clock: number;
let store: Store;

function open(storeKeys = keys): Store {
  return openStore({ path, keys: storeKeys, now: () => clock });
}

function raw(): Database.Database {
  return new Database(path, { readonly: true });
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'xaa-store-'));
  path = join(dir, 'nested', 'dir', 'store.db');
  clock = Date.UTC(2025, 0, 1);
  store = open();
});

afterEach(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('openStore', () => {
  it('creates the file and its directory, in WAL mode, with every migration recorded', () => {
    const db = raw();
    const tables = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
      .pluck()
      .all();
    const versions = db.prepare('SELECT version, name FROM schema_migrations').all();

    expect(existsSync(path)).toBe(true);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(tables).toEqual(['oauth_requests', 'schema_migrations', 'sessions', 'user_tokens']);
    expect(versions).toEqual([{ version: 1, name: '001-initial.sql' }]);
    expect(statSync(path).mode & 0o077).toBe(0);
    db.close();
  });

  it('applies nothing twice when reopened', () => {
    store.close();
    store = open();

    const db = raw();
    expect(db.prepare('SELECT COUNT(*) FROM schema_migrations').pluck().get()).toBe(1);
    db.close();
  });

  it('refuses a database migrated by a newer build', () => {
    store.close();
    const db = new Database(path);
    db.prepare("INSERT INTO schema_migrations VALUES (999, '999-future.sql', 0)").run();
    db.close();

    expect(() => open()).toThrow(StoreError);
    expect(() => open()).toThrow(/version 999, newer than this build knows \(1\)/);
    store = openStore({ path: ':memory:', keys });
  });

  it('rolls back a failing migration whole: no table, no record', () => {
    const db = new Database(':memory:');
    const broken = [
      ...bundledMigrations(),
      { version: 2, name: '002-broken.sql', sql: 'CREATE TABLE extra (a TEXT); CREATE TABLEX;' },
    ];

    expect(() => applyMigrations(db, broken)).toThrow(/Migration 002-broken.sql failed/);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'extra'").get()).toBeUndefined();
    expect(db.prepare('SELECT MAX(version) FROM schema_migrations').pluck().get()).toBe(1);
    db.close();
  });

  it('names the path when the file cannot be opened', () => {
    const blocked = join(dir, 'file-not-dir');
    const db = new Database(blocked);
    db.close();

    expect(() => openStore({ path: join(blocked, 'x.db'), keys })).toThrow(
      `Cannot open the token store at "${join(blocked, 'x.db')}"`,
    );
  });

  it('answers ping while open and rejects after close', async () => {
    await expect(store.ping()).resolves.toBeUndefined();
    store.close();
    await expect(store.ping()).rejects.toThrow();
    store = open();
  });
});

describe('user tokens', () => {
  it('reads back a saved token with its secret', async () => {
    await store.saveUserToken({ userId: alice, screenName: 'alice', token: aliceToken });

    expect(await store.getUserToken(alice)).toEqual({
      userId: alice,
      screenName: 'alice',
      token: aliceToken,
      createdAt: new Date(clock),
      updatedAt: new Date(clock),
      revokedAt: null,
    });
    expect(await store.getUserToken(bob)).toBeNull();
  });

  it('replaces the token on a new sign-in, keeping createdAt and clearing revocation', async () => {
    await store.saveUserToken({ userId: alice, screenName: 'alice', token: aliceToken });
    await store.markUserTokenRevoked(alice);
    const created = clock;
    clock += 1000;
    const fresh = { token: 'fresh', secret: 'fresh-secret' };
    await store.saveUserToken({ userId: alice, screenName: 'alice2', token: fresh });

    const stored = await store.getUserToken(alice);
    expect(stored?.token).toEqual(fresh);
    expect(stored?.screenName).toBe('alice2');
    expect(stored?.createdAt).toEqual(new Date(created));
    expect(stored?.updatedAt).toEqual(new Date(clock));
    expect(stored?.revokedAt).toBeNull();
  });

  it('marks a token revoked once', async () => {
    await store.saveUserToken({ userId: alice, screenName: 'alice', token: aliceToken });

    expect(await store.markUserTokenRevoked(alice)).toBe(true);
    expect(await store.markUserTokenRevoked(alice)).toBe(false);
    expect(await store.markUserTokenRevoked(bob)).toBe(false);
    expect((await store.getUserToken(alice))?.revokedAt).toEqual(new Date(clock));
  });

  it('deletes a token together with its sessions', async () => {
    await store.saveUserToken({ userId: alice, screenName: 'alice', token: aliceToken });
    await store.createSession({ id: 'sess-a', userId: alice, expiresAt: new Date(clock + DAY) });

    expect(await store.deleteUserToken(alice)).toBe(true);
    expect(await store.getUserToken(alice)).toBeNull();
    expect(await store.getSession('sess-a')).toBeNull();
    expect(await store.deleteUserToken(alice)).toBe(false);
  });

  it('never writes a token secret, a session id or a binding value to the file', async () => {
    await store.saveUserToken({ userId: alice, screenName: 'alice', token: aliceToken });
    await store.saveUserToken({ userId: bob, screenName: 'bob', token: bobToken });
    await store.createSession({
      id: 'session-id-PLAIN',
      userId: alice,
      expiresAt: new Date(clock + DAY),
    });
    await store.saveRequestToken({
      token: { token: 'req-token', secret: 'request-secret-QQQ' },
      binding: 'binding-value-PLAIN',
      returnTo: '/',
      kind: 'web',
      expiresAt: new Date(clock + 60_000),
    });
    store.close();

    const bytes = Buffer.concat(
      [path, `${path}-wal`].filter((file) => existsSync(file)).map((file) => readFileSync(file)),
    );
    for (const secret of [aliceToken.secret, bobToken.secret, 'request-secret-QQQ']) {
      expect(bytes.includes(secret)).toBe(false);
    }
    expect(bytes.includes('session-id-PLAIN')).toBe(false);
    expect(bytes.includes('binding-value-PLAIN')).toBe(false);
    expect(bytes.includes(aliceToken.token)).toBe(true);
    store = open();
  });

  it("refuses a sealed secret moved into another user's row (T3)", async () => {
    await store.saveUserToken({ userId: alice, screenName: 'alice', token: aliceToken });
    await store.saveUserToken({ userId: bob, screenName: 'bob', token: bobToken });
    const db = new Database(path);
    db.prepare(
      `UPDATE user_tokens SET (sealed_secret, key_id) =
         (SELECT sealed_secret, key_id FROM user_tokens WHERE user_id = ?) WHERE user_id = ?`,
    ).run(alice, bob);
    db.close();

    await expect(store.getUserToken(bob)).rejects.toThrow(SealError);
    expect((await store.getUserToken(alice))?.token).toEqual(aliceToken);
  });

  it('refuses a stored secret with one flipped bit or a tag cut to 4 bytes (T2)', async () => {
    await store.saveUserToken({ userId: alice, screenName: 'alice', token: aliceToken });
    const db = new Database(path);
    const sealed = db
      .prepare('SELECT sealed_secret FROM user_tokens WHERE user_id = ?')
      .pluck()
      .get(alice) as Buffer;
    const flipped = Buffer.from(sealed);
    flipped[flipped.length - 1] = (flipped[flipped.length - 1] ?? 0) ^ 0x01;
    const update = db.prepare('UPDATE user_tokens SET sealed_secret = ? WHERE user_id = ?');

    update.run(flipped, alice);
    await expect(store.getUserToken(alice)).rejects.toThrow(SealError);
    // Layout: version, 12-byte IV, tag length, tag, ciphertext. Keep 4 tag bytes.
    const cut = Buffer.concat([
      sealed.subarray(0, 13),
      Buffer.from([4]),
      sealed.subarray(14, 18),
      sealed.subarray(30),
    ]);
    update.run(cut, alice);
    await expect(store.getUserToken(alice)).rejects.toThrow(/4-byte tag; 16 expected/);
    db.close();
  });

  it('re-seals a token read with a retired key under the current key', async () => {
    await store.saveUserToken({ userId: alice, screenName: 'alice', token: aliceToken });
    store.close();
    const rotated = keysFrom(newKeyText(), keyText);
    store = open(rotated);

    expect((await store.getUserToken(alice))?.token).toEqual(aliceToken);
    const db = raw();
    expect(db.prepare('SELECT key_id FROM user_tokens').pluck().get()).toBe(rotated[0].id);
    db.close();
    store.close();
    store = open(keysFrom(rotated[0].key.toString('base64')));
    expect((await store.getUserToken(alice))?.token).toEqual(aliceToken);
  });

  it('reports an unknown key id as a SealError naming the id', async () => {
    await store.saveUserToken({ userId: alice, screenName: 'alice', token: aliceToken });
    store.close();
    store = open(keysFrom(newKeyText()));

    await expect(store.getUserToken(alice)).rejects.toThrow(
      `No configured encryption key has id "${keys[0].id}".`,
    );
  });
});

describe('sessions', () => {
  beforeEach(async () => {
    await store.saveUserToken({ userId: alice, screenName: 'alice', token: aliceToken });
  });

  it('reads back a session by its id and stores only the SHA-256 of the id', async () => {
    await store.createSession({ id: 'sess-1', userId: alice, expiresAt: new Date(clock + DAY) });

    expect(await store.getSession('sess-1')).toEqual({
      userId: alice,
      createdAt: new Date(clock),
      expiresAt: new Date(clock + DAY),
    });
    expect(await store.getSession('sess-2')).toBeNull();
    const db = raw();
    expect(db.prepare('SELECT id_hash FROM sessions').pluck().get()).toBe(sha256('sess-1'));
    db.close();
  });

  it('treats an expired session as absent', async () => {
    await store.createSession({ id: 'sess-1', userId: alice, expiresAt: new Date(clock + DAY) });
    clock += DAY;

    expect(await store.getSession('sess-1')).toBeNull();
  });

  it('refuses a session for a user without a stored token', async () => {
    await expect(
      store.createSession({ id: 's', userId: bob, expiresAt: new Date(clock + DAY) }),
    ).rejects.toThrow('Cannot create a session for user 1000000002: no stored token.');
  });

  it('deletes one session and returns it, then all of a user', async () => {
    for (const id of ['s1', 's2', 's3']) {
      await store.createSession({ id, userId: alice, expiresAt: new Date(clock + DAY) });
    }

    expect((await store.deleteSession('s1'))?.userId).toBe(alice);
    expect(await store.deleteSession('s1')).toBeNull();
    expect(await store.deleteUserSessions(alice)).toBe(2);
    expect(await store.getSession('s2')).toBeNull();
  });

  it('deletes the token only when the user has no live session left', async () => {
    await store.createSession({ id: 's1', userId: alice, expiresAt: new Date(clock + DAY) });

    expect(await store.deleteUserTokenIfUnused(alice)).toBeNull();
    expect(await store.getUserToken(alice)).not.toBeNull();
    clock += DAY;
    expect((await store.deleteUserTokenIfUnused(alice))?.token).toEqual(aliceToken);
    expect(await store.getUserToken(alice)).toBeNull();
  });

  it('reads a session and token back after the store is reopened', async () => {
    await store.createSession({ id: 'sess-1', userId: alice, expiresAt: new Date(clock + DAY) });
    store.close();
    store = open();

    expect((await store.getSession('sess-1'))?.userId).toBe(alice);
    expect((await store.getUserToken(alice))?.token).toEqual(aliceToken);
  });
});

describe('request tokens', () => {
  const request = { token: 'req-1', secret: 'req-1-secret' };

  beforeEach(async () => {
    await store.saveRequestToken({
      token: request,
      binding: 'binding-1',
      returnTo: '/after',
      kind: 'web',
      expiresAt: new Date(clock + 10 * 60_000),
    });
  });

  it('hands a token out once, with its secret and returnTo', async () => {
    const first = await store.takeRequestToken({
      binding: 'binding-1',
      kind: 'web',
      token: 'req-1',
    });
    const second = await store.takeRequestToken({
      binding: 'binding-1',
      kind: 'web',
      token: 'req-1',
    });

    expect(first).toMatchObject({ kind: 'taken', request: { token: request, returnTo: '/after' } });
    expect(second).toEqual({ kind: 'refused', reason: 'used' });
  });

  it('hands a token out to exactly one of two concurrent takers', async () => {
    const input = { binding: 'binding-1', kind: 'web', token: 'req-1' } as const;
    const results = await Promise.all([
      store.takeRequestToken(input),
      store.takeRequestToken(input),
    ]);

    expect(results.map((result) => result.kind).sort()).toEqual(['refused', 'taken']);
  });

  it('refuses another token, another binding, another kind and an expired token', async () => {
    const take = (binding: string, kind: 'web' | 'pin', token: string | null) =>
      store.takeRequestToken({ binding, kind, token });

    expect(await take('binding-1', 'web', 'req-2')).toEqual({
      kind: 'refused',
      reason: 'mismatch',
    });
    expect(await take('binding-2', 'web', 'req-1')).toEqual({ kind: 'refused', reason: 'unknown' });
    expect(await take('binding-1', 'pin', null)).toEqual({ kind: 'refused', reason: 'unknown' });
    clock += 10 * 60_000;
    expect(await take('binding-1', 'web', 'req-1')).toEqual({ kind: 'refused', reason: 'expired' });
  });

  it('leaves nothing behind when a write fails', async () => {
    const duplicate = store.saveRequestToken({
      token: { token: 'req-2', secret: 's' },
      binding: 'binding-1',
      returnTo: '/',
      kind: 'web',
      expiresAt: new Date(clock + 60_000),
    });

    await expect(duplicate).rejects.toThrow(/UNIQUE/);
    const db = raw();
    expect(db.prepare('SELECT token FROM oauth_requests').pluck().all()).toEqual(['req-1']);
    db.close();
  });
});

function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}
