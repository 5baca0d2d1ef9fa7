/**
 * What happens when X refuses a user's token (401): the token is marked revoked and every
 * session of the user ends, so the next request asks them to sign in again.
 */
import type { Store } from '../store/store.js';
import type { UserId } from '../upstream/types.js';

/** Marks the user's token revoked and deletes their sessions; rejects when the store fails. */
export async function revokeUser(store: Store, userId: UserId): Promise<void> {
  await store.markUserTokenRevoked(userId);
  await store.deleteUserSessions(userId);
}
