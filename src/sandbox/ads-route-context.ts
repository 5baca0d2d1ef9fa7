/**
 * What an Ads API route reads: the loaded world, the authenticated persona, the path's account
 * and the query. Also the lookups every account route shares.
 */
import type { Answer } from './answer.js';
import { xError } from './answer.js';
import type { QueryParams } from './query-params.js';
import type { Persona } from './types.js';
import type { AccountRecord, SandboxWorld } from './world.js';

export interface AdsRouteContext {
  readonly world: SandboxWorld;
  readonly persona: Persona;
  /** The `:account_id` of the path; null for `GET accounts`. */
  readonly accountId: string | null;
  readonly params: QueryParams;
}

/** A route: returns its answer; may throw ParameterError for a 400. */
export type AdsRoute = (context: AdsRouteContext) => Answer;

/** The path's account when the persona can reach it (deleted or not), else undefined. */
export function reachableAccount(context: AdsRouteContext): AccountRecord | undefined {
  const { world, persona, accountId } = context;
  if (accountId === null || world.permissions(persona.key, accountId) === undefined)
    return undefined;
  return world.accounts.get(accountId);
}

/**
 * 404 NOT_FOUND for an account the token's user cannot reach. What X answers then is UNVERIFIED
 * (403 ACCOUNT_NOT_FOUND and 401 are also plausible); the sandbox picks 404 NOT_FOUND.
 */
export function accountNotFound(context: AdsRouteContext): Answer {
  const id = context.accountId ?? '';
  return xError(
    404,
    { code: 'NOT_FOUND', message: `Account ${id} was not found`, parameter: 'account_id' },
    context.params.echo,
  );
}
