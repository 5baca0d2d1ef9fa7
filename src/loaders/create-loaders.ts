/**
 * DataLoaders made per request over a `FactReader`. They honour the batch contract (same length
 * and order as the keys; an `Error` in the slot of a failed key) and dedupe within the request;
 * anything shared across requests lives in the reader's cache. Because they die with the
 * request, an `Error` cached in a slot never outlives it.
 */
import DataLoader from 'dataloader';
import type { CachedFact } from '../cache/fact-cache.js';
import type { ListAccountsParams } from '../upstream/ads-api.js';
import type { AccountId, AdAccount, Page, PromotableUser, UserAccess } from '../upstream/types.js';
import type { FactReader } from './fact-reader.js';

export interface Loaders {
  /** null when the user cannot reach the account. */
  readonly account: DataLoader<AccountId, CachedFact<AdAccount | null>>;
  readonly access: DataLoader<AccountId, CachedFact<UserAccess>>;
  readonly promotableUsers: DataLoader<AccountId, CachedFact<readonly PromotableUser[]>>;
  readonly features: DataLoader<AccountId, CachedFact<readonly string[]>>;
  /** One page of `GET accounts`; its accounts are primed into `account`. */
  accountPage(params: ListAccountsParams): Promise<CachedFact<Page<AdAccount>>>;
}

export function createLoaders(reader: FactReader): Loaders {
  const account = new DataLoader((ids: readonly AccountId[]) => reader.accounts(ids));
  const pages = new Map<string, Promise<CachedFact<Page<AdAccount>>>>();

  return {
    account,
    access: perKey((id) => reader.access(id)),
    promotableUsers: perKey((id) => reader.promotableUsers(id)),
    features: perKey((id) => reader.features(id)),
    accountPage(params) {
      const key = JSON.stringify(params);
      let page = pages.get(key);
      if (!page) {
        page = reader.accountPage(params).then((fact) => {
          for (const item of fact.value.data) account.prime(item.id, { ...fact, value: item });
          return fact;
        });
        pages.set(key, page);
      }
      return page;
    },
  };
}

/** A loader for reads that have no batch form upstream: one call per key, all in parallel. */
function perKey<V>(load: (id: AccountId) => Promise<V>): DataLoader<AccountId, V> {
  return new DataLoader((ids: readonly AccountId[]) =>
    Promise.all(ids.map((id) => load(id).catch((error: unknown) => toError(error)))),
  );
}

function toError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
