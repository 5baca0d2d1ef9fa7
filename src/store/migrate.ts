/**
 * Schema migrations: `migrations/NNN-name.sql`, applied in order of NNN, each in its own
 * immediate transaction together with its row in `schema_migrations`, so a failed migration
 * leaves nothing behind and two processes opening the same file do not apply one twice.
 */
import { readdirSync, readFileSync } from 'node:fs';
import type { Database } from 'better-sqlite3';
import { StoreError } from './store.js';

const MIGRATIONS_DIR = new URL('./migrations/', import.meta.url);
const FILE_PATTERN = /^(\d{3})-[a-z0-9-]+\.sql$/;

export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

/** The migrations shipped with this build, in ascending version order. */
export function bundledMigrations(dir: URL = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir)
    .flatMap((name) => {
      const match = FILE_PATTERN.exec(name);
      if (!match?.[1]) return [];
      return [{ version: Number(match[1]), name, sql: readFileSync(new URL(name, dir), 'utf8') }];
    })
    .sort((a, b) => a.version - b.version);
}

/**
 * Applies every migration not yet recorded. Throws `StoreError` when the database was migrated
 * by a newer build (a version this build does not know) or a migration fails.
 */
export function applyMigrations(db: Database, migrations: readonly Migration[]): void {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL) STRICT`);
  refuseNewerSchema(db, migrations);

  for (const migration of migrations) {
    const apply = db.transaction(() => {
      const done = db
        .prepare('SELECT 1 FROM schema_migrations WHERE version = ?')
        .get(migration.version);
      if (done) return;
      db.exec(migration.sql);
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(
        migration.version,
        migration.name,
        Date.now(),
      );
    });
    try {
      apply.immediate();
    } catch (cause) {
      const reason = cause instanceof Error ? cause.message : String(cause);
      throw new StoreError(`Migration ${migration.name} failed: ${reason}`, { cause });
    }
  }
}

function refuseNewerSchema(db: Database, migrations: readonly Migration[]): void {
  const row = db.prepare('SELECT MAX(version) AS version FROM schema_migrations').get() as
    { version: number | null } | undefined;
  const known = migrations.at(-1)?.version ?? 0;
  if (row?.version != null && row.version > known) {
    throw new StoreError(
      `The database schema is at version ${row.version}, newer than this build knows (${known}).`,
    );
  }
}
