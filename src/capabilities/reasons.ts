/**
 * The sentences a UI shows beside a capability answer. They use the UI's labels for roles, and
 * name `TWEET_COMPOSER` only where the API constant helps someone find the grant.
 */
import type { Permission, Role, UserAccess } from '../upstream/types.js';
import { APP_TIER_LABELS, PERMISSION_LABELS } from './features.js';
import type { AppTier } from './features.js';
import type { Unavailable } from './facts.js';
import { heldRoles } from './held-roles.js';

/** Why a feature is granted. */
export type Grant =
  | { readonly kind: 'role'; readonly role: Role }
  | { readonly kind: 'composer' }
  | { readonly kind: 'owner'; readonly role: Role };

/** One thing that blocks a feature; a gate can report more than one. */
export type Problem =
  | { readonly kind: 'role'; readonly needed: readonly Permission[]; readonly access: UserAccess }
  | { readonly kind: 'composer'; readonly ownerCould: boolean; readonly access: UserAccess }
  | { readonly kind: 'tier'; readonly tier: AppTier }
  | { readonly kind: 'read-only' }
  | { readonly kind: 'deleted' }
  | { readonly kind: 'not-approved'; readonly status: string };

/** Returns the sentence for an allowed feature, e.g. "Allowed: you are Account administrator." */
export function allowedReason(grant: Grant): string {
  switch (grant.kind) {
    case 'role':
      return `Allowed: you are ${PERMISSION_LABELS[grant.role]}.`;
    case 'composer':
      return 'Allowed: you can compose posts for this account (TWEET_COMPOSER).';
    case 'owner':
      return `Allowed: you are this account's owner (its FULL promotable user) and ${PERMISSION_LABELS[grant.role]}.`;
  }
}

/**
 * Returns one or two sentences for a denial. `problems` come in gate order; a role or composer
 * problem leads with its own sentence and the rest follow as one "Also, …" sentence. Throws a
 * plain `Error` when `problems` is empty.
 */
export function deniedReason(problems: readonly Problem[]): string {
  const [first, ...rest] = problems;
  if (first === undefined) throw new Error('deniedReason needs at least one problem, got none.');
  if (first.kind === 'role' || first.kind === 'composer') {
    const lead = grantSentence(first);
    return rest.length === 0 ? lead : `${lead} Also, ${joinClauses(rest.map(clause))}.`;
  }
  if (rest.length === 0) return standaloneSentence(first);
  return `${capitalize(joinClauses(problems.map(clause)))}.`;
}

/** Returns the sentence for an answer that could not be checked, naming the cause. */
export function unknownReason(fact: Unavailable): string {
  switch (fact.cause) {
    case 'rate-limited':
      return fact.retryAfter === null
        ? "Could not check: X's rate limit for this account is used up; try again later."
        : `Could not check: X's rate limit for this account resets at ${isoSeconds(fact.retryAfter)}.`;
    case 'unavailable':
      return 'Could not check: X did not answer.';
    case 'bad-response':
      return 'Could not check: X sent an answer this service could not read.';
    case 'token-rejected':
      return 'Could not check: X no longer accepts your sign-in; sign in again.';
  }
}

/** The sentence for a missing role or composer grant. */
function grantSentence(problem: Extract<Problem, { kind: 'role' | 'composer' }>): string {
  if (problem.kind === 'role') {
    const labels = problem.needed.map((permission) => PERMISSION_LABELS[permission]);
    return `Requires ${orList(labels)}; ${whoYouAre(problem.access)}.`;
  }
  const owner = problem.ownerCould ? ', or being its owner' : '';
  return `Requires the post composer permission (TWEET_COMPOSER) on this account${owner}; ${whoYouAre(problem.access)}.`;
}

/** The sentence for a non-role problem when it is the only one. */
function standaloneSentence(problem: Problem): string {
  if (problem.kind === 'tier') {
    return `Not available to this app: it has ${APP_TIER_LABELS[problem.tier]} Ads API access.`;
  }
  return `${capitalize(clause(problem))}.`;
}

/** The lower-case clause for a problem, to be joined with others. */
function clause(problem: Problem): string {
  switch (problem.kind) {
    case 'role':
    case 'composer':
      return grantSentence(problem);
    case 'tier':
      return `this app has ${APP_TIER_LABELS[problem.tier]} Ads API access`;
    case 'read-only':
      return "this app's token is read-only";
    case 'deleted':
      return 'this ad account is deleted';
    case 'not-approved':
      return `this ad account is not approved yet (status ${problem.status})`;
  }
}

/** "you are Ad manager", or what stands in for a role when there is none this build knows. */
function whoYouAre(access: UserAccess): string {
  const roles = heldRoles(access);
  if (roles.length > 0) return `you are ${andList(roles.map((role) => PERMISSION_LABELS[role]))}`;
  if (access.unknownPermissions.length > 0) {
    return `you have no role this service recognises (X sent ${access.unknownPermissions.join(', ')})`;
  }
  return 'you have no role on this account';
}

function orList(items: readonly string[]): string {
  return joinList(items, 'or');
}

function andList(items: readonly string[]): string {
  return joinList(items, 'and');
}

function joinClauses(clauses: readonly string[]): string {
  return andList(clauses);
}

/** "a", "a or b", "a, b or c". */
function joinList(items: readonly string[], word: 'and' | 'or'): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${word} ${items.at(-1) ?? ''}`;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** ISO 8601 to the second, rounded up so the time shown is never before the real reset. */
function isoSeconds(date: Date): string {
  const rounded = new Date(Math.ceil(date.getTime() / 1000) * 1000);
  return rounded.toISOString().replace('.000Z', 'Z');
}
