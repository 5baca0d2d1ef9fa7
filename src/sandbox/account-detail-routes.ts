/**
 * The per-account reads: `authenticated_user_access`, `promotable_users` and `features`. Each
 * answers 404 NOT_FOUND for an account the token's user cannot reach; deleted accounts the user
 * can reach are answered.
 */
import { jsonAnswer } from './answer.js';
import type { AdsRoute } from './ads-route-context.js';
import { accountNotFound, reachableAccount } from './ads-route-context.js';
import type { SortKeys } from './paging.js';
import { pageOf, readPageRequest, sortItems } from './paging.js';
import { promotableUserJson } from './wire-format.js';
import type { PromotableUserRecord } from './world.js';

export const MAX_PROMOTABLE_USER_IDS = 200;

/** `{ data: { user_id (string), permissions } }` for the token's user on the account. */
export const authenticatedUserAccess: AdsRoute = (context) => {
  const account = reachableAccount(context);
  const permissions = account && context.world.permissions(context.persona.key, account.id);
  if (!account || !permissions) return accountNotFound(context);
  return jsonAnswer(200, {
    data: { user_id: context.persona.userId, permissions: [...permissions] },
    request: { params: context.params.echo },
  });
};

const PROMOTABLE_USER_SORT_KEYS: SortKeys<PromotableUserRecord> = {
  created_at: (u) => u.createdAt,
  updated_at: (u) => u.updatedAt,
  deleted: (u) => u.deleted,
};

/** Query: count, cursor, promotable_user_ids, sort_by, with_deleted, with_total_count. */
export const promotableUsers: AdsRoute = (context) => {
  const { params } = context;
  const ids = params.idList('promotable_user_ids', MAX_PROMOTABLE_USER_IDS);
  const withDeleted = params.boolean('with_deleted', false);
  const page = readPageRequest(params);
  const account = reachableAccount(context);
  if (!account) return accountNotFound(context);

  const matching = account.promotableUsers.filter(
    (u) => (withDeleted || !u.deleted) && (ids === undefined || ids.includes(u.id)),
  );
  const result = pageOf(
    sortItems(matching, params, PROMOTABLE_USER_SORT_KEYS, 'created_at-asc'),
    page,
  );
  return jsonAnswer(200, {
    request: { params: params.echo },
    ...result,
    data: result.data.map((u) => promotableUserJson(u, account.id)),
    data_type: 'promotable_user',
  });
};

/** Query: feature_keys (only those the account has come back). `data` is an array of keys. */
export const features: AdsRoute = (context) => {
  const keys = context.params.list('feature_keys');
  const account = reachableAccount(context);
  if (!account) return accountNotFound(context);
  const data =
    keys === undefined ? account.features : account.features.filter((f) => keys.includes(f));
  return jsonAnswer(200, {
    request: { params: context.params.echo },
    data: [...data],
    data_type: 'features',
  });
};
