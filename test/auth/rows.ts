import Database from 'better-sqlite3';

/** Row counts of the store's tables, read straight from the file. */
export function countRows(dbPath: string): {
  userTokens: number;
  sessions: number;
  requests: number;
} {
  const db = new Database(dbPath, { readonly: true });
  try {
    const count = (table: string) =>
      Number(db.prepare(`SELECT COUNT(*) FROM ${table}`).pluck().get());
    return {
      userTokens: count('user_tokens'),
      sessions: count('sessions'),
      requests: count('oauth_requests'),
    };
  } finally {
    db.close();
  }
}

/** The stored token row of a user, without its sealed secret. */
export function userTokenRow(
  dbPath: string,
  userId: string,
): { screen_name: string; token: string; key_id: string; revoked_at: number | null } | undefined {
  const db = new Database(dbPath, { readonly: true });
  try {
    return db
      .prepare('SELECT screen_name, token, key_id, revoked_at FROM user_tokens WHERE user_id = ?')
      .get(userId) as
      { screen_name: string; token: string; key_id: string; revoked_at: number | null } | undefined;
  } finally {
    db.close();
  }
}
