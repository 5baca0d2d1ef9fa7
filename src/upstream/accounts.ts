/**
 * `GET accounts` and `GET accounts/:account_id`: requests and the decoder of the account object.
 * `approval_status` is kept as text: only `ACCEPTED` is confirmed upstream, other values are
 * UNVERIFIED. Fields beyond the ones below (`salt`, `industry_type`, …) are ignored.
 */
import type { CallOptions, ListAccountsParams } from './ads-api.js';
import {
  asArray,
  asBoolean,
  asOptionalDate,
  asOptionalString,
  asRecord,
  asString,
  decodeBody,
  envelopeData,
  pageFields,
  type JsonRecord,
} from './decode.js';
import { callLabel, type HttpClient, type JsonAnswer } from './http-client.js';
import type { AccountId, AdAccount, Page, Read, ResponseMeta, UserToken } from './types.js';

/** Ids per `account_ids` request (X allows 200 on similar filters; the exact cap is UNVERIFIED). */
export const ACCOUNT_IDS_PER_CALL = 200;

/** `business_id` has been seen as text; a number is accepted defensively. */
function optionalIdText(value: unknown, path: string): string | null {
  if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value);
  return asOptionalString(value, path);
}

/** Decodes one account object found at `path`; throws DecodeError naming the bad field. */
export function decodeAccount(value: unknown, path: string): AdAccount {
  const raw: JsonRecord = asRecord(value, path);
  return {
    id: asString(raw.id, `${path}.id`) as AccountId,
    name: asString(raw.name, `${path}.name`),
    businessName: asOptionalString(raw.business_name, `${path}.business_name`),
    businessId: optionalIdText(raw.business_id, `${path}.business_id`),
    timezone: asOptionalString(raw.timezone, `${path}.timezone`),
    timezoneSwitchAt: asOptionalDate(raw.timezone_switch_at, `${path}.timezone_switch_at`),
    approvalStatus: asOptionalString(raw.approval_status, `${path}.approval_status`),
    // Every documented example carries `deleted`; absent is read as not deleted.
    deleted: asBoolean(raw.deleted, `${path}.deleted`, false),
    createdAt: asOptionalDate(raw.created_at, `${path}.created_at`),
    updatedAt: asOptionalDate(raw.updated_at, `${path}.updated_at`),
  };
}

function decodeAccountsPage(answer: JsonAnswer, label: string): Page<AdAccount> {
  return decodeBody(answer.body, 'accounts', label, (body) => {
    const data = asArray(envelopeData(body), 'data');
    const accounts = data.map((item, index) => decodeAccount(item, `data[${index}]`));
    return { data: accounts, ...pageFields(body), meta: answer.meta };
  });
}

/** `GET accounts`, one page, with the caller's filters. Rejects as `HttpClient.getJson` does. */
export async function fetchAccountsPage(
  http: HttpClient,
  token: UserToken,
  params: ListAccountsParams,
  call?: CallOptions,
): Promise<Page<AdAccount>> {
  const target = { token: token.token, endpoint: 'accounts', accountId: null } as const;
  const answer = await http.getJson(
    {
      target,
      token,
      path: ['accounts'],
      query: {
        account_ids: params.accountIds?.join(','),
        count: params.count,
        cursor: params.cursor,
        q: params.q,
        sort_by: params.sortBy,
        with_deleted: params.withDeleted,
        with_total_count: params.withTotalCount,
      },
    },
    call,
  );
  return decodeAccountsPage(answer, callLabel(target));
}

function chunk<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let start = 0; start < items.length; start += size) {
    chunks.push(items.slice(start, start + size));
  }
  return chunks;
}

/** The most conservative view of the budget: the answer with the fewest calls left. */
function tightestMeta(pages: readonly Page<AdAccount>[]): ResponseMeta | null {
  let best: ResponseMeta | null = null;
  for (const { meta } of pages) {
    const remaining = meta.rateLimit?.remaining ?? Infinity;
    if (best === null || remaining < (best.rateLimit?.remaining ?? Infinity)) best = meta;
  }
  return best;
}

/**
 * `GET accounts` restricted to `accountIds` (deduplicated), 200 ids per call with
 * `count` = chunk size and `with_deleted=true`, the calls in parallel, pages merged in chunk
 * order. Ids the user cannot reach are simply absent. `nextCursor` and `totalCount` are null;
 * `meta` is that of the answer with the fewest calls left. An empty id list makes no call and
 * returns an empty page whose meta says status 200, no rate limit, no access level. Rejects with
 * the first failure of any chunk.
 */
export async function fetchAccountsByIds(
  http: HttpClient,
  token: UserToken,
  params: ListAccountsParams & { accountIds: readonly AccountId[] },
  call?: CallOptions,
): Promise<Page<AdAccount>> {
  const ids = [...new Set(params.accountIds)];
  const pages = await Promise.all(
    chunk(ids, ACCOUNT_IDS_PER_CALL).map((accountIds) =>
      fetchAccountsPage(
        http,
        token,
        {
          q: params.q,
          sortBy: params.sortBy,
          accountIds,
          count: accountIds.length,
          withDeleted: true,
        },
        call,
      ),
    ),
  );
  const meta = tightestMeta(pages) ?? {
    status: 200,
    rateLimit: null,
    accessLevel: null,
    receivedAt: new Date(),
  };
  return { data: pages.flatMap((page) => page.data), nextCursor: null, totalCount: null, meta };
}

/** `GET accounts/:account_id?with_deleted=true`. Rejects as `HttpClient.getJson` does. */
export async function fetchAccount(
  http: HttpClient,
  token: UserToken,
  accountId: AccountId,
  call?: CallOptions,
): Promise<Read<AdAccount>> {
  const target = { token: token.token, endpoint: 'account', accountId } as const;
  const answer = await http.getJson(
    { target, token, path: ['accounts', accountId], query: { with_deleted: true } },
    call,
  );
  const data = decodeBody(answer.body, 'account', callLabel(target), (body) =>
    decodeAccount(envelopeData(body), 'data'),
  );
  return { data, meta: answer.meta };
}
