/**
 * `GET accounts/:account_id/promotable_users`: the account's FULL user (its owner) and its
 * RETWEETS_ONLY users. A type this build does not know decodes with `type: null`, kept in
 * `rawType`.
 */
import type { CallOptions, ListPromotableUsersParams } from './ads-api.js';
import {
  asArray,
  asBoolean,
  asRecord,
  asString,
  asUserId,
  decodeBody,
  envelopeData,
  pageFields,
} from './decode.js';
import { callLabel, type HttpClient } from './http-client.js';
import type { AccountId, Page, PromotableUser, PromotableUserType, UserToken } from './types.js';

function knownType(raw: string): PromotableUserType | null {
  return raw === 'FULL' || raw === 'RETWEETS_ONLY' ? raw : null;
}

/** Decodes one promotable user found at `path`; throws DecodeError naming the bad field. */
export function decodePromotableUser(value: unknown, path: string): PromotableUser {
  const raw = asRecord(value, path);
  const rawType = asString(raw.promotable_user_type, `${path}.promotable_user_type`);
  return {
    id: asString(raw.id, `${path}.id`),
    userId: asUserId(raw.user_id, `${path}.user_id`),
    type: knownType(rawType),
    rawType,
    deleted: asBoolean(raw.deleted, `${path}.deleted`, false),
  };
}

/** One page of promotable users of `accountId`. Rejects as `HttpClient.getJson` does. */
export async function fetchPromotableUsers(
  http: HttpClient,
  token: UserToken,
  accountId: AccountId,
  params: ListPromotableUsersParams = {},
  call?: CallOptions,
): Promise<Page<PromotableUser>> {
  const target = { token: token.token, endpoint: 'promotable_users', accountId } as const;
  const answer = await http.getJson(
    {
      target,
      token,
      path: ['accounts', accountId, 'promotable_users'],
      query: { count: params.count, cursor: params.cursor, with_deleted: params.withDeleted },
    },
    call,
  );
  return decodeBody(answer.body, target.endpoint, callLabel(target), (body) => {
    const data = asArray(envelopeData(body), 'data');
    const users = data.map((item, index) => decodePromotableUser(item, `data[${index}]`));
    return { data: users, ...pageFields(body), meta: answer.meta };
  });
}
