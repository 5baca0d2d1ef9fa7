/**
 * The B3 fact source: a `FactReader` that answers from facts prepared in memory, with no cache
 * layer and no upstream HTTP, so the same schema and query measure execution and serialization
 * alone. Facts are copied out of a warm service's cache, so B3 answers exactly what the warm
 * service answers.
 */

/** The page size of the "list mine" query. */
const LIST_PAGE_SIZE = 1000;
import type { CachedFact } from '../src/cache/fact-cache.js';
import {
  createFactReader,
  type FactReader,
  type FactReaderOptions,
  type UpstreamDeps,
} from '../src/loaders/fact-reader.js';
import { parseAccountId } from '../src/upstream/account-id.js';
import type {
  AccountId,
  AdAccount,
  Page,
  PromotableUser,
  UserAccess,
} from '../src/upstream/types.js';

export interface PreparedFacts {
  readonly accounts: ReadonlyMap<string, CachedFact<AdAccount>>;
  readonly access: ReadonlyMap<string, CachedFact<UserAccess>>;
  readonly promotableUsers: ReadonlyMap<string, CachedFact<readonly PromotableUser[]>>;
  /** The one page `me { adAccounts }` lists: every prepared account, in order. */
  readonly page: CachedFact<Page<AdAccount>>;
}

/**
 * Reads the facts of `ids` for the reader's user through the service's own reader, which must
 * answer from the warm cache (the list page with the page size `me { adAccounts(first: 1000) }`
 * asks for), and copies the cached promotable users. Rejects when an account is missing or a
 * read fails; a cold user would make upstream calls, so warm it first.
 */
export async function captureFacts(
  deps: UpstreamDeps,
  options: FactReaderOptions,
  ids: readonly string[],
): Promise<PreparedFacts> {
  const reader = createFactReader(deps, options);
  const accountIds = ids.map(toAccountId);
  const [accountFacts, page] = await Promise.all([
    reader.accounts(accountIds),
    reader.accountPage({ count: LIST_PAGE_SIZE }),
  ]);
  const accounts = new Map<string, CachedFact<AdAccount>>();
  const access = new Map<string, CachedFact<UserAccess>>();
  const promotableUsers = new Map<string, CachedFact<readonly PromotableUser[]>>();
  for (const [index, id] of accountIds.entries()) {
    accounts.set(id, present(accountFacts[index], id));
    access.set(id, await reader.access(id));
    const key = { user: options.user, kind: 'promotableUsers', id } as const;
    const owners = deps.cache.peek<readonly PromotableUser[]>(key);
    if (owners) promotableUsers.set(id, owners);
  }
  return { accounts, access, promotableUsers, page };
}

/** Returns a reader over `facts`; a fact that was not prepared rejects with a plain Error. */
export function createMemoryReader(facts: PreparedFacts): FactReader {
  const from = <T>(map: ReadonlyMap<string, CachedFact<T>>, what: string, id: AccountId) => {
    const fact = map.get(id);
    return fact ? Promise.resolve(fact) : Promise.reject(new Error(`B3 has no ${what} for ${id}`));
  };
  return {
    accounts: (ids) =>
      Promise.resolve(
        ids.map((id) => facts.accounts.get(id) ?? new Error(`B3 has no account ${id}`)),
      ),
    accountPage: () => Promise.resolve(facts.page),
    access: (id) => from(facts.access, 'access', id),
    promotableUsers: (id) => from(facts.promotableUsers, 'promotable users', id),
    features: (id) => Promise.reject(new Error(`B3 prepares no features (asked for ${id})`)),
  };
}

function present(
  fact: CachedFact<AdAccount | null> | Error | undefined,
  id: string,
): CachedFact<AdAccount> {
  if (fact instanceof Error) throw fact;
  if (fact === undefined || fact.value === null) {
    throw new Error(`Account ${id} is not reachable by the warm user; B3 cannot be prepared.`);
  }
  return { ...fact, value: fact.value };
}

function toAccountId(id: string): AccountId {
  const parsed = parseAccountId(id);
  if (parsed === null) throw new Error(`B3 account id "${id}" is not a valid account id.`);
  return parsed;
}
