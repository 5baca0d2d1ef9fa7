/**
 * `GET accounts/:account_id/authenticated_user_access`: the token user's permissions on one
 * account. `user_id` has been a JSON number (v3/v4 docs) and a string (v12): both become decimal
 * text. Permission values this build does not know are kept in `unknownPermissions`.
 */
import type { CallOptions } from './ads-api.js';
import { asArray, asRecord, asUserId, decodeBody, envelopeData } from './decode.js';
import { callLabel, type HttpClient } from './http-client.js';
import {
  KNOWN_PERMISSIONS,
  type AccountId,
  type Permission,
  type Read,
  type UserAccess,
  type UserToken,
} from './types.js';

const KNOWN = new Set<string>(KNOWN_PERMISSIONS);

function isPermission(value: string): value is Permission {
  return KNOWN.has(value);
}

/**
 * Decodes the `data` object; throws DecodeError when `user_id` or `permissions` is missing or of
 * the wrong type. Non-text permission entries are kept, as JSON text, in `unknownPermissions`;
 * duplicates are dropped.
 */
export function decodeUserAccess(value: unknown, path: string): UserAccess {
  const raw = asRecord(value, path);
  const entries = asArray(raw.permissions, `${path}.permissions`);
  const permissions = new Set<Permission>();
  const unknownPermissions = new Set<string>();
  for (const entry of entries) {
    const text = typeof entry === 'string' ? entry : JSON.stringify(entry);
    if (isPermission(text)) permissions.add(text);
    else unknownPermissions.add(text);
  }
  return {
    userId: asUserId(raw.user_id, `${path}.user_id`),
    permissions: [...permissions],
    unknownPermissions: [...unknownPermissions],
  };
}

/** Reads the permissions of the token's user on `accountId`. Rejects as `getJson` does. */
export async function fetchAuthenticatedUserAccess(
  http: HttpClient,
  token: UserToken,
  accountId: AccountId,
  call?: CallOptions,
): Promise<Read<UserAccess>> {
  const target = { token: token.token, endpoint: 'authenticated_user_access', accountId } as const;
  const answer = await http.getJson(
    { target, token, path: ['accounts', accountId, 'authenticated_user_access'] },
    call,
  );
  const data = decodeBody(answer.body, target.endpoint, callLabel(target), (body) =>
    decodeUserAccess(envelopeData(body), 'data'),
  );
  return { data, meta: answer.meta };
}
