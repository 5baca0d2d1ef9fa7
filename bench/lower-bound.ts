/**
 * The least upstream work a query over N accounts can cost (design.md, "Cost model"), computed
 * from the bench personas' generation rule, not from the service: ⌈N/200⌉ `GET accounts` calls
 * when ids are given or ⌈N/1000⌉ when listing, N `authenticated_user_access` calls, and one
 * `promotable_users` call per account whose PROMOTED_ONLY_POSTS answer needs the FULL-user rule.
 */
import type { Endpoint } from '../src/upstream/types.js';
import { benchPermissions } from './bench-personas.js';
import type { Shape } from './workloads.js';

export type CallCounts = Record<Endpoint, number>;

/** Every Ads API endpoint the service reads. */
export const ADS_ENDPOINTS: readonly Endpoint[] = [
  'accounts',
  'account',
  'authenticated_user_access',
  'promotable_users',
  'features',
];

/** Ids per `GET accounts` call with `account_ids`, and accounts per listed page. */
const IDS_PER_CALL = 200;
const LIST_PAGE = 1000;
/** Roles that reach PROMOTED_ONLY_POSTS through the FULL promotable user when TWEET_COMPOSER is absent. */
const OWNER_RULE_ROLES: readonly string[] = ['ACCOUNT_ADMIN', 'AD_MANAGER', 'CREATIVE_MANAGER'];

/** Returns the lower bound per endpoint for `n` accounts of `bench{n}` in `shape`. */
export function lowerBound(n: number, shape: Shape): CallCounts {
  return {
    accounts: Math.ceil(n / (shape === 'ids' ? IDS_PER_CALL : LIST_PAGE)),
    account: 0,
    authenticated_user_access: n,
    promotable_users: ownerRuleAccounts(n),
    features: 0,
  };
}

/** How many of the first `n` accounts need their promotable users read. */
export function ownerRuleAccounts(n: number): number {
  let count = 0;
  for (let i = 0; i < n; i++) if (needsOwnerRule(i)) count += 1;
  return count;
}

/** True when account i's PROMOTED_ONLY_POSTS answer depends on its FULL promotable user. */
export function needsOwnerRule(i: number): boolean {
  const permissions = benchPermissions(i);
  const role = permissions[0] ?? '';
  return OWNER_RULE_ROLES.includes(role) && !permissions.includes('TWEET_COMPOSER');
}

/** The sum over endpoints. */
export function totalCalls(counts: CallCounts): number {
  return Object.values(counts).reduce((sum, value) => sum + value, 0);
}

/** The Ads API part of a sandbox counter snapshot. */
export function adsCalls(snapshot: Readonly<Record<string, number>>): CallCounts {
  return {
    accounts: snapshot['accounts'] ?? 0,
    account: snapshot['account'] ?? 0,
    authenticated_user_access: snapshot['authenticated_user_access'] ?? 0,
    promotable_users: snapshot['promotable_users'] ?? 0,
    features: snapshot['features'] ?? 0,
  };
}

/** "accounts 1, access 10, promotable_users 3": the non-zero endpoints. */
export function describeCalls(counts: CallCounts): string {
  const names: Record<Endpoint, string> = {
    accounts: 'accounts',
    account: 'account',
    authenticated_user_access: 'access',
    promotable_users: 'promotable',
    features: 'features',
  };
  const parts = (Object.keys(counts) as Endpoint[])
    .filter((endpoint) => counts[endpoint] > 0)
    .map((endpoint) => `${names[endpoint]} ${counts[endpoint]}`);
  return parts.length > 0 ? parts.join(', ') : 'none';
}
