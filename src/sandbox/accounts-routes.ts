/**
 * `GET accounts` and `GET accounts/:account_id`: the ad accounts the token's user can reach.
 */
import { jsonAnswer } from './answer.js';
import type { AdsRoute, AdsRouteContext } from './ads-route-context.js';
import { accountNotFound, reachableAccount } from './ads-route-context.js';
import { pageOf, readPageRequest, sortItems } from './paging.js';
import type { SortKeys } from './paging.js';
import { accountJson } from './wire-format.js';
import type { AccountRecord } from './world.js';

/** Most ids one `account_ids` may hold (UNVERIFIED upstream; other endpoints allow 200). */
export const MAX_ACCOUNT_IDS = 200;

const ACCOUNT_SORT_KEYS: SortKeys<AccountRecord> = {
  created_at: (a) => a.createdAt,
  updated_at: (a) => a.updatedAt,
  deleted: (a) => a.deleted,
  name: (a) => a.name.toLowerCase(),
};

/**
 * Query: account_ids, count, cursor, q (case-insensitive name prefix), sort_by, with_deleted,
 * with_total_count. Ids in account_ids the user cannot reach are simply absent.
 */
export const listAccounts: AdsRoute = (context) => {
  const { params } = context;
  const ids = params.idList('account_ids', MAX_ACCOUNT_IDS);
  const q = params.text('q')?.toLowerCase();
  const withDeleted = params.boolean('with_deleted', false);
  const page = readPageRequest(params);

  const matching = accountsOf(context, ids).filter(
    (a) => (withDeleted || !a.deleted) && (q === undefined || a.name.toLowerCase().startsWith(q)),
  );
  const sorted = sortItems(matching, params, ACCOUNT_SORT_KEYS, 'created_at-asc');
  const result = pageOf(sorted, page);
  return jsonAnswer(200, {
    request: { params: params.echo },
    ...result,
    data: result.data.map(accountJson),
    data_type: 'account',
  });
};

/** Query: with_deleted. 404 NOT_FOUND when unreachable, or deleted without with_deleted. */
export const getAccount: AdsRoute = (context) => {
  const withDeleted = context.params.boolean('with_deleted', false);
  const account = reachableAccount(context);
  if (!account || (account.deleted && !withDeleted)) return accountNotFound(context);
  return jsonAnswer(200, {
    request: { params: context.params.echo },
    data: accountJson(account),
    data_type: 'account',
  });
};

function accountsOf(context: AdsRouteContext, ids: readonly string[] | undefined): AccountRecord[] {
  const { world, persona } = context;
  const wanted = ids ?? persona.accountIds;
  const unique = [...new Set(wanted)];
  return unique.flatMap((id) => {
    const account =
      world.permissions(persona.key, id) === undefined ? undefined : world.accounts.get(id);
    return account ? [account] : [];
  });
}
